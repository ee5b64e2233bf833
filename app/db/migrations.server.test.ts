import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { createTestIdea } from '#app/demo/factories.server'

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
})
