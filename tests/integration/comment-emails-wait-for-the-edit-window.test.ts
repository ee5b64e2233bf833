// An email announcing a comment (or a reply) goes out once the comment's edit window has closed,
// written from the comment as it is then: an edit made within the window is what followers read, and
// a comment deleted by its author or hidden by a moderator meanwhile is not emailed at all
// (docs/decisions/039-comment-emails-wait-for-the-edit-window.md). Time is moved on through the
// outbox's due time, as a worker would find it later; other emails keep going out at once.
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { comments, notifications, outbox, statuses } from '#app/db/schema'
import { createTestIdea, createTestUser, unique } from '#app/demo/factories.server'
import { COMMENT_EDIT_MINUTES } from '#app/domain/comments/comments.rules'
import { deleteComment, editComment, postComment } from '#app/domain/comments/comments.server'
import { follow } from '#app/domain/follows/follows.server'
import { changeStatus } from '#app/domain/ideas/responses.server'
import { listMail, mailHealth, processOutbox } from '#app/domain/mail/outbox.server'
import { mailboxTransport, type OutgoingMessage } from '#app/domain/mail/transport.server'
import { hideContent } from '#app/domain/moderation/moderation.server'
import { renderQueuedMessage } from '#app/domain/notifications/messages.server'
import { listNotifications } from '#app/domain/notifications/notifications.server'
import { passTheCommentEditWindow } from '#tests/setup/outbox'

/** The worker's rounds until nothing is due: what went out, by address. */
async function runWorker() {
  const sent: OutgoingMessage[] = []
  const transport = {
    name: mailboxTransport.name,
    send: async (message: OutgoingMessage) => void sent.push(message),
  }
  for (let round = 0; round < 50; round++) {
    const result = await processOutbox({ renderMessage: renderQueuedMessage, transport })
    if (result.claimed === 0) break
  }
  return sent
}

async function aFollowedIdeaWithAComment(body: string) {
  const [follower, writer, moderator, idea] = await Promise.all([
    createTestUser({ password: null }),
    createTestUser({ password: null }),
    createTestUser({ role: 'moderator', password: null }),
    createTestIdea(),
  ])
  await follow({ userId: follower.id, ideaId: idea.id })
  const posted = await postComment({ actor: writer, ideaId: idea.id, body })
  if (!posted.ok) throw new Error(`comment refused: ${posted.reason}`)
  return { follower, writer, moderator, idea, commentId: posted.commentId }
}

const to = (sent: OutgoingMessage[], email: string) =>
  sent.filter((message) => message.to === email)

