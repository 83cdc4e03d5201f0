// The dependency rule on its own: exits non-zero and names every import that crosses a
// layer the wrong way. `npm run lint` enforces the same rules with the rest of the lint.
import { createLayerLinter, findLayerViolations } from './layer-violations.js'

const violations = await findLayerViolations(createLayerLinter(), { patterns: ['src/**/*.ts'] })
for (const v of violations) console.error(`${v.file}:${v.line}  ${v.message}`)
if (violations.length > 0) {
  console.error(`dependency rule: ${violations.length} violation(s)`)
  process.exit(1)
}
console.log('dependency rule: ok')
