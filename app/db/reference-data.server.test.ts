import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db, listenToQueries } from '#app/db/db.server'
import { listCategories, listStatuses } from '#app/domain/ideas/ideas.server'
import { listTags } from '#app/domain/ideas/tags.server'
import { getSettings } from '#app/domain/settings/settings.server'

import { queryRows } from './sql.server'

// Each kept reader, the table it reads, a change to that table made as another instance would make
// it (plain SQL, which this process's code never sees), and what the reader shows after it.
const readers = [
  {
    table: 'statuses',
    read: async () => (await listStatuses()).map((status) => status.nameEn),
    change: sql`update statuses set name_en = name_en || ' (renamed)' where slug = 'planned'`,
    shows: (names: string[]) => names.includes('Planned (renamed)'),
  },
  {
    table: 'categories',
    read: async () => (await listCategories()).map((category) => category.nameEn),
    change: sql`update categories set name_en = 'Renamed category' where id = (select min(id) from categories where not retired)`,
    shows: (names: string[]) => names.includes('Renamed category'),
  },
  {
    table: 'tags',
    read: async () => (await listTags()).map((tag) => tag.nameEn),
    change: sql`insert into tags (slug, name_en, name_nl) values ('kept-test', 'Kept test', 'Bewaartest')`,
    shows: (names: string[]) => names.includes('Kept test'),
  },
  {
    table: 'site_settings',
    read: async () => [(await getSettings()).siteName],
    change: sql`insert into site_settings (key, value) values ('siteName', '"Renamed site"') on conflict (key) do update set value = excluded.value`,
    shows: (names: string[]) => names.includes('Renamed site'),
  },
] as const

const statementsIn = async <T>(work: () => Promise<T>) => {
  const texts: string[] = []
  const stop = listenToQueries((text) => texts.push(text))
  try {
    await work()
  } finally {
    stop()
  }
  return texts
}

describe('reference data kept per instance (decision 036)', () => {
  it('has a version trigger on exactly the tables the kept readers read', async () => {
    const rows = await queryRows<{ table: string }>(
      db(),
      sql`select distinct c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid
          where not t.tgisinternal and t.tgfoid = 'bump_reference_version'::regproc order by 1`,
    )
    expect(rows.map((row) => row.table)).toEqual(readers.map((reader) => reader.table).sort())
  })

  for (const reader of readers) {
    it(`${reader.table}: read again only after a committed change, never stale`, async () => {
      const before = await reader.read()
      expect(reader.shows([...before])).toBe(false)
      // Kept: the second read asks only for the version.
      const texts = await statementsIn(() => reader.read())
      expect(texts.filter((text) => text.includes(`"${reader.table}"`))).toEqual([])
      expect(texts.some((text) => text.includes('"reference_version"'))).toBe(true)

      // A change that is rolled back changes nothing, and the rows stay kept.
      await db()
        .transaction(async (tx) => {
          await tx.execute(reader.change)
          throw new Error('roll back')
        })
        .catch(() => {})
      expect(reader.shows([...(await reader.read())])).toBe(false)

      // A committed change, by anyone: the next read shows it.
      await db().execute(reader.change)
      expect(reader.shows([...(await reader.read())])).toBe(true)
    })
  }

  it('the version survives the table being emptied (truncate) and filled again', async () => {
    const names = async () => (await listTags()).map((tag) => tag.nameEn)
    await db().execute(sql`insert into tags (slug, name_en, name_nl) values ('one', 'One', 'Een')`)
    expect(await names()).toContain('One')
    await db().execute(sql`truncate reference_version`)
    await db().execute(sql`truncate tags cascade`)
    expect(await names()).toEqual([])
    await db().execute(sql`insert into tags (slug, name_en, name_nl) values ('two', 'Two', 'Twee')`)
    expect(await names()).toEqual(['Two'])
  })

  it('kept rows are frozen: a caller cannot change them for the next request', async () => {
    const statuses = await listStatuses()
    expect(Object.isFrozen(statuses)).toBe(true)
    expect(() => {
      ;(statuses[0] as { nameEn: string }).nameEn = 'changed'
    }).toThrow()
  })
})
