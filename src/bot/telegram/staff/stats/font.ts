import type { Bitmap, Rgb } from './png.js'
import { fillRect } from './png.js'

/** A 5×7 bitmap font of digits only ('#' = ink): the chart carries no words, its legend is localized text. */
const GLYPHS: Record<string, string[]> = {
  '0': ['.###.', '#...#', '#..##', '#.#.#', '##..#', '#...#', '.###.'],
  '1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
  '3': ['#####', '...#.', '..#..', '...#.', '....#', '#...#', '.###.'],
  '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
  '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
  '6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
  '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
  '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
}

export const GLYPH_WIDTH = 5
export const GLYPH_HEIGHT = 7

/** Pixels a whole number takes at `scale` (one blank column between digits). */
export const numberWidth = (value: number, scale: number): number =>
  (String(Math.trunc(value)).length * (GLYPH_WIDTH + 1) - 1) * scale

/** Draws a whole number with the top-left corner at (x, y). */
export function drawNumber(b: Bitmap, value: number, x: number, y: number, scale: number, color: Rgb): void {
  let left = x
  for (const ch of String(Math.trunc(value))) {
    const glyph = GLYPHS[ch] ?? ['#####', '#...#', '#...#', '#...#', '#...#', '#...#', '#####']
    glyph.forEach((row, dy) => {
      for (let dx = 0; dx < GLYPH_WIDTH; dx++)
        if (row[dx] === '#') fillRect(b, left + dx * scale, y + dy * scale, scale, scale, color)
    })
    left += (GLYPH_WIDTH + 1) * scale
  }
}
