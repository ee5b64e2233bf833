// "Did this answer help you?": signed links from email, one changeable answer per person, and the
// helpfulness figures for the insights page.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { feedback, ideaResponses, outbox, statuses } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { changeStatus } from '#app/domain/ideas/responses.server'
import { processOutbox } from '#app/domain/mail/outbox.server'
import { mailboxTransport } from '#app/domain/mail/transport.server'
import { renderQueuedMessage } from '#app/domain/notifications/messages.server'

import { feedbackLinks, giveFeedback, helpfulness, readFeedbackToken } from './feedback.server'

describe('answer feedback', () => {
  it('is asked in the status-change email with signed links that name the person and the answer', async () => {
    const moderator = await createTestUser({
      role: 'moderator',
      password: null,
      displayName: 'Mo Derator',
    })
    const author = await createTestUser({ password: null })
    const idea = await createTestIdea({ authorId: author.id })
    const [review] = await db()
      .select({ id: statuses.id })
      .from(statuses)
      .where(eq(statuses.slug, 'under-review'))
    await changeStatus({
      actor: moderator,
      ideaIds: [idea.id],
      statusId: review!.id,
      response: 'Looking into it.',
    })
    await processOutbox({ renderMessage: renderQueuedMessage, transport: mailboxTransport })
    const [response] = await db()
      .select({ id: ideaResponses.id })
      .from(ideaResponses)
      .where(eq(ideaResponses.ideaId, idea.id))
    const [email] = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.userId, author.id), eq(outbox.kind, 'notification')))
    expect(email!.textBody).toContain('Did this answer help you?')
    const yes = /Yes: (\S+)/.exec(email!.textBody!)![1]!
    const token = decodeURIComponent(new URL(yes).searchParams.get('token')!)
    expect(await readFeedbackToken(token)).toEqual({
      kind: 'response',
      subjectId: response!.id,
      userId: author.id,
    })
    expect(await readFeedbackToken(`${token}x`)).toBeNull()

    await giveFeedback({
      kind: 'response',
      subjectId: response!.id,
      userId: author.id,
      helpful: true,
    })
    await giveFeedback({
      kind: 'response',
      subjectId: response!.id,
      userId: author.id,
      helpful: false,
      comment: 'Too vague',
    })
    const rows = await db().select().from(feedback).where(eq(feedback.userId, author.id))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ helpful: false, comment: 'Too vague' })

    const other = await createTestUser({ password: null })
    await giveFeedback({
      kind: 'response',
      subjectId: response!.id,
      userId: other.id,
      helpful: true,
    })
    const figures = await helpfulness()
    expect(figures.byMember.find((row) => row.name === 'Mo Derator')).toEqual({
      name: 'Mo Derator',
      answers: 2,
      helpful: 1,
      share: 0.5,
    })
    expect((await feedbackLinks({ kind: 'update', subjectId: 3, userId: other.id })).no).toMatch(
      /answer=no$/,
    )
  })
})
