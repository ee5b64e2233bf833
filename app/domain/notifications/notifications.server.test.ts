import { and, eq, inArray, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { db, listenToQueries } from '#app/db/db.server'
import { notificationPreferences, notifications, outbox } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import {
  addActivity,
  createTestIdea,
  createTestUser,
  TEST_PASSWORD,
  unique,
} from '#app/demo/factories.server'
import { postComment } from '#app/domain/comments/comments.server'
import { changeStatus } from '#app/domain/ideas/responses.server'
import { hideContent, restoreContent } from '#app/domain/moderation/moderation.server'
import { deleteAccount } from '#app/domain/privacy/personal-data.server'
import { castVote } from '#app/domain/votes/votes.server'
import { decodePage } from '#app/utils/cursors'

import {
  countUnread,
  listNotifications,
  NOTIFICATIONS_PAGE_SIZE,
  notify,
} from './notifications.server'

describe('notify', () => {
  it('tells nobody whose account was deleted, though their votes and follows still count', async () => {
    const idea = await createTestIdea()
    const [stays, leaves] = await Promise.all([createTestUser(), createTestUser()])
    await addActivity({
      votes: [stays, leaves].map((person) => ({
        ideaId: idea.id,
        userId: person.id,
        value: 1 as const,
      })),
    })
    expect(
      (
        await deleteAccount({
          userId: leaves.id,
          input: { currentPassword: TEST_PASSWORD, removeContent: false },
        })
      ).ok,
    ).toBe(true)
    await notify({
      type: 'status',
      ideaId: idea.id,
      payload: { nameEn: 'Planned', nameNl: 'Gepland' },
      dedupeKey: unique('status'),
      recipients: { followersOf: idea.id, upVotersOf: idea.id },
    })
    const told = await db()
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.ideaId, idea.id), eq(notifications.type, 'status')))
    expect(told.map((row) => row.userId)).toContain(stays.id)
    expect(told.map((row) => row.userId)).not.toContain(leaves.id)
    expect(await db().select().from(outbox).where(eq(outbox.userId, leaves.id))).toEqual([])
  })
})

describe('the notifications page', () => {
  it('walked forward and then back, shows the same pages in the same order, ending on the first', async () => {
    const idea = await createTestIdea()
    const size = NOTIFICATIONS_PAGE_SIZE
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(0, 1, size - 1, size, size + 1, 2 * size, 2 * size + 1),
          fc.integer({ min: 0, max: 3 * size }),
        ),
        async (count) => {
          const person = await createTestUser({ password: null })
          if (count)
            await db()
              .insert(notifications)
              .values(
                Array.from({ length: count }, (_, n) => ({
                  userId: person.id,
                  type: 'status' as const,
                  ideaId: idea.id,
                  payload: { nameEn: 'Planned', nameNl: 'Gepland' },
                  dedupeKey: `page-${n}`,
                })),
              )
          const ids = (page: { notifications: { id: number }[] }) =>
            page.notifications.map((notification) => notification.id)
          const forward: number[][] = []
          let page = await listNotifications({ userId: person.id })
          forward.push(ids(page))
          while (page.nextCursor) {
            page = await listNotifications({
              userId: person.id,
              ...decodePage({ cursor: page.nextCursor }),
            })
            forward.push(ids(page))
          }
          expect(forward.flat()).toHaveLength(count)
          const back = [ids(page)]
          while (page.previousCursor) {
            page = await listNotifications({
              userId: person.id,
              ...decodePage({ before: page.previousCursor }),
            })
            back.unshift(ids(page))
          }
          expect(back).toEqual(forward)
          expect(page.isFirstPage).toBe(true)
        },
      ),
      { numRuns: 12 },
    )
  })
})

