/** Characters as people count them: an emoji or another astral symbol is one, not two UTF-16 units. */
export const characters = (value: string): number => value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length

/*
 * PostgreSQL refuses U+0000 in text; Telegram drops or refuses the other C0/C1 controls and lone
 * surrogates (they are not valid UTF-8). Line breaks and tabs are kept: people type them.
 */
const UNSENDABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * Text a person typed, made storable and sendable: controls (NUL first of all) and broken
 * surrogates removed, a carriage return made a line break. Every free text passes here before the core
 * keeps it.
 */
export const cleanText = (value: string): string => value.replace(/\r\n?/g, '\n').replace(UNSENDABLE, '')

// Nothing a reader sees on its own: whitespace, format characters (zero-width, direction marks), combining marks.
const INVISIBLE = /[\s\p{Cf}\p{M}\p{Cc}\u2800\u3164\uFFA0\u115F\u1160]/gu

/** Characters a reader can see: zero-width spaces, direction marks and lone accents count 0. */
export const visibleCharacters = (value: string): number => characters(value.replace(INVISIBLE, ''))
