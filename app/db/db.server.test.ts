import { eq, inArray, sql } from 'drizzle-orm'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'

import { connect, postgresClientOptions, preparesStatement } from './db.server'
import { users } from './schema'
import { queryRows } from './sql.server'

// postgres.js 3.4.9 lost a transaction's connection when every pooled connection was busy: BEGIN
// went out without reserving it, so the transaction failed with UNSAFE_TRANSACTION, or other
// requests' queries ran inside it (porsager/postgres#823). patches/postgres+3.4.9.patch fixes it;
// this test fails without the patch.
describe.skipIf(!process.env.DATABASE_URL)('the PostgreSQL pool under saturation', () => {
  it('keeps every transaction on a connection of its own, and plain queries out of them', async () => {
    const client = postgres(process.env.DATABASE_URL!, postgresClientOptions(3))
    const failures: string[] = []
    let leaks = 0
    let committed = 0
    try {
      for (let round = 0; round < 10; round += 1) {
        const work: Promise<unknown>[] = []
        for (let index = 0; index < 30; index += 1) {
          const transaction = client.begin(async (tx) => {
            await tx`select set_config('ideabox.test_marker', 'inside', true)`
            await tx`select pg_sleep(0.001)`
            committed += 1
          })
          const plain = client<
            { marker: string }[]
          >`select coalesce(current_setting('ideabox.test_marker', true), '') as marker`.then(
            ([row]) => {
              if (row?.marker === 'inside') leaks += 1
            },
          )
          work.push(
            transaction.catch((error: unknown) => failures.push(String(error))),
            plain.catch((error: unknown) => failures.push(String(error))),
          )
        }
        await Promise.all(work)
      }
    } finally {
      await client.end({ timeout: 5 })
    }
    expect(failures.slice(0, 3)).toEqual([])
    expect(leaks).toBe(0)
    expect(committed).toBe(300)
  })
})

// drizzle sends a query it did not name unnamed, so PostgreSQL parsed and planned every page's
// statements on every call; connect() prepares each one whose text does not vary with its values.
describe.skipIf(!process.env.DATABASE_URL)('statements drizzle sends', () => {
  it('are prepared once per connection, unless their text varies with a list of values', async () => {
    const { db: database, close } = connect({ databaseUrl: process.env.DATABASE_URL!, poolSize: 1 })
    try {
      const marker = `prepared-${Date.now()}`
      for (let round = 0; round < 3; round++) {
        await database.select({ id: users.id }).from(users).where(eq(users.handle, marker))
        // Without parameters too (postgres.js sent those as simple queries, planned every time).
        await database
          .select({ id: users.id })
          .from(users)
          .where(sql`${users.handle} = 'no-such-handle'`)
        await database
          .select({ id: users.id })
          .from(users)
          .where(
            inArray(
              users.id,
              Array.from({ length: round + 1 }, (_, n) => n + 1),
            ),
          )
      }
      const prepared = await queryRows<{ statement: string }>(
        database,
        sql`select statement from pg_prepared_statements`,
      )
      const texts = prepared.map((row) => row.statement)
      expect(texts.filter((text) => text.includes('"handle" = $1'))).toHaveLength(1)
      expect(texts.filter((text) => text.includes(`= 'no-such-handle'`))).toHaveLength(1)
      expect(texts.filter((text) => / in \(\$1/.test(text))).toEqual([])
    } finally {
      await close()
    }
  })

  it('leave lists of parameters and several commands unprepared', () => {
    expect(preparesStatement('select "id" from "users" where "users"."handle" = $1')).toBe(true)
    expect(preparesStatement('select 1 from "votes" where "idea_id" in ($1, $2)')).toBe(false)
    expect(preparesStatement('select unnest(array[$1, $2]::text[])')).toBe(false)
    expect(preparesStatement('create table a (b int); create table c (d int)')).toBe(false)
  })
})
