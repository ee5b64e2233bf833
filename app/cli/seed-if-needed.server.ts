// Decides whether a database gets the demo data, and loads it.
import { sql } from 'drizzle-orm'

import type { DatabaseConnection } from '#app/db/db.server'
import { queryRows } from '#app/db/sql.server'
import { seedDemo } from '#app/demo/demo-seed.server'

export async function isEmptyDatabase(current: DatabaseConnection) {
  const [row] = await queryRows<{ n: number }>(
    current.db,
    sql`select count(*)::int as n from users`,
  )
  return Number(row?.n ?? 0) === 0
}

export async function seedDemoData(current: DatabaseConnection) {
  const started = Date.now()
  const summary = await seedDemo({ executor: current.db })
  console.log(
    `Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.users} people, ${summary.ideas} ideas, ${summary.votes} votes, ${summary.comments} comments.`,
  )
}
