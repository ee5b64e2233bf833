// The idea page's action: one domain command per intent (post, edit, delete, report, feedback),
// and 400 for an intent it does not know, rather than treating it as a comment.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { comments, feedback } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { action } from '#app/routes/ideas.$ideaRef'
import { cookieFrom, makeContext, makeRequest, settle, statusOf } from '#tests/setup/request'

async function poster() {
  const idea = await createTestIdea()
  const person = await createTestUser({ password: null })
  const cookie = cookieFrom((await startSession(person.id)).cookie)
  const path = ideaPath(idea)
  const params = { ideaRef: path.replace('/ideas/', '') }
  const post = (form: Record<string, string>) =>
    settle(() =>
      action({
        request: makeRequest({ path, method: 'POST', cookie, form }),
        params,
        context: makeContext(),
      } as never),
    )
  return { idea, person, path, post }
}

describe('the idea page action', () => {
  const unknownIntents: Record<string, string>[] = [
    {},
    { intent: '' },
    { intent: 'vote' },
    { intent: 'toString' },
    { intent: '__proto__' },
  ]
  it.each(unknownIntents)('answers 400 to the intent in %o, and writes nothing', async (form) => {
    const { idea, post } = await poster()
    const answer = await post({ ...form, body: 'A comment that must not be posted' })
    expect(answer).toBeInstanceOf(Response)
    expect(statusOf(answer)).toBe(400)
    expect(await db().select().from(comments).where(eq(comments.ideaId, idea.id))).toEqual([])
  })

  it('posts, edits and deletes a comment, each by its intent', async () => {
    const { idea, path, post } = await poster()
    const posted = (await post({ intent: 'post', body: 'First words' })) as Response
    expect(posted.status).toBe(303)
    const [comment] = await db().select().from(comments).where(eq(comments.ideaId, idea.id))
    expect(posted.headers.get('Location')).toBe(`${path}#comment-${comment!.id}`)

    expect(
      statusOf(
        await post({ intent: 'edit', commentId: String(comment!.id), body: 'Better words' }),
      ),
    ).toBe(303)
    const [edited] = await db().select().from(comments).where(eq(comments.id, comment!.id))
    expect(edited!.body).toBe('Better words')

    const unconfirmed = await post({ intent: 'delete', commentId: String(comment!.id) })
    expect(statusOf(unconfirmed)).toBe(400)
    expect(unconfirmed).toMatchObject({
      data: {
        form: `delete-${comment!.id}`,
        fieldErrors: { confirm: ['comments.deleteConfirmRequired'] },
      },
    })
    expect(
      statusOf(await post({ intent: 'delete', commentId: String(comment!.id), confirm: 'yes' })),
    ).toBe(303)
    const [deleted] = await db().select().from(comments).where(eq(comments.id, comment!.id))
    expect(deleted!.deletedAt).not.toBeNull()
  })

  it('keeps a refused reply at its own form', async () => {
    const { post } = await poster()
    const refused = await post({ intent: 'post', parentId: '42', body: '' })
    expect(statusOf(refused)).toBe(400)
    expect(refused).toMatchObject({
      data: { form: 'reply-42', fieldErrors: { body: ['comments.form.empty'] } },
    })
  })

  it('records feedback on an answer, and answers 400 to one that is neither yes nor no', async () => {
    const { person, path, post } = await poster()
    expect(statusOf(await post({ intent: 'feedback', responseId: '7', helpful: 'maybe' }))).toBe(
      400,
    )
    expect(statusOf(await post({ intent: 'feedback', responseId: 'x', helpful: 'yes' }))).toBe(400)
    const given = (await post({ intent: 'feedback', responseId: '7', helpful: 'no' })) as Response
    expect(given.headers.get('Location')).toBe(`${path}?feedback=7#response-7`)
    const rows = await db()
      .select()
      .from(feedback)
      .where(and(eq(feedback.userId, person.id), eq(feedback.subjectId, 7)))
    expect(rows.map((row) => [row.kind, row.helpful])).toEqual([['response', false]])
  })
})
