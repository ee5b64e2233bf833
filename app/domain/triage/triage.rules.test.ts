import { describe, expect, it } from 'vitest'
import { backOfficeRoles, hasRole, roles } from '#app/domain/accounts/accounts.rules'
import { mayBeMentioned, mentionableRoles, QUEUE_COUNT_CAP, queueCountLabel } from './triage.rules'

describe('queueCountLabel', () => {
  it('shows the count below the cap and "999+" from it on', () => {
    expect(queueCountLabel(0)).toBe('0')
    expect(queueCountLabel(QUEUE_COUNT_CAP - 1)).toBe(String(QUEUE_COUNT_CAP - 1))
    expect(queueCountLabel(QUEUE_COUNT_CAP)).toBe(`${QUEUE_COUNT_CAP - 1}+`)
  })
})

describe('mayBeMentioned', () => {
  it('accepts exactly the roles that can open an idea’s internal notes (the back office)', () => {
    for (const role of roles) expect(mayBeMentioned(role), role).toBe(hasRole(role, backOfficeRoles))
    expect(mentionableRoles).toEqual(roles.filter((role) => hasRole(role, backOfficeRoles)))
    expect(mayBeMentioned('marketer')).toBe(false)
    expect(mayBeMentioned('agent')).toBe(false)
  })
})
