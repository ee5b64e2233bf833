import { and, eq } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { notifications, outbox } from '#app/db/schema'
import {
  addActivity,
  createTestIdea,
  createTestUser,
  TEST_PASSWORD,
  unique,
} from '#app/demo/factories.server'
import { deleteAccount } from '#app/domain/privacy/personal-data.server'
import { decodePage } from '#app/utils/cursors'

import { listNotifications, NOTIFICATIONS_PAGE_SIZE, notify } from './notifications.server'

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
