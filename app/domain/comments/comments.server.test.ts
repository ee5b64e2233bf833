import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { comments, follows, ideas, notifications, users } from '#app/db/schema'
import { createTestIdea, createTestUser, getIdeaRow } from '#app/demo/factories.server'
import { setFollowing } from '#app/domain/follows/follows.server'
import { reportContent } from '#app/domain/moderation/reports.server'
import {
  countUnread,
  listNotifications,
  markRead,
} from '#app/domain/notifications/notifications.server'
import { castVote } from '#app/domain/votes/votes.server'

import { deleteComment, editComment, postComment } from './comments.server'

async function notificationsOf(userId: number) {
  return db().select().from(notifications).where(eq(notifications.userId, userId))
}

describe('comments, follows and notifications', () => {
  it('tells followers about a comment, the parent author about a reply, and nobody twice', async () => {
    const author = await createTestUser({ password: null })
    const idea = await createTestIdea({ authorId: author.id })
    const voter = await createTestUser({ password: null })
    await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })
    const commenter = await createTestUser({ password: null })

    const first = await postComment({ actor: commenter, ideaId: idea.id, body: 'Great idea' })
    expect(first.ok).toBe(true)
    // Author and voter follow automatically; the commenter does now too, and is not told about their own comment.
    expect((await notificationsOf(author.id)).map((n) => n.type)).toEqual(['comment'])
    expect((await notificationsOf(voter.id)).map((n) => n.type)).toEqual(['comment'])
    expect(await notificationsOf(commenter.id)).toEqual([])
    expect((await getIdeaRow(idea.id))!).toMatchObject({ commentCount: 1, followerCount: 3 })

    const reply = await postComment({
      actor: author,
      ideaId: idea.id,
      body: 'Thanks!',
      parentId: first.ok ? first.commentId : 0,
    })
    expect(reply.ok).toBe(true)
    expect((await notificationsOf(commenter.id)).map((n) => n.type)).toEqual(['reply'])
    expect((await notificationsOf(voter.id)).map((n) => n.type)).toEqual(['comment', 'comment'])
    expect((await notificationsOf(author.id)).map((n) => n.type)).toEqual(['comment'])
  })

  it('files a reply to a reply in the same thread', async () => {
    const idea = await createTestIdea()
    const someone = await createTestUser({ password: null })
    const top = await postComment({ actor: someone, ideaId: idea.id, body: 'Top' })
    const reply = await postComment({
      actor: someone,
      ideaId: idea.id,
      body: 'Reply',
      parentId: top.ok ? top.commentId : 0,
    })
    const nested = await postComment({
      actor: someone,
      ideaId: idea.id,
      body: 'Nested',
      parentId: reply.ok ? reply.commentId : 0,
    })
    const [row] = await db()
      .select()
      .from(comments)
      .where(eq(comments.id, nested.ok ? nested.commentId : 0))
    expect(row!.parentId).toBe(top.ok ? top.commentId : -1)
  })

  it('stores a double-submitted comment once', async () => {
    const idea = await createTestIdea()
    const someone = await createTestUser({ password: null })
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        postComment({
          actor: someone,
          ideaId: idea.id,
          body: 'Once',
          submissionKey: 'same-key-123',
        }),
      ),
    )
    expect(new Set(results.map((result) => result.ok && result.commentId)).size).toBe(1)
    expect((await getIdeaRow(idea.id))!.commentCount).toBe(1)
  })

  it('gives the same text by the same person on the same idea within 10 minutes back instead of a second comment (Back, then Post again)', async () => {
    const idea = await createTestIdea()
    const someone = await createTestUser({ password: null })
    // Each page load had its own submission key, so the key does not catch it.
    const first = await postComment({
      actor: someone,
      ideaId: idea.id,
      body: 'Please add dark mode',
      submissionKey: 'first-page-key',
    })
    const again = await postComment({
      actor: someone,
      ideaId: idea.id,
      body: '  Please add\n dark   mode ',
      submissionKey: 'second-page-key',
    })
    expect(first.ok && again).toEqual({ ok: true, commentId: first.ok ? first.commentId : -1 })
    expect((await getIdeaRow(idea.id))!.commentCount).toBe(1)

    // A different text, a reply under it, or the same text later on are new comments.
    expect(
      await postComment({ actor: someone, ideaId: idea.id, body: 'And a light mode' }),
    ).toMatchObject({ ok: true })
    const reply = await postComment({
      actor: someone,
      ideaId: idea.id,
      body: 'Please add dark mode',
      parentId: first.ok ? first.commentId : 0,
    })
    expect(reply.ok && reply.commentId).not.toBe(first.ok && first.commentId)
    // (An hour back, so the spam check's "said the same three times this hour" stays out of it.)
    await db()
      .update(comments)
      .set({ createdAt: sql`now() - interval '61 minutes'` })
      .where(eq(comments.ideaId, idea.id))
    const later = await postComment({
      actor: someone,
      ideaId: idea.id,
      body: 'Please add dark mode',
    })
    expect(later.ok && later.commentId).not.toBe(first.ok && first.commentId)
    // Someone else saying the same is their own comment.
    expect(
      await postComment({
        actor: await createTestUser({ password: null }),
        ideaId: idea.id,
        body: 'Please add dark mode',
      }),
    ).toMatchObject({ ok: true })
    expect((await getIdeaRow(idea.id))!.commentCount).toBe(5)
  })

  it('makes one comment of parallel posts of the same text with different submission keys', async () => {
    const idea = await createTestIdea()
    const someone = await createTestUser({ password: null })
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, index) =>
        postComment({
          actor: someone,
          ideaId: idea.id,
          body: 'Twice at once',
          submissionKey: `parallel-key-${index}`,
        }),
      ),
    )
    expect(results.every((result) => result.ok)).toBe(true)
    expect(new Set(results.map((result) => result.ok && result.commentId)).size).toBe(1)
    expect((await getIdeaRow(idea.id))!.commentCount).toBe(1)
  })

  it('lets authors edit within 15 minutes and delete, leaving a placeholder only under replies', async () => {
    const idea = await createTestIdea()
    const author = await createTestUser({ password: null })
    const other = await createTestUser({ password: null })
    const posted = await postComment({ actor: author, ideaId: idea.id, body: 'Typo' })
    const id = posted.ok ? posted.commentId : 0
    expect(
      await editComment({ actor: other, ideaId: idea.id, commentId: id, body: 'Hijack' }),
    ).toMatchObject({
      ok: false,
      reason: 'notYours',
    })
    expect(
      await editComment({ actor: author, ideaId: idea.id, commentId: id, body: 'Fixed' }),
    ).toEqual({
      ok: true,
      commentId: id,
    })
    await db()
      .update(comments)
      .set({ createdAt: sql`now() - interval '16 minutes'` })
      .where(eq(comments.id, id))
    expect(
      await editComment({ actor: author, ideaId: idea.id, commentId: id, body: 'Late' }),
    ).toMatchObject({
      ok: false,
      reason: 'editWindowPassed',
    })
    expect(await deleteComment({ actor: other, ideaId: idea.id, commentId: id })).toMatchObject({
      ok: false,
      reason: 'notYours',
    })
    expect(await deleteComment({ actor: author, ideaId: idea.id, commentId: id })).toEqual({
      ok: true,
      commentId: id,
    })
    expect((await getIdeaRow(idea.id))!.commentCount).toBe(0)
  })

  it('holds an edit to what a new comment is held to, and to the idea whose page it came from', async () => {
    const idea = await createTestIdea()
    const elsewhere = await createTestIdea()
    const author = await createTestUser({ password: null })
    const posted = await postComment({ actor: author, ideaId: idea.id, body: 'A fair point' })
    if (!posted.ok) throw new Error(posted.reason)
    const edit = (body: string, onIdea = idea.id) =>
      editComment({ actor: author, ideaId: onIdea, commentId: posted.commentId, body })
    const remove = (onIdea: number) =>
      deleteComment({ actor: author, ideaId: onIdea, commentId: posted.commentId })
    // Another idea's page: not one of its comments, neither to edit nor to delete.
    expect(await edit('Moved', elsewhere.id)).toMatchObject({ ok: false, reason: 'parentGone' })
    expect(await remove(elsewhere.id)).toMatchObject({ ok: false, reason: 'parentGone' })
    // Reworded into links: refused as a new comment would be.
    const links = 'Buy: https://a.example https://b.example https://c.example https://d.example'
    expect(await edit(links)).toMatchObject({ ok: false, reason: 'looksLikeSpam' })
    // Reworded to the same words it had: not a repeat of itself.
    expect(await edit('A fair point')).toMatchObject({ ok: true })
    await db()
      .update(ideas)
      .set({ commentsLockedAt: sql`now()` })
      .where(eq(ideas.id, idea.id))
    expect(await edit('After the lock')).toMatchObject({ ok: false, reason: 'locked' })
    await db().update(ideas).set({ commentsLockedAt: null }).where(eq(ideas.id, idea.id))
    await db()
      .update(users)
      .set({ suspendedUntil: sql`now() + interval '1 day'` })
      .where(eq(users.id, author.id))
    expect(await edit('While suspended')).toMatchObject({ ok: false, reason: 'suspended' })
    const [kept] = await db().select().from(comments).where(eq(comments.id, posted.commentId))
    expect(kept!.body).toBe('A fair point')
    // Taking one's own words back stays possible.
    expect(await remove(idea.id)).toMatchObject({ ok: true })
  })

  it('follows and unfollows with an exact follower count, and marks notifications read', async () => {
    const idea = await createTestIdea()
    const person = await createTestUser({ password: null })
    await setFollowing({ userId: person.id, role: person.role, ideaId: idea.id, following: true })
    await setFollowing({ userId: person.id, role: person.role, ideaId: idea.id, following: true })
    expect((await getIdeaRow(idea.id))!.followerCount).toBe(2)
    await setFollowing({ userId: person.id, role: person.role, ideaId: idea.id, following: false })
    expect((await getIdeaRow(idea.id))!.followerCount).toBe(1)
    expect(
      await db()
        .select()
        .from(follows)
        .where(and(eq(follows.ideaId, idea.id), eq(follows.userId, person.id))),
    ).toEqual([])

    await setFollowing({ userId: person.id, role: person.role, ideaId: idea.id, following: true })
    await postComment({
      actor: await createTestUser({ password: null }),
      ideaId: idea.id,
      body: 'Hello',
    })
    expect(await countUnread({ userId: person.id })).toBe(1)
    expect((await listNotifications({ userId: person.id })).notifications[0]).toMatchObject({
      type: 'comment',
      ideaId: idea.id,
    })
    await markRead({ userId: person.id })
    expect(await countUnread({ userId: person.id })).toBe(0)
  })

  it('takes one report per person per item', async () => {
    const idea = await createTestIdea()
    const person = await createTestUser({ password: null })
    expect(
      await reportContent({ actor: person, ideaId: idea.id, reason: 'spam', note: '' }),
    ).toEqual({ ok: true, alreadyReported: false })
    expect(
      await reportContent({ actor: person, ideaId: idea.id, reason: 'offensive', note: 'again' }),
    ).toEqual({ ok: true, alreadyReported: true })
    const posted = await postComment({ actor: person, ideaId: idea.id, body: 'x' })
    const commentId = posted.ok ? posted.commentId : 0
    expect(
      await reportContent({ actor: person, ideaId: idea.id, commentId, reason: 'spam', note: '' }),
    ).toEqual({ ok: true, alreadyReported: false })
    expect(
      await reportContent({
        actor: person,
        ideaId: idea.id + 1000,
        commentId,
        reason: 'spam',
        note: '',
      }),
    ).toMatchObject({ ok: false, reason: 'gone' })
  })
})
