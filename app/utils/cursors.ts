// Keyset pagination's cursors: the last row's sort value and id, carried in the URL as base64 JSON.
// Every list that pages (ideas, triage, profiles, the audit log) reads and writes them here.

export type Cursor = { value: string; id: number }

/** The SQL type a cursor's sort value is cast to where the list query uses it. */
export type CursorCast = 'timestamptz' | 'int4' | 'float4' | 'float8' | 'tier:float8'

const MAX_INT4 = 2_147_483_647

/**
 * Would PostgreSQL cast this text to `cast` without an error? The cursor comes from the URL, so a
 * forged one ("not a date", a timestamp on a numeric sort, 1e400) must not reach the cast.
 */
export function cursorValueFits(value: string, cast: CursorCast): boolean {
  if (cast === 'timestamptz') {
    if (/^-?infinity$/i.test(value)) return true
    const match =
      /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2})(?::?\d{2})?)?$/i.exec(
        value,
      )
    if (!match) return false
    const [year, month, day, hour, minute, second, offset] = match
      .slice(1)
      .map((part) => Number(part ?? 0))
    const date = new Date(0)
    date.setUTCFullYear(year!, month! - 1, day!)
    return (
      year! >= 1 &&
      date.getUTCMonth() === month! - 1 &&
      date.getUTCDate() === day &&
      hour! <= 23 &&
      minute! <= 59 &&
      second! <= 59 &&
      offset! <= 15
    )
  }
  // A search ranked by relevance: 1 (the title matches) or 0 (the description only), then a float8.
  if (cast === 'tier:float8') {
    const tiered = /^[01]:(.+)$/.exec(value)
    return Boolean(tiered) && cursorValueFits(tiered![1]!, 'float8')
  }
  if (cast === 'int4') return /^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= MAX_INT4
  if (/^(-?infinity|nan)$/i.test(value)) return true
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value)) return false
  const size = Math.abs(Number(value))
  const [largest, smallest] = cast === 'float4' ? [3.4e38, 1.2e-38] : [1.79e308, 2.3e-308]
  // 1e-400 is 0 to JavaScript, and out of range to PostgreSQL.
  const zero = /^-?(0+\.?0*|\.0+)(e[+-]?\d+)?$/i.test(value)
  return zero || (size <= largest && size >= smallest)
}

export function encodeCursor(cursor: Cursor) {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url')
}

/**
 * A cursor from the URL; anything malformed is treated as "first page": not base64 JSON, an id
 * outside the id column, or (given the list's `cast`) a sort value PostgreSQL would not accept.
 */
export function decodeCursor(raw: string | null | undefined, cast?: CursorCast): Cursor | null {
  if (!raw || raw.length > 200) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (!Array.isArray(parsed) || parsed.length !== 2) return null
    const [value, id] = parsed as [unknown, unknown]
    if (
      typeof value !== 'string' ||
      value.length > 64 ||
      !Number.isSafeInteger(id) ||
      Math.abs(id as number) > MAX_INT4
    )
      return null
    if (cast && !cursorValueFits(value, cast)) return null
    return { value, id: id as number }
  } catch {
    return null
  }
}

/**
 * The page an address asks for: after `cursor` (the next page), or going back, before `before`
 * (the previous page; it wins when both are given). Malformed ones are left out, as decodeCursor.
 */
export function decodePage(
  query: { cursor?: string | null; before?: string | null },
  cast?: CursorCast,
): { cursor: Cursor | null; before: Cursor | null } {
  const before = decodeCursor(query.before, cast)
  return { cursor: before ? null : decodeCursor(query.cursor, cast), before }
}

/**
 * One page of a keyset list from the rows read for it, in the list's order: at most `limit` + 1
 * nearest the start (from the start, or after `cursor`), or going back, nearest `before` (the last
 * ones). The extra row says there is a page further that way. Gives the cursors of the pages after
 * and before it: `nextCursor` (the last row's) and `previousCursor` (the first row's, the `before`
 * of the page before). Going back to fewer rows than a page means the start was passed: `restart`
 * asks the caller for the first page instead, so a walk back ends on the same first page.
 */
function keysetPage<Row extends { id: number; sortValue: string }>(
  rows: Row[],
  { limit, from }: { limit: number; from: 'start' | 'after' | 'before' },
) {
  const back = from === 'before'
  const further = rows.length > limit
  const page = back ? rows.slice(Math.max(0, rows.length - limit)) : rows.slice(0, limit)
  const [first, last] = [page[0], page.at(-1)]
  const cursorOf = (row: Row) => encodeCursor({ value: row.sortValue, id: row.id })
  return {
    rows: page,
    nextCursor: last && (back || further) ? cursorOf(last) : null,
    previousCursor: first && (back ? further : from === 'after') ? cursorOf(first) : null,
    isFirstPage: from === 'start',
    restart: back && !further,
  }
}

/** Where a page of a keyset list is: after `cursor`, or going back, before `before`; else the first. */
export type PageAt = { cursor?: Cursor | null; before?: Cursor | null }

/**
 * The page at `at` from what `read` gives there (limit + 1 rows nearest it, in the list's order),
 * without their sort values, and its links: the cursors of the pages after and before it, and
 * whether it is the first. Going back past the start reads the first page instead.
 */
export async function readKeysetPage<Row extends { id: number; sortValue: string }>(
  at: PageAt,
  limit: number,
  read: (at: PageAt) => Promise<Row[]>,
) {
  const from = at.before ? 'before' : at.cursor ? 'after' : 'start'
  let page = keysetPage(await read(at), { limit, from })
  if (page.restart) page = keysetPage(await read({}), { limit, from: 'start' })
  const { nextCursor, previousCursor, isFirstPage } = page
  return {
    rows: page.rows.map(({ sortValue: _sortValue, ...row }) => row),
    links: { nextCursor, previousCursor, isFirstPage },
  }
}
