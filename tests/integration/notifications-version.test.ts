// /notifications' version hashes a person's own notification rows and reads the version of the text
// they show of other rows (docs/decisions/050): every column the page reads of another table must
// change that version when it changes, and every row it names must change it when it goes. The
// columns come from the statement the page reads (selectNotificationEvents), so a column added to
// it is tested here without anyone listing it.
import { Column, getTableName, is, type SQL, sql, Table } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { notifications } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { selectNotificationEvents } from '#app/domain/notifications/notifications.server'
import { readNotificationsVersion } from '#app/domain/pages/notifications-version.server'
import { createTestIdea, createTestUser, unique } from '#tests/factories'

/** The table a column belongs to, by its name in the database (an alias's table by its own). */
const tableOf = (column: Column) =>
  (column.table as unknown as Record<symbol, string>)[Symbol.for('drizzle:OriginalName')] ??
  getTableName(column.table)

/** Every column the statement reads: plain fields, and the columns inside computed ones. */
function columnsRead(fields: Record<string, unknown>) {
  const found = new Map<string, Column>()
  const visit = (value: unknown) => {
    if (is(value, Column)) found.set(`${tableOf(value)}.${value.name}`, value)
    else if (is(value, Table)) return
    else if (value && typeof value === 'object' && 'queryChunks' in value)
      for (const chunk of (value as SQL).queryChunks) visit(chunk)
  }
  for (const field of Object.values(fields)) visit(field)
  return [...found.values()]
}

/** A new value for a column, whatever its type. */
function changed(column: Column) {
  const name = sql.identifier(column.name)
  if (column.dataType === 'string') return sql`coalesce(${name} || ' changed', 'changed')`
  if (column.dataType === 'date') return sql`case when ${name} is null then now() else null end`
  if (column.dataType === 'boolean') return sql`not ${name}`
  throw new Error(`no new value for ${column.dataType} column ${tableOf(column)}.${column.name}`)
}

async function scene() {
  const reader = await createTestUser({ password: null, displayName: 'Notified Reader' })
  const actor = await createTestUser({ password: null, displayName: 'Named Actor' })
  const idea = await createTestIdea({ authorId: reader.id, title: 'Named idea' })
  const [comment] = await queryRows<{ id: number }>(
    db(),
    sql`insert into comments (idea_id, author_id, body) values (${idea.id}, ${actor.id}, 'Some words') returning id`,
  )
  const [update] = await queryRows<{ id: number }>(
    db(),
    sql`insert into updates (slug, title, summary, status, published_at, author_id)
      values (${unique('update')}, 'Named update', 'Its summary', 'published', now(), ${actor.id}) returning id`,
  )
  const [response] = await queryRows<{ id: number }>(
    db(),
    sql`insert into idea_responses (idea_id, author_id, body) values (${idea.id}, ${actor.id}, 'Our answer') returning id`,
  )
  const [note] = await queryRows<{ id: number }>(
    db(),
    sql`insert into internal_notes (idea_id, author_id, body) values (${idea.id}, ${actor.id}, 'A note') returning id`,
  )
  // One notification naming every kind of row the page joins.
  await db()
    .insert(notifications)
    .values({
      userId: reader.id,
      type: 'comment',
      ideaId: idea.id,
      updateId: update!.id,
      commentId: comment!.id,
      actorId: actor.id,
      payload: { responseId: response!.id, noteId: note!.id },
      dedupeKey: unique('named'),
    })
  const rowOf: Record<string, number> = {
    ideas: idea.id,
    users: actor.id,
    comments: comment!.id,
    updates: update!.id,
    idea_responses: response!.id,
    internal_notes: note!.id,
  }
  const { sessionId } = await startSession(reader.id)
  const version = async () => (await readNotificationsVersion({ sessionId }))!.rows
  return { rowOf, version }
}

// The fields as written (getSelectedFields() would refuse the computed ones, unnamed outside SQL).
const read = columnsRead(
  (selectNotificationEvents(db()) as unknown as { config: { fields: Record<string, unknown> } })
    .config.fields,
)
const joined = read.filter((column) => tableOf(column) !== 'notifications')
const joinedTables = [...new Set(joined.map(tableOf))]

describe("/notifications' version", () => {
  it('reads columns of every table the page joins (the list below is the statement’s)', () => {
    expect(joinedTables.sort()).toEqual(
      ['comments', 'idea_responses', 'ideas', 'internal_notes', 'updates', 'users'].sort(),
    )
  })

  const changeable = joined.filter((column) => !column.primary)
  it.each(changeable.map((column) => [tableOf(column), column.name]))(
    'changes when %s.%s changes',
    async (table, name) => {
      const column = changeable.find((one) => tableOf(one) === table && one.name === name)!
      const { rowOf, version } = await scene()
      const before = await version()
      await db().execute(
        sql`update ${sql.identifier(table)} set ${sql.identifier(column.name)} = ${changed(column)} where id = ${rowOf[table]}`,
      )
      expect(await version()).not.toBe(before)
    },
  )

  it.each(joinedTables)(
    'changes when the %s row a notification names is deleted',
    async (table) => {
      const { rowOf, version } = await scene()
      const before = await version()
      // What refers to the row goes with it (a comment's author, an idea's answers).
      await db().transaction(async (transaction) => {
        if (table === 'users')
          await transaction.execute(sql`delete from comments where author_id = ${rowOf.users}`)
        await transaction.execute(
          sql`delete from ${sql.identifier(table)} where id = ${rowOf[table]}`,
        )
      })
      expect(await version()).not.toBe(before)
    },
  )

  it('stays the same when nothing it shows changed', async () => {
    const { rowOf, version } = await scene()
    const before = await version()
    await db().execute(
      sql`update ideas set score = score + 1, comment_count = comment_count where id = ${rowOf.ideas}`,
    )
    await db().execute(sql`update users set display_name = display_name where id = ${rowOf.users}`)
    expect(await version()).toBe(before)
  })
})
