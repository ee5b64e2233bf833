// Parity: the trending rank exists twice, and both must agree on any input.
//   TypeScript: app/domain/ideas/ideas.rules.ts hotScore (new ideas, pages, the bench's checks)
//   SQL:        app/domain/ideas/hot-score.sql ideas_hot_score (cast_vote, recounts, the seed)
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { queryRows } from '#app/db/sql.server'

import { hotScore } from './ideas.rules'

const input = fc.record({
  score: fc.integer({ min: -10_000_000, max: 10_000_000 }),
  createdAt: fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
})

describe('hot score: ideas.rules.ts hotScore and hot-score.sql ideas_hot_score', () => {
  it('give the same rank for generated scores and moments', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(input, { minLength: 1, maxLength: 200 }), async (inputs) => {
        const rows = await queryRows<{ n: number; hot: number }>(
          db(),
          sql`select n::int, ideas_hot_score(s, c) as hot
              from unnest(${`{${inputs.map((i) => i.score).join(',')}}`}::bigint[],
                          ${`{${inputs.map((i) => `"${i.createdAt.toISOString()}"`).join(',')}}`}::timestamptz[])
                   with ordinality as t(s, c, n)
              order by n`,
        )
        expect(rows).toHaveLength(inputs.length)
        inputs.forEach((example, index) => {
          const inSql = Number(rows[index]!.hot)
          const inTypeScript = hotScore(example.score, example.createdAt)
          // Both round to 7 decimals (SQL in numeric, TypeScript in binary floats): one step apart at most.
          expect(Math.abs(inSql - inTypeScript), JSON.stringify(example)).toBeLessThanOrEqual(
            1.5e-7,
          )
        })
      }),
      { numRuns: 25 },
    )
  })
})
