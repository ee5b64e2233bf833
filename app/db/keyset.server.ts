// Keyset pagination's SQL, for a list ordered by (value, id), either way: the condition and order
// that read the rows nearest a cursor, forward or (for the page before) back. app/utils/cursors.ts
// turns those rows into a page and its links.
import { type AnyColumn, asc, desc, type SQL, sql } from 'drizzle-orm'

import type { Cursor, CursorCast } from '#app/utils/cursors'

/**
 * What reads a page of a list ordered by `value` then `id` (`descending` or not): after `cursor`
 * in the list's order, or before `before` nearest first. `inListOrder` puts the rows read back in
 * the list's order. The order's index serves both ways (read backwards going back).
 */
export function keysetRead({
  value,
  id,
  cast,
  descending,
  cursor,
  before,
}: {
  value: SQL | AnyColumn
  id: AnyColumn
  cast: Exclude<CursorCast, 'tier:float8'>
  descending: boolean
  cursor?: Cursor | null
  before?: Cursor | null
}) {
  const at = before ?? cursor
  const back = Boolean(before)
  // Going back reads the other way: the rows nearest the cursor first.
  const readDescending = descending !== back
  return {
    where: at
      ? sql`(${value}, ${id}) ${sql.raw(readDescending ? '<' : '>')} (${at.value}::${sql.raw(cast)}, ${at.id})`
      : undefined,
    orderBy: readDescending ? [desc(value), desc(id)] : [asc(value), asc(id)],
    inListOrder: <Row>(rows: Row[]) => (back ? rows.reverse() : rows),
  }
}
