import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { layerRules } from './layers.js'

export interface LayerViolation {
  file: string
  line: number
  message: string
}

/** An ESLint that checks only the layer rules, without type information, so it is fast. */
export function createLayerLinter(cwd = process.cwd()): ESLint {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layerRules],
  })
}

/** Lints files on disk, or one text as if it stood at `filePath`. */
export async function findLayerViolations(
  linter: ESLint,
  target: { patterns: string[] } | { code: string; filePath: string },
): Promise<LayerViolation[]> {
  const results =
    'patterns' in target
      ? await linter.lintFiles(target.patterns)
      : await linter.lintText(target.code, { filePath: target.filePath })
  return results.flatMap((result) =>
    result.messages
      .filter((m) => m.ruleId === 'no-restricted-imports' || m.fatal === true)
      .map((m) => ({ file: result.filePath, line: m.line, message: m.message })),
  )
}
