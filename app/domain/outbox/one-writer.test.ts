// The outbox has one writer (enqueue.server.ts): a second piece of code inserting into the table
// (a builder call or raw SQL, in TypeScript or in a .sql file) fails here with its file.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../../..')

/** Every TypeScript and SQL file under `dir` (relative to the repository), tests included. */
function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(tsx?|sql)$/.test(file))
    .map((file) => path.join(dir, file).split(path.sep).join('/'))
    .sort()
}

/** Drizzle's `.insert(outbox)` (or `schema.outbox`), and SQL's `insert into outbox` / `insert into ${outbox}`. */
const insertsIntoOutbox = (text: string) =>
  /\.insert\(\s*(?:schema\.)?outbox\s*\)|insert\s+into\s+(?:\$\{\s*(?:schema\.)?outbox\s*\}|"?outbox"?(?![\w$]))/i.test(
    text,
  )

const writer = 'app/domain/outbox/enqueue.server.ts'
const self = 'app/domain/outbox/one-writer.test.ts'

describe('the outbox has one writer', () => {
  it('recognises every way of inserting into the outbox, and nothing else', () => {
    expect(insertsIntoOutbox('await tx.insert(outbox).values({ kind })')).toBe(true)
    expect(insertsIntoOutbox('executor\n  .insert( schema.outbox )')).toBe(true)
    expect(insertsIntoOutbox('sql`insert into ${outbox} (kind) select 1`')).toBe(true)
    expect(insertsIntoOutbox('INSERT INTO outbox (kind) VALUES ($1)')).toBe(true)
    expect(insertsIntoOutbox('insert into "outbox" (kind) values (1)')).toBe(true)
    expect(insertsIntoOutbox('insert into outbox_archive select 1')).toBe(false)
    expect(insertsIntoOutbox('await db().update(outbox).set({ state })')).toBe(false)
    expect(insertsIntoOutbox('await tx.insert(notifications).values({})')).toBe(false)
  })

  const files = ['app', 'tests', 'drizzle']
    .flatMap((dir) => sourceFiles(dir))
    .filter((file) => file !== self)

  it('finds the writer', () => {
    expect(files).toContain(writer)
    expect(insertsIntoOutbox(readFileSync(path.join(root, writer), 'utf8'))).toBe(true)
  })

  it('and no other file inserts into the outbox (queue through enqueue instead)', () => {
    const others = files.filter(
      (file) => file !== writer && insertsIntoOutbox(readFileSync(path.join(root, file), 'utf8')),
    )
    expect(others).toEqual([])
  })
})
