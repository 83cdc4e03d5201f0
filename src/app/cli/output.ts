/** Where a command writes its results (stdout in the CLI, an array in tests). */
export type CommandOutput = (line: string) => void

/**
 * The command was called wrongly: a missing or bad option, or configuration it needs. Said in one
 * plain sentence on stderr; exit code 2.
 */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** The command was called rightly but could not do its work. Said in plain words on stderr; exit code 1. */
export class CommandFailed extends Error {
  override name = 'CommandFailed'
}
