// The promise figures, recomputed from a small known data set and checked against hand-worked values.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideaResponses, ideas, notifications, outbox, statuses } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { postIdea } from '#app/domain/ideas/posting.server'

import { addChannelPromise, firstResponseDue, promiseFigures } from './promises.server'

const at = (iso: string) => new Date(iso)

async function idea({
  created,
  due,
  answered,
  channel = 'web',
  statusSlug = 'new',
  statusChanged,
}: {
  created: string
  due: string
  answered?: string
  channel?: string
  statusSlug?: string
  statusChanged?: string
}) {
  const row = await createTestIdea({ createdAt: at(created), statusSlug })
  await db()
    .update(ideas)
    .set({
      firstResponseDueAt: at(due),
      answeredAt: answered ? at(answered) : null,
      channel,
      ...(statusChanged ? { statusChangedAt: at(statusChanged) } : {}),
    })
    .where(eq(ideas.id, row.id))
  return row
}

async function statusId(slug: string) {
  const [row] = await db().select({ id: statuses.id }).from(statuses).where(eq(statuses.slug, slug))
  return row!.id
}

describe('promise figures', () => {
  it('match the hand-calculated values for a known set of ideas', async () => {
    const now = at('2030-06-30T12:00:00Z')
    const a = await idea({
      created: '2030-06-01T10:00:00Z',
      due: '2030-06-08T15:00:00Z',
      answered: '2030-06-02T10:00:00Z',
    }) // 24 h, kept
    await idea({
      created: '2030-06-03T10:00:00Z',
      due: '2030-06-10T15:00:00Z',
      answered: '2030-06-12T10:00:00Z',
      channel: 'phone',
    }) // 216 h, late
    await idea({ created: '2030-06-10T10:00:00Z', due: '2030-06-17T15:00:00Z', channel: 'phone' }) // due, unanswered
    await idea({ created: '2030-06-28T10:00:00Z', due: '2030-07-05T15:00:00Z' }) // not due yet
    await idea({
      created: '2030-06-05T10:00:00Z',
      due: '2030-06-12T15:00:00Z',
      answered: '2030-06-05T22:00:00Z',
      statusSlug: 'implemented',
      statusChanged: '2030-03-01T10:00:00Z',
    }) // 12 h, kept
    await idea({
      created: '2030-04-01T10:00:00Z',
      due: '2030-04-08T15:00:00Z',
      answered: '2030-04-02T10:00:00Z',
    }) // outside the window
    // A: under review on 2 June, planned on 12 June: a decision after 10 days.
    await db()
      .insert(ideaResponses)
      .values([
        {
          ideaId: a.id,
          fromStatusId: await statusId('new'),
          toStatusId: await statusId('under-review'),
          createdAt: at('2030-06-02T10:00:00Z'),
        },
        {
          ideaId: a.id,
          fromStatusId: await statusId('under-review'),
          toStatusId: await statusId('planned'),
          createdAt: at('2030-06-12T10:00:00Z'),
        },
      ])

    const figures = await promiseFigures({ windowDays: 30, now })
    expect(figures).toMatchObject({
      due: 4,
      keptOnTime: 2,
      share: 0.5,
      medianHours: 24,
      p90Hours: 177.6,
      decisions: 1,
      medianDecisionDays: 10,
      implementedThisYear: 1,
    })

    const phone = await promiseFigures({ windowDays: 30, channel: 'phone', now })
    expect(phone).toMatchObject({ due: 2, keptOnTime: 0, share: 0, medianHours: 216 })

    const year = await promiseFigures({ windowDays: 365, now })
    expect(year).toMatchObject({ due: 5, keptOnTime: 3, share: 0.6 })
  })

  it('acknowledges every new idea at once, in the app and by email, with the promised answer date', async () => {
    const author = await createTestUser({ password: null })
    const posted = await postIdea({
      actor: author,
      input: {
        kind: 'product',
        categoryId: 1,
        title: 'Spiced chai all year',
        description: 'Please.',
      },
    })
    const ideaId = posted.ok ? posted.idea.id : 0
    const [row] = await db().select().from(ideas).where(eq(ideas.id, ideaId))
    expect(row!.firstResponseDueAt).toBeInstanceOf(Date)
    const received = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, author.id), eq(notifications.type, 'received')))
    expect(received).toHaveLength(1)
    expect(received[0]!.payload).toEqual({ dueAt: row!.firstResponseDueAt!.toISOString() })
    const [email] = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.notificationId, received[0]!.id))
    expect(email).toBeDefined()
  })

  it('gives new ideas a due date from the promise and the working calendar', async () => {
    // Monday 23 November 2026, 10:00 in Amsterdam: five working days later at close of business.
    const due = await firstResponseDue({ channel: 'web', at: at('2026-11-23T09:00:00Z') })
    expect(due?.toISOString()).toBe('2026-11-30T16:00:00.000Z')
  })
})

describe('channel targets', () => {
  it('give ideas from that channel their own due date, and only admins may add one', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    const moderator = await createTestUser({ role: 'moderator', password: null })
    expect(await addChannelPromise({ actor: moderator, channel: 'phone', targetDays: 2 })).toEqual({
      ok: false,
      reason: 'forbidden',
    })
    expect(await addChannelPromise({ actor: admin, channel: 'phone', targetDays: 2 })).toEqual({
      ok: true,
    })
    expect(await addChannelPromise({ actor: admin, channel: 'phone', targetDays: 3 })).toEqual({
      ok: false,
      reason: 'taken',
    })
    const monday = at('2026-11-23T09:00:00Z')
    expect((await firstResponseDue({ channel: 'phone', at: monday }))?.toISOString()).toBe(
      '2026-11-25T16:00:00.000Z',
    )
    expect((await firstResponseDue({ channel: 'web', at: monday }))?.toISOString()).toBe(
      '2026-11-30T16:00:00.000Z',
    )
  })
})
