import { describe, expect, it } from 'vitest'

import {
  addWorkingDays,
  defaultCalendar,
  localParts,
  type WorkingCalendar,
  workingDaysBetween,
  zonedToInstant,
} from './calendar.rules'

const amsterdam: WorkingCalendar = { ...defaultCalendar, timeZone: 'Europe/Amsterdam' }
const local = (instant: Date, zone = 'Europe/Amsterdam') => {
  const p = localParts(instant, zone)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
}

describe('working-day arithmetic', () => {
  it('counts five working days from a Monday morning to the next Monday at close of business', () => {
    // Monday 2026-11-23 10:00 in Amsterdam (09:00 UTC).
    expect(local(addWorkingDays(new Date('2026-11-23T09:00:00Z'), 5, amsterdam))).toBe(
      '2026-11-30 17:00',
    )
  })

  it('skips weekends: a Friday afternoon message is due the next Friday', () => {
    expect(local(addWorkingDays(new Date('2026-11-27T14:00:00Z'), 5, amsterdam))).toBe(
      '2026-12-04 17:00',
    )
  })

  it('counts after-hours, weekend and holiday arrivals from the next working day', () => {
    // Friday 18:30 local: received Monday, due the Monday after.
    expect(local(addWorkingDays(new Date('2026-11-27T17:30:00Z'), 5, amsterdam))).toBe(
      '2026-12-07 17:00',
    )
    // Saturday: same.
    expect(local(addWorkingDays(new Date('2026-11-28T11:00:00Z'), 5, amsterdam))).toBe(
      '2026-12-07 17:00',
    )
    // Christmas and Boxing Day are holidays: received Tuesday 22 Dec, five working days on is 31 Dec.
    const withHolidays = { ...amsterdam, holidays: ['2026-12-25', '2026-12-28'] }
    expect(local(addWorkingDays(new Date('2026-12-22T10:00:00Z'), 5, withHolidays))).toBe(
      '2026-12-31 17:00',
    )
  })

  it('keeps local close of business across the change to summer and to winter time', () => {
    // Summer time starts Sunday 29 March 2026 in Europe: 17:00 local is 15:00 UTC after, 16:00 UTC before.
    const before = addWorkingDays(new Date('2026-03-24T10:00:00Z'), 2, amsterdam)
    expect(before.toISOString()).toBe('2026-03-26T16:00:00.000Z')
    const across = addWorkingDays(new Date('2026-03-26T10:00:00Z'), 3, amsterdam)
    expect(local(across)).toBe('2026-03-31 17:00')
    expect(across.toISOString()).toBe('2026-03-31T15:00:00.000Z')
    // Winter time: Sunday 25 October 2026.
    expect(addWorkingDays(new Date('2026-10-23T08:00:00Z'), 1, amsterdam).toISOString()).toBe(
      '2026-10-26T16:00:00.000Z',
    )
  })

  it('works in other time zones, including ones far from UTC', () => {
    const tokyo = { ...amsterdam, timeZone: 'Asia/Tokyo' }
    // Monday 09:00 in Tokyo is Sunday 00:00 UTC.
    expect(local(addWorkingDays(new Date('2026-11-23T00:00:00Z'), 1, tokyo), 'Asia/Tokyo')).toBe(
      '2026-11-24 17:00',
    )
    const newYork = { ...amsterdam, timeZone: 'America/New_York' }
    // Friday 16:00 in New York (21:00 UTC): still working hours there.
    expect(
      local(addWorkingDays(new Date('2026-11-27T21:00:00Z'), 1, newYork), 'America/New_York'),
    ).toBe('2026-11-30 17:00')
  })

  it('turns local wall-clock times into instants, and counts working days between instants', () => {
    expect(
      zonedToInstant({ year: 2026, month: 7, day: 1 }, '17:00', 'Europe/Amsterdam').toISOString(),
    ).toBe('2026-07-01T15:00:00.000Z')
    expect(
      zonedToInstant({ year: 2026, month: 1, day: 15 }, '17:00', 'Europe/Amsterdam').toISOString(),
    ).toBe('2026-01-15T16:00:00.000Z')
    expect(
      workingDaysBetween(
        new Date('2026-11-27T10:00:00Z'),
        new Date('2026-12-01T10:00:00Z'),
        amsterdam,
      ),
    ).toBe(2)
    expect(
      workingDaysBetween(
        new Date('2026-11-23T10:00:00Z'),
        new Date('2026-11-23T15:00:00Z'),
        amsterdam,
      ),
    ).toBe(0)
  })
})
