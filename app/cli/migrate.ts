// `npm run db:migrate`: apply drizzle/ migrations to the configured database (PGlite or PostgreSQL).
import { closeDatabase, connection } from '#app/db/db.server'
import { migrateDatabase } from '#app/db/migrate.server'

const current = connection()
await migrateDatabase(current)
console.log(`Migrations applied (${current.driver}: ${current.location}).`)
await closeDatabase()
