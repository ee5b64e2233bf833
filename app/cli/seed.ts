// `npm run db:seed`: load the demo data into an empty database (either driver).
import { closeDatabase, connection } from '#app/db/db.server'
import { migrateDatabase } from '#app/db/migrate.server'

import { isEmptyDatabase, seedDemoData } from './seed-if-needed.server'

const current = connection()
await migrateDatabase(current)
if (!(await isEmptyDatabase(current))) {
  console.log(
    'The database already has people in it; nothing seeded. `npm run db:reset -- --yes` starts over.',
  )
} else {
  await seedDemoData(current)
}
await closeDatabase()
