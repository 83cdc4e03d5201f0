/*
 * Messengers cap a message's length, so a long text goes in several. Nothing may be lost on the way:
 * the chunks, put together, are the text. A break goes after a line break if one lies in the second
 * half of the chunk, else after a space there, else anywhere between two characters (never inside
 * a surrogate pair, an HTML entity or a tag).
 */

interface Piece {
  value: string
  /** An opening tag's name, or a closing tag's with a leading "/", for Telegram HTML. */
  tag?: string
}

const breakScore = (value: string): number => (value === '\n' ? 2 : value === ' ' ? 1 : 0)

interface Open {
  name: string
  markup: string
}

const closing = (open: Open[]): string =>
  open
    .map((o) => `</${o.name}>`)
    .reverse()
    .join('')

function after(open: Open[], piece: Piece): Open[] {
  if (piece.tag === undefined) return open
  if (!piece.tag.startsWith('/')) return [...open, { name: piece.tag, markup: piece.value }]
  const name = piece.tag.slice(1)
  const at = open.map((o) => o.name).lastIndexOf(name)
  return at === -1 ? open : open.slice(0, at)
}

/** Cuts pieces into chunks of at most `limit` UTF-16 units, open tags closed at a cut and reopened after it. */
function pack(pieces: Piece[], limit: number): string[] {
  const chunks: string[] = []
  let start = 0
  let openAtStart: Open[] = []
  while (start < pieces.length) {
    const prefix = openAtStart.map((o) => o.markup).join('')
    let length = prefix.length
    let open = openAtStart
    let end = start
    // The best place to break so far: [score, piece index after it, tags open there].
    let best: { score: number; end: number; open: Open[] } | null = null
    while (end < pieces.length) {
      const piece = pieces[end] as Piece
      const next = after(open, piece)
      if (length + piece.value.length + closing(next).length > limit) break
      length += piece.value.length
      open = next
      end += 1
      const score = breakScore(piece.value)
      if (score > 0 && length * 2 >= limit && (best === null || score >= best.score)) best = { score, end, open }
    }
    if (end === pieces.length) {
      chunks.push(
        prefix +
          pieces
            .slice(start)
            .map((p) => p.value)
            .join(''),
      )
      break
    }
    // A piece longer than the limit on its own (a limit smaller than a tag) goes alone rather than loop.
    const cut = best ?? (end > start ? { end, open } : { end: start + 1, open: after(open, pieces[start] as Piece) })
    chunks.push(
      prefix +
        pieces
          .slice(start, cut.end)
          .map((p) => p.value)
          .join('') +
        closing(cut.open),
    )
    start = cut.end
    openAtStart = cut.open
  }
  return chunks.length === 0 ? [''] : chunks
}

const SYMBOL = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g
const HTML_PIECE =
  /<\/?([a-zA-Z][\w-]*)[^>]*>|&(?:#\d+|#x[\da-fA-F]+|[a-zA-Z]+);|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g

/** Plain text (Viber) in chunks of at most `limit` UTF-16 units whose concatenation is the text. */
export function splitAtLines(text: string, limit: number): string[] {
  return pack(
    [...text.matchAll(SYMBOL)].map((m) => ({ value: m[0] })),
    limit,
  )
}

/**
 * Telegram HTML in chunks of at most `limit` UTF-16 units, each valid HTML on its own: an entity or
 * a tag is never cut, and a tag open at a cut is closed before it and opened again after it.
 */
export function splitHtml(html: string, limit: number): string[] {
  const pieces = [...html.matchAll(HTML_PIECE)].map((m): Piece => {
    const [value, name] = m
    if (name === undefined) return { value }
    return { value, tag: value.startsWith('</') ? `/${name}` : name }
  })
  return pack(pieces, limit)
}
