import { describe, expect, it } from 'vitest'
import { findFolderCycles } from '../../../scripts/folder-cycles.js'

const root = 'src/core'
const file = (path: string, text: string) => ({ path: `${root}/${path}`, text })

describe('the folder loop check for src/core', () => {
  it('when the source tree is checked, then no two folders of core import each other', () => {
    expect(findFolderCycles(root)).toEqual([])
  })

  it('when two folders import each other only through types, then the loop is found', () => {
    const found = findFolderCycles(root, [
      file('delivery/ports.ts', "import type { Card } from '../dispatch/card.js'\nexport type Port = Card\n"),
      file(
        'dispatch/card.ts',
        "import type { Recipient } from '../delivery/recipient.js'\nexport type Card = Recipient\n",
      ),
      file('delivery/recipient.ts', 'export interface Recipient { userId: number }\n'),
    ])
    expect(found.map((f) => f.cycle)).toEqual([['delivery', 'dispatch', 'delivery']])
    expect(found[0]?.files).toEqual(['delivery→dispatch: delivery/ports.ts', 'dispatch→delivery: dispatch/card.ts'])
  })

  it('when a re-export closes a loop through three folders, then the loop is found once', () => {
    const found = findFolderCycles(root, [
      file('requests/a.ts', "export { b } from '../notices/b.js'\n"),
      file('notices/b.ts', "import { c } from '../dispatch/c.js'\nexport const b = c\n"),
      file('dispatch/c.ts', "import { a } from '../requests/a.js'\nexport const c = a\n"),
    ])
    expect(found.map((f) => f.cycle)).toEqual([['dispatch', 'requests', 'notices', 'dispatch']])
  })

  it('when folders depend on a shared leaf and files import within their folder, then nothing is found', () => {
    expect(
      findFolderCycles(root, [
        file('requests/status.ts', "import type { Text } from '../messages/messages.js'\nexport type S = Text\n"),
        file('dispatch/card.ts', "import type { Text } from '../messages/messages.js'\nimport { s } from './s.js'\n"),
        file('dispatch/s.ts', "import { card } from './card.js'\nexport const s = card\n"),
        file('shared/messages.ts', "import type { T } from '../i18n/text.js'\nexport type Text = T\n"),
      ]),
    ).toEqual([])
  })
})
