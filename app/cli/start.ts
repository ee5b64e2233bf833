// `npm start`: build if the sources changed, migrate, load demo data into an empty embedded
// database, then serve the production build.
import { pathToFileURL } from 'node:url'

import { ensureProductionBuild, SERVER_FILE } from './production-build'

process.env.NODE_ENV ??= 'production'

try {
  await ensureProductionBuild()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

const { connection } = await import('#app/db/db.server')
const { migrateDatabase } = await import('#app/db/migrate.server')
const { env } = await import('#app/utils/env.server')
const { isEmptyDatabase, seedDemoData } = await import('./seed-if-needed.server')

const current = connection()
console.log(`Database: ${current.driver} (${current.location})`)
await migrateDatabase(current)
// Demo data goes into the embedded database by default; a real server gets it only when asked.
const seedWanted =
  process.env.SEED_DEMO === undefined ? current.driver === 'pglite' : env().SEED_DEMO
if (seedWanted && (await isEmptyDatabase(current))) await seedDemoData(current)

// The same bundled server `npm run serve` runs; it finds the connection opened above (db.server.ts).
await import(pathToFileURL(SERVER_FILE).href)
