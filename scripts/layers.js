// @ts-check
// The one direction of dependencies, as ESLint rules (used by eslint.config.js and scripts/check-dependencies.ts).
//   src/core      pure: domain, use cases, ports. No framework, no I/O, no adapter.
//   src/db, src/bot, src/workers, src/http   adapters: depend on core, never on each other.
//   src/app       composition roots: the only place that wires adapters together.
import { builtinModules } from 'node:module'

const frameworks = ['grammy', 'bullmq', 'kysely', 'pg', 'ioredis', 'pino', 'zod', '@electric-sql/*', '@grammyjs/*']
const nodeBuiltins = [...builtinModules.filter((name) => !name.startsWith('_')), 'node:*']

/** @param {string[]} layers */
const layerImport = (layers) => ({
  // relative imports only: a package may be called "http" without being our src/http
  regex: `^\\.\\.?/(?:.*/)?(${layers.join('|')})(/|$)`,
  message: 'Adapters depend on core only; wire them together in src/app.',
})

/** @type {{ files: string[], forbidden: string[], forbiddenPackages: string[], message: string }[]} */
export const layers = [
  {
    files: ['src/core/**/*.ts'],
    forbidden: ['app', 'bot', 'db', 'workers', 'http'],
    forbiddenPackages: [...frameworks, ...nodeBuiltins],
    message: 'src/core is pure: no framework, no I/O. Define a port in core and implement it in an adapter.',
  },
  { files: ['src/db/**/*.ts'], forbidden: ['app', 'bot', 'workers', 'http'], forbiddenPackages: [], message: '' },
  { files: ['src/bot/**/*.ts'], forbidden: ['app', 'db', 'workers', 'http'], forbiddenPackages: [], message: '' },
  { files: ['src/workers/**/*.ts'], forbidden: ['app', 'bot', 'db', 'http'], forbiddenPackages: [], message: '' },
  { files: ['src/http/**/*.ts'], forbidden: ['app', 'bot', 'db', 'workers'], forbiddenPackages: [], message: '' },
]

/** @type {import('eslint').Linter.Config[]} */
export const layerRules = layers.map((layer) => ({
  files: layer.files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          layerImport(layer.forbidden),
          ...(layer.forbiddenPackages.length > 0 ? [{ group: layer.forbiddenPackages, message: layer.message }] : []),
        ],
      },
    ],
  },
}))
