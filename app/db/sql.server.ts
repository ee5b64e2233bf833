// Helpers for the few raw SQL statements drizzle's builder cannot express.
import type { SQL } from 'drizzle-orm'
import type { Executor } from './db.server'

/** Runs raw SQL and returns its rows, whichever driver answers (PGlite wraps rows, postgres.js does not). */
export async function queryRows<Row>(executor: Executor, statement: SQL): Promise<Row[]> {
  const result = (await executor.execute(statement)) as unknown as { rows?: Row[] } | Row[]
  return Array.isArray(result) ? result : (result.rows ?? [])
}

/** True when the error is PostgreSQL's unique_violation (SQLSTATE 23505), from either driver. */
export function isUniqueViolation(error: unknown, constraint?: string) {
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown }
    if (candidate.code === '23505') {
      return !constraint || (candidate.constraint_name ?? candidate.constraint) === constraint
    }
    current = candidate.cause
  }
  return false
}
