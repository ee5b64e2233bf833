import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { backOfficeRoles, hasRole, roles } from '#app/domain/accounts/accounts.rules'

import {
  listIsFiltered,
  mayBeMentioned,
  mentionableRoles,
  QUEUE_COUNT_CAP,
  queueCountLabel,
  triageAges,
  triageAgesChangeAt,
} from './triage.rules'

describe('listIsFiltered', () => {
  it('is narrowed by a filter, not by the sort or the page; the queue has no "mine" view', () => {
    expect(listIsFiltered('queue', {})).toBe(false)
    expect(listIsFiltered('queue', { view: 'mine' })).toBe(false)
    expect(listIsFiltered('ideas', { view: 'mine' })).toBe(true)
    expect(listIsFiltered('ideas', { view: 'all' })).toBe(false)
    for (const filter of [
      { status: 'declined' },
      { kind: 'product' },
      { category: 3 },
      { tag: 2 },
      { q: 'oat' },
    ])
      expect(listIsFiltered('queue', filter)).toBe(true)
  })
})

describe('queueCountLabel', () => {
  it('shows the count below the cap and "999+" from it on', () => {
    expect(queueCountLabel(0)).toBe('0')
    expect(queueCountLabel(QUEUE_COUNT_CAP - 1)).toBe(String(QUEUE_COUNT_CAP - 1))
    expect(queueCountLabel(QUEUE_COUNT_CAP)).toBe(`${QUEUE_COUNT_CAP - 1}+`)
  })
})

describe('mayBeMentioned', () => {
  it('accepts exactly the roles that can open an idea’s internal notes (the back office)', () => {
    for (const role of roles)
      expect(mayBeMentioned(role), role).toBe(hasRole(role, backOfficeRoles))
    expect(mentionableRoles).toEqual(roles.filter((role) => hasRole(role, backOfficeRoles)))
    expect(mayBeMentioned('marketer')).toBe(false)
    expect(mayBeMentioned('agent')).toBe(false)
  })
})

describe('triage ages', () => {
  const now = new Date('2026-03-10T12:00:00Z')
  it('count whole days since posting, and days left until the answer is due (rounded up)', () => {
    expect(triageAges({ createdAt: '2026-03-08T13:00:00Z', dueAt: null }, now)).toEqual({
      ageDays: 1,
      overdue: false,
      dueInDays: null,
    })
    expect(triageAges({ createdAt: now, dueAt: new Date('2026-03-11T11:00:00Z') }, now)).toEqual({
      ageDays: 0,
      overdue: false,
      dueInDays: 1,
    })
    expect(
      triageAges({ createdAt: '2026-03-11T00:00:00Z', dueAt: '2026-03-10T11:59:59Z' }, now),
    ).toMatchObject({ ageDays: 0, overdue: true })
  })
})

describe('when the triage ages change', () => {
  it('is the first moment after now at which what they say differs', () => {
    const day = 86_400_000
    const moment = fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_000 + 40 * day })
    fc.assert(
      fc.property(
        moment,
        fc.option(moment),
        moment,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (created, due, now, share) => {
          const idea = { createdAt: new Date(created), dueAt: due === null ? null : new Date(due) }
          const at = new Date(now)
          const change = triageAgesChangeAt(idea, at)
          expect(change).toBeGreaterThan(now)
          // Unchanged at any moment before it, changed at it.
          const before = now + Math.floor((change - now - 1) * share)
          expect(triageAges(idea, new Date(before))).toEqual(triageAges(idea, at))
          expect(triageAges(idea, new Date(change - 1))).toEqual(triageAges(idea, at))
          expect(triageAges(idea, new Date(change))).not.toEqual(triageAges(idea, at))
        },
      ),
    )
  })
})
