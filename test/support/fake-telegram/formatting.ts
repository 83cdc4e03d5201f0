import type { MessageEntity } from 'grammy/types'
import { badRequest } from './types.js'

export interface FormattedText {
  text: string
  entities: MessageEntity[] | undefined
}

type FormattingType = 'bold' | 'italic' | 'underline' | 'strikethrough' | 'text_link' | 'code' | 'pre' | 'spoiler'

const HTML_TAGS: Record<string, FormattingType | 'blockquote'> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  blockquote: 'blockquote',
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' }

const cantParse = (detail: string) => badRequest(`can't parse entities: ${detail}`)
const byteOffset = (source: string, index: number) => Buffer.byteLength(source.slice(0, index), 'utf8')

interface OpenTag {
  name: string
  offset: number
  attributes: Record<string, string>
  language?: string
}

function attributesOf(source: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const match of source.matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const name = match[1]
    if (name !== undefined) attributes[name.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? ''
  }
  return attributes
}

function entityOf(tag: OpenTag, offset: number, length: number): MessageEntity | undefined {
  const type = HTML_TAGS[tag.name]
  if (type === 'text_link') {
    const url = tag.attributes.href
    return url ? { type, offset, length, url } : undefined
  }
  if (type === 'pre') return tag.language ? { type, offset, length, language: tag.language } : { type, offset, length }
  if (type === 'blockquote') {
    return { type: 'expandable' in tag.attributes ? 'expandable_blockquote' : 'blockquote', offset, length }
  }
  return type === undefined ? undefined : { type, offset, length }
}

/** Telegram's HTML parse mode: a closed tag set, strict nesting, and `<` and `&` always escaped. */
export function parseHtml(source: string): FormattedText {
  let text = ''
  const stack: OpenTag[] = []
  const entities: MessageEntity[] = []
  let index = 0
  while (index < source.length) {
    const char = source.charAt(index)
    if (char === '&') {
      const match = /^&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/i.exec(source.slice(index, index + 12))
      const name = match?.[1] ?? ''
      const decoded = name.startsWith('#') ? codePoint(name) : NAMED_ENTITIES[name]
      if (match === null || decoded === undefined) {
        throw cantParse(`Character '&' at byte offset ${byteOffset(source, index)} must be escaped as "&amp;"`)
      }
      text += decoded
      index += match[0].length
      continue
    }
    if (char !== '<') {
      text += char
      index += 1
      continue
    }
    const end = source.indexOf('>', index)
    const at = byteOffset(source, index)
    if (end < 0) throw cantParse(`Unclosed start tag at byte offset ${at}`)
    const inner = source.slice(index + 1, end)
    index = end + 1
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase()
      const open = stack.pop()
      if (!open) throw cantParse(`Unexpected end tag at byte offset ${at}`)
      if (open.name !== name) {
        throw cantParse(`Unmatched end tag at byte offset ${at}, expected "</${open.name}>", found "</${name}>"`)
      }
      // Telegram folds <pre><code> into one pre entity.
      const inPre = open.name === 'code' && stack.at(-1)?.name === 'pre'
      const entity = inPre ? undefined : entityOf(open, open.offset, text.length - open.offset)
      if (entity && entity.length > 0) entities.push(entity)
      continue
    }
    const match = /^([a-z][\w-]*)(\s[^]*)?$/i.exec(inner)
    const name = match?.[1]?.toLowerCase() ?? ''
    if (!(name in HTML_TAGS)) throw cantParse(`Unsupported start tag "${name || inner}" at byte offset ${at}`)
    const attributes = attributesOf(match?.[2] ?? '')
    if (name === 'span' && attributes.class !== 'tg-spoiler') {
      throw cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`)
    }
    const parent = stack.at(-1)
    const language = /^language-(.+)$/.exec(attributes.class ?? '')?.[1]
    if (name === 'code' && parent?.name === 'pre' && language !== undefined) parent.language = language
    stack.push({ name, offset: text.length, attributes })
  }
  const unclosed = stack.at(-1)
  if (unclosed) throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.name}"`)
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length)
  return { text, entities: entities.length > 0 ? entities : undefined }
}

