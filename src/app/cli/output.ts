/** Where a command writes its lines (stdout in the CLI, an array in tests). */
export type CommandOutput = (line: string) => void
