// `npm run db:reset -- --yes`: drop every table, migrate again and load the demo data.
import { sql } from 'drizzle-orm'

import { closeDatabase, connection } from '#app/db/db.server'
import { migrateDatabase } from '#app/db/migrate.server'

import { seedDemoData } from './seed-if-needed.server'

if (!process.argv.includes('--yes')) {
  console.error(
    'This deletes all data in the configured database. Run again with --yes to confirm.',
  )
  process.exit(1)
}
const current = connection()
await current.db.execute(sql`drop schema if exists drizzle cascade`)
await current.db.execute(sql`drop schema public cascade`)
await current.db.execute(sql`create schema public`)
await migrateDatabase(current)
await seedDemoData(current)
await closeDatabase()