function codePoint(reference: string): string | undefined {
  const value = reference.startsWith('#x') ? parseInt(reference.slice(2), 16) : parseInt(reference.slice(1), 10)
  return value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : undefined
}

const MARKERS = ['__', '||', '*', '_', '~']

/**
 * Checks Markdown the way Telegram rejects it (reserved characters, unclosed markers) and returns the
 * plain text. It does not compute entities: tests that care about formatting use HTML.
 */
export function parseMarkdown(source: string, v2: boolean): FormattedText {
  let text = ''
  const open = new Map<string, number>()
  let index = 0
  const fail = (detail: string): never => {
    throw cantParse(`${detail} at byte offset ${byteOffset(source, index)}`)
  }
  while (index < source.length) {
    const char = source.charAt(index)
    if (char === '\\' && (v2 || '_*`['.includes(source.charAt(index + 1)))) {
      if (index + 1 >= source.length) fail("Can't find end of the escape sequence")
      text += source.charAt(index + 1)
      index += 2
      continue
    }
    const fence = source.startsWith('```', index) ? '```' : char === '`' ? '`' : undefined
    if (fence) {
      const end = source.indexOf(fence, index + fence.length)
      if (end < 0) fail(`Can't find end of ${fence === '`' ? 'Code' : 'Pre'} entity`)
      const content = source.slice(index + fence.length, end)
      // A pre block's first line names its language and is not part of the text.
      text += fence === '```' ? content.replace(/^[\w+#-]*\n/, '') : content
      index = end + fence.length
      continue
    }
    if (char === ']' && source.charAt(index + 1) === '(' && open.delete('[')) {
      const end = source.indexOf(')', index)
      if (end < 0) fail("Can't find end of a URL")
      index = end + 1
      continue
    }
    const marker =
      char === '['
        ? '['
        : v2
          ? MARKERS.find((candidate) => source.startsWith(candidate, index))
          : '*_'.includes(char)
            ? char
            : undefined
    if (marker !== undefined) {
      if (open.has(marker) && marker !== '[') open.delete(marker)
      else open.set(marker, index)
      index += marker.length
      continue
    }
    const lineStart = index === 0 || source.charAt(index - 1) === '\n'
    if (v2 && '_*[]()~`>#+-=|{}.!'.includes(char) && !(char === '>' && lineStart)) {
      fail(`Character '${char}' is reserved and must be escaped with the preceding '\\'`)
    }
    if (!(v2 && char === '>' && lineStart)) text += char
    index += 1
  }
  for (const [marker, at] of open) {
    index = at
    fail(`Can't find end of the entity starting with '${marker}'`)
  }
  return { text, entities: undefined }
}

export interface TextLimits {
  max: number
  tooLong: string
  /** The error for text that is empty after parsing; captions may be empty, so they have none. */
  empty?: string
}

/** Applies parse_mode, then the length limit, which Telegram counts on the text after parsing. */
export function formatText(
  source: string,
  parseMode: string | undefined,
  entities: MessageEntity[] | undefined,
  limits: TextLimits,
): FormattedText {
  const formatted = parse(source, parseMode, entities)
  if (limits.empty !== undefined && formatted.text.trim() === '') throw badRequest(limits.empty)
  if (formatted.text.length > limits.max) throw badRequest(limits.tooLong)
  return formatted
}

function parse(source: string, parseMode: string | undefined, entities: MessageEntity[] | undefined): FormattedText {
  switch (parseMode?.toLowerCase()) {
    case undefined:
    case '':
      return { text: source, entities }
    case 'html':
      return parseHtml(source)
    case 'markdownv2':
      return parseMarkdown(source, true)
    case 'markdown':
      return parseMarkdown(source, false)
    default:
      throw badRequest('unsupported parse_mode')
  }
}
