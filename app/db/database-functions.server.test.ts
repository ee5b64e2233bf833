// The database functions kept beside their area (app/domain/**/*.sql) and the repeatable, checksum-
// tracked step of the migrator that applies them (migrate.server.ts, docs/database-functions.md).
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { adminQuery, serverUrl, urlForDatabase } from '#tests/setup/test-database'

import { connect, connection, db } from './db.server'
import {
  applyFunctionFiles,
  checksumOf,
  type FunctionFile,
  functionNamesIn,
  migrateDatabase,
  readFunctionFiles,
} from './migrate.server'
import { queryRows } from './sql.server'

/** The functions a file defines: each one's name and body (what PostgreSQL keeps as prosrc). */
function definitionsIn(file: FunctionFile) {
  const definitions = [
    ...file.sql.matchAll(/CREATE OR REPLACE FUNCTION\s+(\w+)\s*\([\s\S]*?AS \$\$([\s\S]*?)\$\$/g),
  ]
  return definitions.map(([, name, body]) => ({ name: name!, body: body! }))
}

async function bodiesInDatabase(name: string) {
  const rows = await queryRows<{ body: string }>(
    db(),
    sql`select prosrc as body from pg_proc where proname = ${name} and pronamespace = 'public'::regnamespace`,
  )
  return rows.map((row) => row.body)
}

async function recorded() {
  const rows = await queryRows<{ name: string; checksum: string; applied_at: string }>(
    db(),
    sql`select name, checksum, applied_at::text from drizzle.schema_functions order by name`,
  )
  return rows
}

async function applyInTransaction(files?: FunctionFile[]) {
  return db().transaction((tx) => applyFunctionFiles(tx, files))
}

describe('database functions beside their area', () => {
  it('are found under app/domain: one file per function, each a CREATE OR REPLACE', () => {
    const files = readFunctionFiles()
    expect(files.map((file) => file.name)).toEqual([
      'app/domain/ideas/hot-score.sql',
      'app/domain/notifications/notification-out-of-view.sql',
      'app/domain/pages/touch-idea-pages.sql',
      'app/domain/rate-limits/hit-rate-limit.sql',
      'app/domain/votes/cast-vote.sql',
      'app/domain/votes/cast-votes.sql',
    ])
    for (const file of files) {
      expect(definitionsIn(file), file.name).toHaveLength(1)
      expect(functionNamesIn(file), file.name).toEqual(
        definitionsIn(file).map((definition) => definition.name),
      )
    }
  })

  it('are in the database exactly as in their files, with their checksums recorded', async () => {
    const files = readFunctionFiles()
    for (const file of files) {
      for (const { name, body } of definitionsIn(file))
        expect(await bodiesInDatabase(name), name).toEqual([body])
    }
    expect((await recorded()).map(({ name, checksum }) => ({ name, checksum }))).toEqual(
      files.map((file) => ({ name: file.name, checksum: checksumOf(file.sql) })),
    )
  })

  // PostgreSQL 15 parses and plans the body of a LANGUAGE sql function on every call unless it
  // inlines it into the calling statement (a single SELECT of an expression, no stronger volatility
  // inside than declared). A ballot called three such functions: a quarter of its time in them.
  it('are plpgsql, or SQL that PostgreSQL inlines into the statement calling them', async () => {
    const functions = await queryRows<{ name: string; types: string[] }>(
      db(),
      sql`select p.proname as name,
                 array(select format_type(t, null) from unnest(p.proargtypes) t) as types
            from pg_proc p join pg_language l on l.oid = p.prolang
           where p.pronamespace = 'public'::regnamespace and l.lanname = 'sql'
             and not exists (select 1 from pg_depend d
                              where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
           order by 1`,
    )
    expect(functions.map((fn) => fn.name)).toContain('ideas_hot_score')
    for (const { name, types } of functions) {
      // Arguments from a row the planner cannot fold away (offset 0), so only inlining removes
      // the call from the plan.
      const columns = types.map((type, index) => `null::${type} as a${index}`).join(', ')
      const call = `${name}(${types.map((_, index) => `a${index}`).join(', ')})`
      const plan = await queryRows<{ 'QUERY PLAN': string }>(
        db(),
        sql.raw(`explain verbose select ${call} from (select ${columns} offset 0) args`),
      )
      const output = plan.map((row) => row['QUERY PLAN']).join('\n')
      expect(output, `${name} is not inlined:\n${output}`).not.toMatch(new RegExp(`\\b${name}\\(`))
    }
  })

  it('apply nothing the second time', async () => {
    const before = await recorded()
    expect(await applyInTransaction()).toEqual([])
    await migrateDatabase(connection())
    expect(await recorded()).toEqual(before)
  })

  it('apply a file again when it changed, and only that file', async () => {
    const files = readFunctionFiles()
    const original = files.find((file) => file.name === 'app/domain/ideas/hot-score.sql')!
    const changed = { ...original, sql: original.sql.replace('/ 604800)', '/ 302400)') }
    expect(changed.sql).not.toBe(original.sql)
    const others = files.filter((file) => file !== original)
    try {
      expect(await applyInTransaction([...others, changed])).toEqual([original.name])
      expect(await bodiesInDatabase('ideas_hot_score')).toEqual([definitionsIn(changed)[0]!.body])
      const [row] = await queryRows<{ hot: number }>(
        db(),
        sql`select ideas_hot_score(1, '2024-01-08T00:00:00Z') as hot`,
      )
      expect(Number(row!.hot)).toBe(2)
    } finally {
      expect(await applyInTransaction()).toEqual([original.name])
    }
    expect(await bodiesInDatabase('ideas_hot_score')).toEqual([definitionsIn(original)[0]!.body])
    expect(await applyInTransaction()).toEqual([])
  })

  it('create a function again when it went missing, though its file did not change', async () => {
    await db().execute(sql`drop function hit_rate_limit(text, integer)`)
    expect(await bodiesInDatabase('hit_rate_limit')).toEqual([])
    expect(await applyInTransaction()).toEqual(['app/domain/rate-limits/hit-rate-limit.sql'])
    expect(await bodiesInDatabase('hit_rate_limit')).toHaveLength(1)
  })

  it.runIf(serverUrl())(
    'let several migrators start at once on an empty PostgreSQL database',
    async () => {
      const baseUrl = serverUrl()!
      const name = `ideabox_test_race_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
      await adminQuery(baseUrl, `create database ${name}`)
      const instances = [0, 1, 2].map(() =>
        connect({ databaseUrl: urlForDatabase(baseUrl, name), poolSize: 3 }),
      )
      try {
        await Promise.all(instances.map((instance) => migrateDatabase(instance)))
        const rows = await queryRows<{ n: number }>(
          instances[0]!.db,
          sql`select count(*)::int as n from drizzle.schema_functions`,
        )
        expect(Number(rows[0]!.n)).toBe(readFunctionFiles().length)
        // And again, now that a changed file is waiting: one applies it, the others find nothing to do.
        await instances[0]!.db.execute(sql`update drizzle.schema_functions set checksum = 'stale'`)
        await Promise.all(instances.map((instance) => migrateDatabase(instance)))
        const after = await queryRows<{ checksum: string }>(
          instances[1]!.db,
          sql`select checksum from drizzle.schema_functions order by name`,
        )
        expect(after.map((row) => row.checksum)).toEqual(
          readFunctionFiles().map((file) => checksumOf(file.sql)),
        )
      } finally {
        await Promise.all(instances.map((instance) => instance.close()))
        await adminQuery(baseUrl, `drop database if exists ${name} with (force)`)
      }
    },
    120_000,
  )
})
