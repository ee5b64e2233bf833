import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { castVote } from '#app/domain/votes/votes.server'

import { connection, db } from './db.server'
import { migrateDatabase } from './migrate.server'
import { queryRows } from './sql.server'

describe('migrations and extensions', () => {
  it('apply again without changing anything', async () => {
    await expect(migrateDatabase(connection())).resolves.toBeUndefined()
    const [row] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from statuses`)
    expect(Number(row!.n)).toBe(7)
  })

  it('have pg_trgm and the English and Dutch full-text configurations', async () => {
    const [row] = await queryRows<{ similar: number; en: string; nl: string }>(
      db(),
      sql`select similarity('oat milk latte', 'oatmilk lattes') as similar,
                 to_tsvector('english', 'running baristas')::text as en,
                 to_tsvector('dutch', 'lopende koffiebekers')::text as nl`,
    )
    expect(Number(row!.similar)).toBeGreaterThan(0.3)
    expect(row!.en).toContain("'barista'")
    expect(row!.nl).toContain("'koffiebeker'")
  })

  it('index ideas for search in both languages, title above description', async () => {
    const idea = await createTestIdea({
      title: 'Herbruikbare bekers bij elke vestiging',
      description: 'Reusable cups for everyone',
    })
    const matches = async (language: 'english' | 'dutch', words: string) => {
      const rows = await queryRows<{ id: number }>(
        db(),
        sql`select id from ideas where id = ${idea.id} and search_vector @@ plainto_tsquery(${language}::regconfig, ${words})`,
      )
      return rows.length
    }
    expect(await matches('dutch', 'herbruikbare beker')).toBe(1)
    expect(await matches('english', 'reusable cup')).toBe(1)
    expect(await matches('english', 'espresso')).toBe(0)
  })

  it('keep the search words what the title and description say, whatever is written to the idea', async () => {
    const voter = await createTestUser({ password: null })
    const text = fc.oneof(
      fc.constantFrom('Herbruikbare bekers', 'Oat milk lattes', 'koffie & thee', '', ' '),
      fc.string({ maxLength: 40 }),
    )
    const write = fc.oneof(
      fc.record({ kind: fc.constant('title' as const), value: text }),
      fc.record({ kind: fc.constant('description' as const), value: text }),
      fc.record({ kind: fc.constantFrom('vote' as const, 'unvote' as const, 'counters' as const) }),
      // Written directly, the column is overwritten with what the idea says.
      fc.record({ kind: fc.constant('column' as const), value: text }),
    )
    const searchWords = sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('english', description), 'B') || setweight(to_tsvector('dutch', description), 'B')`
    await fc.assert(
      fc.asyncProperty(text, fc.array(write, { maxLength: 6 }), async (title, writes) => {
        const idea = await createTestIdea({ title: `${title} idea`, description: title })
        for (const next of writes) {
          if (next.kind === 'title' || next.kind === 'description')
            await db().execute(
              sql`update ideas set ${sql.identifier(next.kind)} = ${`${next.value} x`} where id = ${idea.id}`,
            )
          else if (next.kind === 'column')
            await db().execute(
              sql`update ideas set search_vector = to_tsvector(${next.value}) where id = ${idea.id}`,
            )
          else if (next.kind === 'counters')
            await db().execute(
              sql`update ideas set comment_count = comment_count + 1 where id = ${idea.id}`,
            )
          else
            await castVote({
              actor: voter,
              ideaId: idea.id,
              direction: next.kind === 'vote' ? 'up' : 'none',
            })
          const [row] = await queryRows<{ same: boolean }>(
            db(),
            sql`select search_vector is not distinct from (${searchWords}) as same from ideas where id = ${idea.id}`,
          )
          expect(row?.same, `after ${next.kind}`).toBe(true)
        }
      }),
      { numRuns: 15 },
    )
  })
})
