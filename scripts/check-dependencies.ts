// The dependency rule on its own: exits non-zero and names every import that crosses a
// layer the wrong way, and every loop between the folders of src/core. `npm run lint` enforces
// the layer rules with the rest of the lint; the folder loops are checked only here.
import { findFolderCycles } from './folder-cycles.js'
import { createLayerLinter, findLayerViolations } from './layer-violations.js'

const violations = await findLayerViolations(createLayerLinter(), { patterns: ['src/**/*.ts'] })
for (const v of violations) console.error(`${v.file}:${v.line}  ${v.message}`)
const cycles = findFolderCycles('src/core')
for (const { cycle, files } of cycles) {
  console.error(`src/core folders import each other in a loop: ${cycle.join(' → ')}`)
  for (const edge of files) console.error(`  ${edge}`)
}
if (violations.length > 0 || cycles.length > 0) {
  console.error(`dependency rule: ${violations.length} violation(s), ${cycles.length} folder loop(s) in src/core`)
  process.exit(1)
}
console.log('dependency rule: ok (layers, and no folder loops in src/core)')
