import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { ReferenceData } from './reference-data.js'
import { checkReferences } from './check-references.js'

/** The region this service ships with. */
export const DEFAULT_REFERENCE_FILE = fileURLToPath(new URL('../../../reference/grodno-region.json', import.meta.url))

export class ReferenceDataError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`)
    this.name = 'ReferenceDataError'
  }
}

/** Reads, parses and checks a reference data file; every problem is named by its path. */
export async function loadReferenceFile(file = DEFAULT_REFERENCE_FILE): Promise<ReferenceData> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new ReferenceDataError(file, [error instanceof Error ? error.message : String(error)])
  }
  const parsed = ReferenceData.safeParse(json)
  if (!parsed.success) {
    throw new ReferenceDataError(
      file,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    )
  }
  const problems = checkReferences(parsed.data)
  if (problems.length > 0) throw new ReferenceDataError(file, problems)
  return parsed.data
}
