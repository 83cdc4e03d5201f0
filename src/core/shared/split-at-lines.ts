/**
 * Splits a text into chunks of at most `limit` characters at line breaks, so a long message
 * passes a messenger's size limit in several; a single overlong line is cut.
 */
export function splitAtLines(text: string, limit: number): string[] {
  const chunks: string[] = []
  let current = ''
  for (const line of text.split('\n')) {
    const piece = line.length > limit ? line.slice(0, limit) : line
    if (current !== '' && current.length + 1 + piece.length > limit) {
      chunks.push(current)
      current = piece
    } else current = current === '' ? piece : `${current}\n${piece}`
  }
  if (current !== '' || chunks.length === 0) chunks.push(current)
  return chunks
}
