/** Characters as people count them: an emoji or another astral symbol is one, not two UTF-16 units. */
export const characters = (value: string): number => value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length
