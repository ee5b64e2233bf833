import { and, eq } from 'drizzle-orm'
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

import { notify } from './notifications.server'

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
