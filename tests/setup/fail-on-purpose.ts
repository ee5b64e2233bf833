// Makes chosen writes fail inside the database, as a real error would, so a test can show that a
// command is one transaction: a trigger raising for the rows `when` matches, until `repair` drops it.
import { sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'

export async function failWritesOnPurpose({
  name,
  event,
  table,
  when,
}: {
  /** Unique per test: names the trigger and its function. */
  name: string
  /** e.g. `insert`, `update of claimed_by_id` */
  event: string
  table: string
  /** The trigger's condition over `new`/`old`, e.g. `new.user_id = 7`. */
  when: string
}) {
  await db().execute(
    sql.raw(
      `create function ${name}() returns trigger language plpgsql as $$ begin raise exception '${name} on purpose'; end $$`,
    ),
  )
  await db().execute(
    sql.raw(
      `create trigger ${name} before ${event} on ${table} for each row when (${when}) execute function ${name}()`,
    ),
  )
  return async function repair() {
    await db().execute(sql.raw(`drop trigger ${name} on ${table}`))
    await db().execute(sql.raw(`drop function ${name}()`))
  }
}
