/** Where one page of a long list starts and which pages lie either side of it. */
export interface Paging {
  /** The page actually shown: the one asked for, brought into range (a list may have shrunk since). */
  page: number
  pages: number
  offset: number
  previous: number | null
  next: number | null
}

export function pagingOf(total: number, pageSize: number, asked: number): Paging {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const page = Math.min(Math.max(0, Math.trunc(asked)), pages - 1)
  return {
    page,
    pages,
    offset: page * pageSize,
    previous: page > 0 ? page - 1 : null,
    next: page < pages - 1 ? page + 1 : null,
  }
}
