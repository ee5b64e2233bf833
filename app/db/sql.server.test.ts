import { sql } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { connect, db } from './db.server'
import { inIdList, queryPreparedRows, queryRows } from './sql.server'

const statement = (value: number) =>
  sql`select ${value}::int + 1 as next, 'prepared-statement-test' as marker`

describe('queryPreparedRows', () => {
  it('answers what queryRows answers', async () => {
    expect(await queryPreparedRows(db(), statement(41))).toEqual(
      await queryRows(db(), statement(41)),
    )
    expect(await queryPreparedRows(db(), statement(1))).toEqual([
      { next: 2, marker: 'prepared-statement-test' },
    ])
  })

  it.skipIf(!process.env.DATABASE_URL)(
    'prepares the statement once per connection (as queryRows now does too, its text being the same)',
    async () => {
      const single = connect({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 })
      const preparedCount = async () => {
        const [row] = await queryRows<{ count: number }>(
          single.db,
          sql`select count(*)::int as count from pg_prepared_statements
              where statement like '%prepared-statement-test%' and statement not like '%pg_prepared_statements%'`,
        )
        return row!.count
      }
      try {
        for (const value of [1, 2, 3]) await queryPreparedRows(single.db, statement(value))
        expect(await preparedCount()).toBe(1)
        // connect() prepares drizzle's unnamed statements whose text does not vary (db.server.ts).
        await queryRows(single.db, statement(4))
        expect(await preparedCount()).toBe(1)
      } finally {
        await single.close()
      }
    },
  )
})

describe('inIdList', () => {
  it('reads the same rows as inArray, with one text whatever the number of ids', async () => {
    const texts = new Set<string>()
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -5, max: 50 }), { maxLength: 12 }),
        async (ids) => {
          const { sql: text } = new PgDialect().sqlToQuery(
            sql`select 1 where ${inIdList(sql`1`, ids)}`,
          )
          texts.add(text)
          const wanted = await queryRows<{ n: number }>(
            db(),
            sql`select n from generate_series(-5, 50) as n where ${inIdList(sql`n`, ids)} order by n`,
          )
          expect(wanted.map((row) => Number(row.n))).toEqual(
            [...new Set(ids)].sort((a, b) => a - b),
          )
        },
      ),
      { numRuns: 30 },
    )
    expect(texts.size).toBe(1)
  })
})
