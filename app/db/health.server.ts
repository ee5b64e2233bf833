// Database reachability, for /healthz.
import { sql } from 'drizzle-orm'

import { connection } from './db.server'

export async function checkDatabase() {
  const started = performance.now()
  try {
    const { db, driver } = connection()
    await db.execute(sql`select 1`)
    return { ok: true, driver, latencyMs: Math.round(performance.now() - started) }
  } catch {
    return { ok: false, latencyMs: Math.round(performance.now() - started) }
  }
}
