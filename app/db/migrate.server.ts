// Applies the SQL migrations in drizzle/ with whichever driver the connection uses.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import type { DatabaseConnection } from './db.server'

const here = path.dirname(fileURLToPath(import.meta.url))
export const migrationsFolder = path.resolve(here, '../../drizzle')

// Any fixed number: several instances starting at once take turns instead of racing.
const MIGRATION_LOCK_ID = 4_242_001

export async function migrateDatabase(connection: DatabaseConnection) {
  if (connection.driver === 'pglite') {
    await migratePglite(connection.db as unknown as PgliteDatabase, { migrationsFolder })
    return
  }
  const db = connection.db as unknown as PostgresJsDatabase
  // The advisory lock is held by a transaction of its own; the migrator runs on other connections.
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`)
    await migratePostgres(db, { migrationsFolder })
  })
}
