// Keyset pagination's SQL, for a list ordered by (value, id), either way: the condition and order
// that read the rows nearest a cursor, forward or (for the page before) back. app/utils/cursors.ts
// turns those rows into a page and its links.
import { type AnyColumn, asc, desc, type SQL, sql } from 'drizzle-orm'

import type { Cursor, CursorCast } from '#app/utils/cursors'

import type { Database } from './db.server'
import { preparedRead } from './sql.server'

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

type KeysetOrder = Omit<Parameters<typeof keysetRead>[0], 'cursor' | 'before'>
type KeysetWay = 'start' | 'after' | 'before'

/** The cursor as a prepared statement's placeholders (`cursorValue`, `cursorId`). */
const cursorPlaceholders: Cursor = {
  value: sql.placeholder('cursorValue') as unknown as string,
  id: sql.placeholder('cursorId') as unknown as number,
}

/**
 * `keysetRead` as prepared statements (issue 19: building a statement on every call cost more than
 * running it): one per way of reading — from the start, after a cursor, before one — the cursor
 * given as the placeholders `cursorValue` and `cursorId`. `build` makes the statement from the
 * keyset read (its other values placeholders too), once per database and way.
 */
export function preparedKeysetReads<Statement>(
  order: KeysetOrder,
  build: (database: Database, keyset: ReturnType<typeof keysetRead>, way: KeysetWay) => Statement,
) {
  const ways: Record<KeysetWay, (database?: Database) => Statement> = {
    start: preparedRead((database) => build(database, keysetRead(order), 'start')),
    after: preparedRead((database) =>
      build(database, keysetRead({ ...order, cursor: cursorPlaceholders }), 'after'),
    ),
    before: preparedRead((database) =>
      build(database, keysetRead({ ...order, before: cursorPlaceholders }), 'before'),
    ),
  }
  return (near: { cursor?: Cursor | null; before?: Cursor | null }) => {
    const at = near.before ?? near.cursor
    return {
      statement: ways[near.before ? 'before' : near.cursor ? 'after' : 'start'](),
      /** The cursor's values for the statement's placeholders. */
      cursor: at ? { cursorValue: at.value, cursorId: at.id } : {},
      inListOrder: <Row>(rows: Row[]) => (near.before ? rows.reverse() : rows),
    }
  }
}
