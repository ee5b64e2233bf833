// Helpers for the few raw SQL statements drizzle's builder cannot express.
import { type AnyColumn, type SQL, sql } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'

import { type Database, db, type Executor } from './db.server'

/** Runs raw SQL and returns its rows, whichever driver answers (PGlite wraps rows, postgres.js does not). */
export async function queryRows<Row>(executor: Executor, statement: SQL): Promise<Row[]> {
  const result = (await executor.execute(statement)) as unknown as { rows?: Row[] } | Row[]
  return Array.isArray(result) ? result : (result.rows ?? [])
}

const dialect = new PgDialect()

/**
 * `queryRows` as a prepared statement, always: PostgreSQL parses and plans the text once per
 * connection (postgres.js keeps it by its text). Outside a transaction `connect()` already
 * prepares every statement whose text does not vary (db.server.ts, `preparesStatement`); this one
 * also does inside a transaction, and for a text `preparesStatement` would leave unnamed — only for
 * a hot statement whose text is the same every time, every value a parameter. (Issue 19: parsing
 * and planning the post's two statements was two thirds of what PostgreSQL spent on a post.)
 */
export async function queryPreparedRows<Row>(executor: Executor, statement: SQL): Promise<Row[]> {
  const result = (await executor._.session
    .prepareQuery(dialect.sqlToQuery(statement), undefined, 'prepared', false)
    .execute()) as unknown as { rows?: Row[] } | Row[]
  return Array.isArray(result) ? result : (result.rows ?? [])
}

/**
 * A hot read built once per database (drizzle's `.prepare(name)`, its values `sql.placeholder`s)
 * instead of on every call: drizzle builds a query's SQL text from its builder each time it runs
 * one, which was an eighth of the app's CPU on the idea page (issue 19). `name` names the
 * prepared statement on each connection: one name per statement text.
 */
export function preparedRead<Statement>(build: (database: Database) => Statement) {
  const built = new WeakMap<Database, Statement>()
  return (database: Database = db()): Statement => {
    let statement = built.get(database)
    if (!statement) built.set(database, (statement = build(database)))
    return statement
  }
}

/**
 * A page size written into the statement, for drizzle's `.limit()`: drizzle sends a number as a
 * parameter, and PostgreSQL never settles on a generic plan for a prepared statement whose LIMIT it
 * cannot see (its estimate of the generic plan stays above the custom ones), so it plans the
 * statement again on every call. With the size in the text it plans it generically after five calls.
 * Only for a constant size: each size is a statement of its own.
 */
export function literalLimit(rows: number): number {
  // drizzle interpolates an object given to .limit() as SQL (pg-core/dialect.js), typed as a number.
  return literalRowCount(rows) as unknown as number
}

/**
 * Whole numbers as ONE parameter, an `int[]`: the statement's text is the same whatever the
 * numbers and however many (drizzle's `inArray` writes one parameter per value, so its text varies
 * and `preparesStatement` in db.server.ts leaves it unprepared).
 */
export function intArray(values: readonly number[]): SQL {
  return sql`${`{${values.map((value) => Math.trunc(Number(value))).join(',')}}`}::int[]`
}

/** `column = any(ids)` with the ids as one array parameter (`intArray`), for a hot read. */
export function inIdList(column: SQL | AnyColumn, ids: readonly number[]): SQL {
  return sql`${column} = any(${intArray(ids)})`
}

/** `literalLimit` for raw SQL: `limit ${literalRowCount(n)}`. */
export function literalRowCount(rows: number): SQL {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new Error(`Not a page size: ${rows}`)
  return sql.raw(String(rows))
}

/** The SQLSTATE of a PostgreSQL error from either driver (drizzle wraps it as the cause), or undefined. */
export function sqlStateOf(error: unknown): { code: string; constraint?: string } | undefined {
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as {
      code?: unknown
      constraint_name?: string
      constraint?: string
      cause?: unknown
    }
    if (typeof candidate.code === 'string')
      return { code: candidate.code, constraint: candidate.constraint_name ?? candidate.constraint }
    current = candidate.cause
  }
  return undefined
}

/** True when the error is PostgreSQL's unique_violation (SQLSTATE 23505), from either driver. */
export function isUniqueViolation(error: unknown, constraint?: string) {
  const state = sqlStateOf(error)
  return state?.code === '23505' && (!constraint || state.constraint === constraint)
}
