// The working calendar every promise's due date is counted in: a day must end after it starts.
import { describe, expect, it } from 'vitest'

import { calendarSchema } from './promises.schema'

const calendar = (dayStart: string, dayEnd: string) =>
  calendarSchema.safeParse({ timeZone: 'Europe/Amsterdam', dayStart, dayEnd })

describe('the working calendar', () => {
  it('refuses a working day that ends before or when it starts, beside the end time', () => {
    for (const [start, end] of [
      ['18:00', '08:00'],
      ['09:00', '09:00'],
    ] as const) {
      const result = calendar(start, end)
      expect(result.success).toBe(false)
      expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
        ['dayEnd', 'admin.promises.dayEndBeforeStart'],
      ])
    }
  })

  it('takes a day that ends after it starts', () => {
    expect(calendar('09:00', '17:00').success).toBe(true)
    expect(calendar('00:00', '23:59').success).toBe(true)
  })
})
