// Applies the SQL migrations in drizzle/ with whichever driver the connection uses, then the
// database functions kept beside their area (app/domain/<area>/*.sql; docs/database-functions.md).
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { sql } from 'drizzle-orm'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'

import type { DatabaseConnection, Executor } from './db.server'
import { queryRows } from './sql.server'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const migrationsFolder = path.resolve(root, 'drizzle')
const domainFolder = path.resolve(root, 'app/domain')

// Any fixed number: several instances starting at once take turns instead of racing.
const MIGRATION_LOCK_ID = 4_242_001

/** One database function's current definition: a `CREATE OR REPLACE FUNCTION …` statement. */
export type FunctionFile = {
  /** Its path from the repository's root, e.g. `app/domain/votes/cast-vote.sql`. */
  name: string
  sql: string
}

/** Every `.sql` file under app/domain, in the order of their paths. */
export function readFunctionFiles(): FunctionFile[] {
  return readdirSync(domainFolder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.sql'))
    .map((file) => path.join(domainFolder, file))
    .sort()
    .map((file) => ({
      name: path.relative(root, file).split(path.sep).join('/'),
      sql: readFileSync(file, 'utf8'),
    }))
}

/** The names of the functions a file creates. */
export function functionNamesIn(file: FunctionFile) {
  return [...file.sql.matchAll(/CREATE OR REPLACE FUNCTION\s+(?:public\.)?(\w+)/gi)].map((match) =>
    match[1]!.toLowerCase(),
  )
}

export function checksumOf(text: string) {
  return createHash('sha256').update(text).digest('hex')
}

/**
 * The repeatable step: applies each function file whose checksum differs from the one recorded in
 * drizzle.schema_functions (beside drizzle's own bookkeeping, so `db:reset` clears both), and records
 * it. Call it inside a transaction that holds the migration lock. Answers the names it applied.
 */
export async function applyFunctionFiles(
  tx: Executor,
  files: FunctionFile[] = readFunctionFiles(),
) {
  await tx.execute(sql`create schema if not exists drizzle`)
  await tx.execute(sql`create table if not exists drizzle.schema_functions (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now())`)
  const rows = await queryRows<{ name: string; checksum: string }>(
    tx,
    sql`select name, checksum from drizzle.schema_functions`,
  )
  const checksums = new Map(rows.map((row) => [row.name, row.checksum]))
  const existing = await queryRows<{ name: string }>(
    tx,
    sql`select proname as name from pg_proc where pronamespace = 'public'::regnamespace`,
  )
  const defined = new Set(existing.map((row) => row.name))
  const applied: string[] = []
  for (const file of files) {
    const checksum = checksumOf(file.sql)
    // A function a migration (or a person) dropped is created again even when its file is unchanged.
    if (
      checksums.get(file.name) === checksum &&
      functionNamesIn(file).every((name) => defined.has(name))
    )
      continue
    await tx.execute(sql.raw(file.sql))
    await tx.execute(sql`insert into drizzle.schema_functions (name, checksum) values (${file.name}, ${checksum})
      on conflict (name) do update set checksum = excluded.checksum, applied_at = now()`)
    applied.push(file.name)
  }
  return applied
}

export async function migrateDatabase(connection: DatabaseConnection) {
  if (connection.driver === 'pglite') {
    await migratePglite(connection.db as unknown as PgliteDatabase, { migrationsFolder })
    await connection.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`)
      await applyFunctionFiles(tx)
    })
    return
  }
  const db = connection.db as unknown as PostgresJsDatabase
  // The advisory lock is held by a transaction of its own; the migrator runs on other connections.
  // The function files are applied in that transaction, after every numbered migration.
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`)
    await migratePostgres(db, { migrationsFolder })
    await applyFunctionFiles(tx as unknown as Executor)
  })
}