describe('an email about a new comment waits for the comment’s edit window', () => {
  it('is not sent before the window ends, and is sent after it', async () => {
    const first = `My first comment ${unique('w')}`
    const { follower, commentId } = await aFollowedIdeaWithAComment(first)
    expect(to(await runWorker(), follower.email), 'sent within the window').toEqual([])
    // Due when the window has closed, not before.
    const [row] = await db()
      .select({
        waits: sql<number>`extract(epoch from ${outbox.nextAttemptAt} - ${comments.createdAt})::float`,
        postedAt: comments.createdAt,
      })
      .from(outbox)
      .innerJoin(notifications, eq(notifications.id, outbox.notificationId))
      .innerJoin(comments, eq(comments.id, notifications.commentId))
      .where(and(eq(outbox.userId, follower.id), eq(comments.id, commentId)))
    expect(row!.waits).toBeGreaterThanOrEqual(COMMENT_EDIT_MINUTES * 60)
    // Waiting on purpose is not late: the admins' "email is stuck" warning counts from the due time.
    const { oldestQueued } = await mailHealth()
    expect(oldestQueued!.getTime() - row!.postedAt.getTime()).toBeGreaterThanOrEqual(
      COMMENT_EDIT_MINUTES * 60_000,
    )

    // The mailbox at /admin/mail says it is waiting, and until when.
    const waiting = (await listMail()).messages.find((message) => message.state === 'pending')
    expect(waiting?.dueAt?.getTime()).toBe(oldestQueued!.getTime())

    await passTheCommentEditWindow()
    const sent = to(await runWorker(), follower.email)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.text).toContain(first)
    expect((await listMail()).messages.every((message) => message.dueAt === null)).toBe(true)
  })

  it('a comment edited within the window: the email carries the edited text', async () => {
    const first = `My first comment ${unique('e')}`
    const edited = `My EDITED comment ${unique('e')}`
    const { follower, writer, idea, commentId } = await aFollowedIdeaWithAComment(first)
    await runWorker()
    expect(
      await editComment({ actor: writer, ideaId: idea.id, commentId, body: edited }),
    ).toMatchObject({ ok: true })
    await passTheCommentEditWindow()
    const sent = to(await runWorker(), follower.email)
    expect(sent).toHaveLength(1)
    for (const body of [sent[0]!.text, sent[0]!.html]) {
      expect(body).toContain(edited)
      expect(body).not.toContain(first)
    }
  })

  it('a reply edited within the window: the email to the person replied to carries the edited text', async () => {
    const [first, second, idea] = await Promise.all([
      createTestUser({ password: null }),
      createTestUser({ password: null }),
      createTestIdea(),
    ])
    const parent = await postComment({
      actor: first,
      ideaId: idea.id,
      body: `Who else? ${unique('p')}`,
    })
    if (!parent.ok) throw new Error('refused')
    const reply = await postComment({
      actor: second,
      ideaId: idea.id,
      body: `Me, first words ${unique('r')}`,
      parentId: parent.commentId,
    })
    if (!reply.ok) throw new Error('refused')
    expect(to(await runWorker(), first.email)).toEqual([])
    const edited = `Me, better words ${unique('r')}`
    await editComment({ actor: second, ideaId: idea.id, commentId: reply.commentId, body: edited })
    await passTheCommentEditWindow()
    const sent = to(await runWorker(), first.email)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.subject).toContain(second.displayName)
    expect(sent[0]!.text).toContain(edited)
    expect(sent[0]!.text).not.toContain('first words')
  })

  it('a comment deleted within the window: no email, and its text is not shown in the app', async () => {
    const first = `Posted by mistake ${unique('d')}`
    const { follower, writer, idea, commentId } = await aFollowedIdeaWithAComment(first)
    expect(await deleteComment({ actor: writer, ideaId: idea.id, commentId })).toMatchObject({
      ok: true,
    })
    await passTheCommentEditWindow()
    expect(to(await runWorker(), follower.email)).toEqual([])
    const [row] = await db()
      .select({ state: outbox.state, deliveredVia: outbox.deliveredVia })
      .from(outbox)
      .where(eq(outbox.userId, follower.id))
    expect(row).toEqual({ state: 'sent', deliveredVia: 'skipped' })
    const listed = await listNotifications({ userId: follower.id })
    expect(listed.notifications.map((shown) => shown.excerpt).join(' ')).not.toContain(first)
  })

  it('a comment hidden by a moderator within the window: no email, and its text is not shown in the app', async () => {
    const first = `Rude words ${unique('h')}`
    const { follower, moderator, commentId } = await aFollowedIdeaWithAComment(first)
    expect(
      await hideContent({ actor: moderator, target: { commentId }, reason: 'Be kind' }),
    ).toMatchObject({ ok: true })
    await passTheCommentEditWindow()
    expect(to(await runWorker(), follower.email)).toEqual([])
    const listed = await listNotifications({ userId: follower.id })
    expect(listed.notifications.map((shown) => shown.excerpt).join(' ')).not.toContain(first)
  })

  it('other emails (a status change) still go out at once', async () => {
    const [voter, moderator, idea] = await Promise.all([
      createTestUser({ password: null }),
      createTestUser({ role: 'moderator', password: null }),
      createTestIdea(),
    ])
    await follow({ userId: voter.id, ideaId: idea.id })
    const [planned] = await db()
      .select({ id: statuses.id })
      .from(statuses)
      .where(eq(statuses.slug, 'planned'))
    expect(
      (
        await changeStatus({
          actor: moderator,
          ideaIds: [idea.id],
          statusId: planned!.id,
          response: 'Coming soon',
        })
      ).ok,
    ).toBe(true)
    expect(to(await runWorker(), voter.email)).toHaveLength(1)
  })
})