describe('what left its recipient’s view', () => {
  it('is neither listed nor counted while it is out of view, and is back when it is back', async () => {
    const author = await createTestUser({ password: null })
    const voter = await createTestUser({ password: null })
    const commenter = await createTestUser({ password: null })
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const idea = await createTestIdea({ authorId: author.id })
    await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })
    const comment = await postComment({
      actor: commenter,
      ideaId: idea.id,
      body: 'Seen by the author',
    })
    if (!comment.ok) throw new Error('comment refused')
    const [planned] = await queryRows<{ id: number }>(
      db(),
      sql`select id from statuses where slug = 'planned'`,
    )
    await changeStatus({
      actor: moderator,
      ideaIds: [idea.id],
      statusId: Number(planned!.id),
      response: 'On the plan.',
    })
    const shown = async (person: { id: number }) => {
      const page = await listNotifications({ userId: person.id })
      return {
        types: page.notifications.map((notification) => notification.type).sort(),
        unread: await countUnread({ userId: person.id }),
      }
    }
    const voterBefore = await shown(voter)
    const authorBefore = await shown(author)
    expect(voterBefore.types).toContain('status')
    expect(authorBefore.types).toContain('comment')

    // The idea hidden: its page is gone for the voter, not for its author.
    expect(
      (await hideContent({ actor: moderator, target: { ideaId: idea.id }, reason: 'Spam' })).ok,
    ).toBe(true)
    const voterHidden = await shown(voter)
    expect(voterHidden.types).not.toContain('status')
    // What is not listed is not counted (all of it unread).
    expect(voterHidden.unread).toBe(
      voterBefore.unread - (voterBefore.types.length - voterHidden.types.length),
    )
    expect((await shown(author)).types).toEqual(expect.arrayContaining(authorBefore.types))
    expect((await restoreContent({ actor: moderator, target: { ideaId: idea.id } })).ok).toBe(true)
    expect(await shown(voter)).toEqual(voterBefore)

    // The comment hidden: the author is no longer told of it (they were told of their idea's hiding).
    const authorBeforeHiding = await shown(author)
    expect(
      (
        await hideContent({
          actor: moderator,
          target: { commentId: comment.commentId },
          reason: 'Rude',
        })
      ).ok,
    ).toBe(true)
    const authorHidden = await shown(author)
    expect(authorHidden.types).not.toContain('comment')
    expect(authorHidden.unread).toBe(authorBeforeHiding.unread - 1)
    expect(
      (await restoreContent({ actor: moderator, target: { commentId: comment.commentId } })).ok,
    ).toBe(true)
    expect(await shown(author)).toEqual(authorBeforeHiding)
  })

  it('tells a writer their comment or idea was hidden until it is shown again, and of each hiding once', async () => {
    const writer = await createTestUser({ password: null })
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const idea = await createTestIdea({ authorId: writer.id })
    const comment = await postComment({ actor: writer, ideaId: idea.id, body: 'My own words' })
    if (!comment.ok) throw new Error('comment refused')
    const notices = async () => {
      const unread = await countUnread({ userId: writer.id })
      return (await listNotifications({ userId: writer.id })).notifications
        .filter((notification) => notification.type === 'hidden')
        .map((notification) => [(notification.payload as { reason?: string }).reason, unread])
    }
    for (const target of [{ commentId: comment.commentId }, { ideaId: idea.id }]) {
      const hide = (reason: string) =>
        hideContent({ actor: moderator, target, reason }).then((result) => {
          if (!result.ok) throw new Error('not hidden')
        })
      await hide('First time')
      expect(await notices()).toEqual([['First time', 1]])
      expect((await restoreContent({ actor: moderator, target })).ok).toBe(true)
      expect(await notices()).toEqual([])
      expect(await countUnread({ userId: writer.id })).toBe(0)
      // Hidden again: the new reason, once; the first notice stays out of view.
      await hide('Second time')
      expect(await notices()).toEqual([['Second time', 1]])
      expect((await restoreContent({ actor: moderator, target })).ok).toBe(true)
      expect(await notices()).toEqual([])
    }
  })

  it('starts out of view when made about what already is', async () => {
    const reader = await createTestUser({ password: null })
    const idea = await createTestIdea()
    await db().execute(sql`update ideas set hidden_at = now() where id = ${idea.id}`)
    await db()
      .insert(notifications)
      .values({ userId: reader.id, type: 'status', ideaId: idea.id, dedupeKey: unique('gone') })
    expect((await listNotifications({ userId: reader.id })).notifications).toHaveLength(0)
    expect(await countUnread({ userId: reader.id })).toBe(0)
  })
})

describe('the unread count', () => {
  it('gives each person of one turn their own count, read in one statement', async () => {
    const idea = await createTestIdea()
    const people = await Promise.all(
      Array.from({ length: 4 }, () => createTestUser({ password: null })),
    )
    const types = ['status', 'comment'] as const
    await fc.assert(
      fc.asyncProperty(
        // Per person: how many unread and read notifications of each type, and whether comments are off in the app.
        fc.array(
          fc.record({
            unread: fc.tuple(fc.nat(3), fc.nat(3)),
            read: fc.nat(2),
            commentsOff: fc.boolean(),
          }),
          { minLength: people.length, maxLength: people.length },
        ),
        fc.array(fc.nat(people.length - 1), { minLength: 1, maxLength: 8 }),
        async (setups, asking) => {
          const ids = people.map((person) => person.id)
          await db().delete(notifications).where(inArray(notifications.userId, ids))
          await db()
            .delete(notificationPreferences)
            .where(inArray(notificationPreferences.userId, ids))
          let n = 0
          for (const [index, setup] of setups.entries()) {
            const userId = ids[index]!
            const rows = [
              ...types.flatMap((type, t) =>
                Array.from({ length: setup.unread[t]! }, () => ({ type, readAt: null })),
              ),
              ...Array.from({ length: setup.read }, () => ({
                type: 'status' as const,
                readAt: new Date(),
              })),
            ].map((row) => ({
              ...row,
              userId,
              ideaId: idea.id,
              payload: { nameEn: 'Planned', nameNl: 'Gepland' },
              dedupeKey: `unread-${n++}`,
            }))
            if (rows.length) await db().insert(notifications).values(rows)
            if (setup.commentsOff)
              await db()
                .insert(notificationPreferences)
                .values({ userId, type: 'comment', inApp: false, email: true })
          }
          const statements: string[] = []
          const stop = listenToQueries((query) => statements.push(query))
          let counts: number[]
          try {
            counts = await Promise.all(asking.map((index) => countUnread({ userId: ids[index]! })))
          } finally {
            stop()
          }
          asking.forEach((index, at) => {
            const setup = setups[index]!
            expect(counts[at]).toBe(setup.unread[0]! + (setup.commentsOff ? 0 : setup.unread[1]!))
          })
          expect(statements.filter((query) => query.includes('count(*)'))).toHaveLength(1)
        },
      ),
      { numRuns: 20 },
    )
  })
})

describe('the notifications page statement', () => {
  // With its LIMIT a parameter, PostgreSQL (on the 100,000-idea set) planned this seven-join
  // statement again on every call, ~5 ms each, never settling on a generic plan; with the LIMIT in
  // its text it does after five calls (psql: pg_prepared_statements.generic_plans 0 of 7 against 2 of 7).
  it('has its page size in its text, not as a parameter', async () => {
    const person = await createTestUser({ password: null })
    const statements: string[] = []
    const stop = listenToQueries((query) => statements.push(query))
    try {
      await listNotifications({ userId: person.id })
    } finally {
      stop()
    }
    const page = statements.find((query) => query.includes('from "notifications" left join'))
    expect(page).toMatch(new RegExp(`limit ${NOTIFICATIONS_PAGE_SIZE + 1}\\b`))
  })
})
