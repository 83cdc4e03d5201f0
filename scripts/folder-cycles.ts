import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

/** One import from a file of one folder into a file of another. */
export interface FolderEdge {
  from: string
  to: string
  /** The importing file, relative to the root, as evidence. */
  file: string
}

/** Every `.ts` file under `dir`, with its text. */
export function readTree(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }))
}

/**
 * Folder-to-folder imports among the files of `root` (e.g. src/core). Type-only imports and
 * re-exports count: a loop made only of types still ties two folders together.
 */
export function folderEdges(root: string, files: { path: string; text: string }[]): FolderEdge[] {
  const folderOf = (path: string): string | null => {
    const inside = relative(root, path)
    if (inside.startsWith('..')) return null
    const parts = inside.split(sep)
    return parts.length > 1 ? (parts[0] ?? null) : '.'
  }
  return files.flatMap(({ path, text }) => {
    const from = folderOf(resolve(path))
    if (from === null) return []
    // preProcessFile sees `import type`, `export … from` and `import()` alike.
    return ts
      .preProcessFile(text, true, true)
      .importedFiles.map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .flatMap((name) => {
        const to = folderOf(resolve(dirname(path), name))
        return to !== null && to !== from ? [{ from, to, file: relative(root, path) }] : []
      })
  })
}

/** Each loop between folders, as the folders in order (the first repeated at the end), found once. */
export function folderCycles(edges: FolderEdge[]): string[][] {
  const next = new Map<string, Set<string>>()
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to))
  const cycles = new Map<string, string[]>()
  const walk = (path: string[]): void => {
    const last = path.at(-1) ?? ''
    for (const to of next.get(last) ?? []) {
      const seen = path.indexOf(to)
      if (seen >= 0) {
        const loop = path.slice(seen)
        // The same loop from another starting folder: keyed by its smallest rotation.
        const start = loop.indexOf([...loop].sort()[0] ?? '')
        const rotated = [...loop.slice(start), ...loop.slice(0, start)]
        cycles.set(rotated.join('>'), [...rotated, rotated[0] ?? ''])
      } else walk([...path, to])
    }
  }
  for (const folder of next.keys()) walk([folder])
  return [...cycles.values()]
}

/** The loops among the folders of `root`, each with the files that make its edges. */
export function findFolderCycles(
  root: string,
  files: { path: string; text: string }[] = readTree(root),
): { cycle: string[]; files: string[] }[] {
  const edges = folderEdges(
    resolve(root),
    files.map((f) => ({ ...f, path: resolve(f.path) })),
  )
  return folderCycles(edges).map((cycle) => ({
    cycle,
    files: cycle
      .slice(1)
      .flatMap((to, i) =>
        edges.filter((e) => e.from === cycle[i] && e.to === to).map((e) => `${e.from}→${e.to}: ${e.file}`),
      ),
  }))
}
