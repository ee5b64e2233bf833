// The team's daily digest of ideas about to miss the promise: once a day, in working hours.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas, outbox } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'

import { ideasAtRisk, sendDueDigest } from './digest.server'

describe('due digest', () => {
  it('lists ideas due within a day or late, and emails the team once per working day', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const customer = await createTestUser({ password: null })
    // Tuesday 1 December 2026, 10:00 in Amsterdam.
    const now = new Date('2026-12-01T09:00:00Z')
    const late = await createTestIdea({ title: 'Late one' })
    const soon = await createTestIdea({ title: 'Due soon' })
    const later = await createTestIdea({ title: 'Due next week' })
    await db()
      .update(ideas)
      .set({ firstResponseDueAt: new Date('2026-11-30T16:00:00Z') })
      .where(eq(ideas.id, late.id))
    await db()
      .update(ideas)
      .set({ firstResponseDueAt: new Date('2026-12-01T16:00:00Z') })
      .where(eq(ideas.id, soon.id))
    await db()
      .update(ideas)
      .set({ firstResponseDueAt: new Date('2026-12-08T16:00:00Z') })
      .where(eq(ideas.id, later.id))
    expect((await ideasAtRisk({ now })).map((idea) => idea.title)).toEqual(['Late one', 'Due soon'])

    // Before the working day starts: not yet.
    expect(await sendDueDigest({ now: new Date('2026-12-01T06:30:00Z') })).toBe(0)
    expect(await sendDueDigest({ now })).toBeGreaterThan(0)
    expect(await sendDueDigest({ now })).toBe(0)
    const [mail] = await db().select().from(outbox).where(eq(outbox.userId, moderator.id))
    expect(mail!.subject).toBe('2 ideas need a first answer soon')
    expect(mail!.textBody).toContain('Late: Late one')
    expect(await db().select().from(outbox).where(eq(outbox.userId, customer.id))).toHaveLength(0)
    // Saturday: no digest.
    expect(await sendDueDigest({ now: new Date('2026-12-05T09:00:00Z') })).toBe(0)
  })
})
