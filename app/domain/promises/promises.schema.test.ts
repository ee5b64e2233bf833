// The working calendar every promise's due date is counted in: a day must end after it starts.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { calendarSchema } from './promises.schema'

const calendar = (dayStart: string, dayEnd: string) =>
  calendarSchema.safeParse({ timeZone: 'Europe/Amsterdam', dayStart, dayEnd })
const issuesOf = (result: ReturnType<typeof calendar>) =>
  result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? []

/** A wall-clock time as the time field sends it, and its minutes since midnight. */
const clockTime = fc
  .record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) })
  .map(({ hour, minute }) => ({
    text: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
    minutes: hour * 60 + minute,
  }))

describe('the working calendar', () => {
  it('refuses a working day that ends before or when it starts, beside the end time', () => {
    for (const [start, end] of [
      ['18:00', '08:00'],
      ['09:00', '09:00'],
    ] as const) {
      const result = calendar(start, end)
      expect(result.success).toBe(false)
      expect(issuesOf(result)).toEqual([['dayEnd', 'admin.promises.dayEndBeforeStart']])
    }
  })

  it('takes a day that ends after it starts', () => {
    expect(calendar('09:00', '17:00').success).toBe(true)
    expect(calendar('00:00', '23:59').success).toBe(true)
  })

  it('takes any two times exactly when the end is later in the day, and says so beside the end', () => {
    fc.assert(
      fc.property(clockTime, clockTime, (start, end) => {
        const result = calendar(start.text, end.text)
        expect(result.success).toBe(end.minutes > start.minutes)
        if (result.success)
          expect(result.data).toMatchObject({ dayStart: start.text, dayEnd: end.text })
        else expect(issuesOf(result)).toEqual([['dayEnd', 'admin.promises.dayEndBeforeStart']])
      }),
    )
  })

  it('refuses what is not a time of day, at the field that holds it', () => {
    const notATime = fc.oneof(
      fc.string({ maxLength: 6 }).filter((text) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(text)),
      fc
        .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
        .filter(([hour, minute]) => hour > 23 || minute > 59)
        .map(
          ([hour, minute]) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
        ),
      fc.constantFrom('24:00', '9:00', '09:00:00', '09.00', ' 09:00'),
    )
    fc.assert(
      fc.property(notATime, fc.boolean(), (text, atStart) => {
        const result = atStart ? calendar(text, '23:59') : calendar('00:00', text)
        expect(issuesOf(result)).toContainEqual([
          atStart ? 'dayStart' : 'dayEnd',
          'admin.promises.timeInvalid',
        ])
      }),
    )
  })
})
