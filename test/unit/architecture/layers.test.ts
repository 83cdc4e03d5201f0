import { describe, expect, it } from 'vitest'
import { createLayerLinter, findLayerViolations } from '../../../scripts/layer-violations.js'

const linter = createLayerLinter()
const violations = (filePath: string, code: string) => findLayerViolations(linter, { filePath, code })

describe('the dependency rule', () => {
  // Linting the whole tree takes seconds, more on a busy machine.
  it(
    'when the whole source tree is checked, then nothing crosses a layer the wrong way',
    { timeout: 60_000 },
    async () => {
      expect(await findLayerViolations(linter, { patterns: ['src/**/*.ts'] })).toEqual([])
    },
  )

  it.each([
    ["import { Bot } from 'grammy'"],
    ["import { Queue } from 'bullmq'"],
    ["import { sql } from 'kysely'"],
    ["import pg from 'pg'"],
    ["import { Redis } from 'ioredis'"],
    ["import { pino } from 'pino'"],
    ["import { conversations } from '@grammyjs/conversations'"],
    ["import { readFile } from 'node:fs/promises'"],
    ["import { createServer } from 'http'"],
    ["import type { Database } from '../../db/schema.js'"],
    ["import { createBot } from '../bot/telegram/bot.js'"],
  ])('when core says %s, then the check fails', async (line) => {
    const found = await violations('src/core/requests/example.ts', `${line}\nexport const x = 1\n`)
    expect(found).toHaveLength(1)
  })

  it('when core imports core, then the check passes', async () => {
    expect(
      await violations('src/core/requests/example.ts', "import { can } from '../access/permissions.js'\n"),
    ).toEqual([])
  })

  it.each([
    ['src/bot/telegram/example.ts', "import { x } from '../../db/repositories/users.js'"],
    ['src/db/example.ts', "import { x } from '../workers/queues.js'"],
    ['src/workers/example.ts', "import { x } from '../bot/telegram/send.js'"],
    ['src/http/example.ts', "import { x } from '../app/config.js'"],
  ])('when the adapter %s imports another adapter, then the check fails', async (filePath, line) => {
    expect(await violations(filePath, `${line}\n`)).toHaveLength(1)
  })

  it('when an adapter imports core and its framework, then the check passes', async () => {
    expect(
      await violations(
        'src/db/example.ts',
        "import { sql } from 'kysely'\nimport type { Transact } from '../core/shared/ports.js'\n",
      ),
    ).toEqual([])
  })
})
