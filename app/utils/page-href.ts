// The address of one page of a keyset-paged list. The no-JavaScript "Next page" and "Previous page"
// links and "Load more" (which fetches the same address) all come from here, so they cannot follow
// different cursors.

/**
 * `path` with the list's filters (empty ones left out) and, after the first page, the cursor: the
 * page after it, or (`'before'`) the page before it.
 */
export function listPageHref(
  path: string,
  filters: Record<string, string | undefined>,
  cursor: string | null,
  direction: 'after' | 'before' = 'after',
) {
  const params = new URLSearchParams(
    Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  )
  if (cursor) params.set(direction === 'before' ? 'before' : 'cursor', cursor)
  const query = params.toString()
  return query ? `${path}?${query}` : path
}
