import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  delayAfterFailures,
  delaySchedule,
  type FailureDelayRule,
  signInDelayRules,
} from './failure-delays.rules'

const rule: FailureDelayRule = {
  name: 'test',
  freeFailures: 3,
  firstDelaySeconds: 15,
  maxDelaySeconds: 600,
  memorySeconds: 3600,
  memory: 'sliding',
}

describe('failure delays', () => {
  it('lets the free failures through, then doubles the wait up to the maximum', () => {
    expect(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((failures) => delayAfterFailures(rule, failures)),
    ).toEqual([0, 0, 15, 30, 60, 120, 240, 480, 600])
    expect(delaySchedule(rule)).toEqual([0, 0, 15, 30, 60, 120, 240, 480, 600])
  })

  it('never shortens the wait as failures grow, for every sign-in rule', () => {
    for (const each of Object.values(signInDelayRules)) {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 10_000 }), (failures) => {
          expect(delayAfterFailures(each, failures + 1)).toBeGreaterThanOrEqual(
            delayAfterFailures(each, failures),
          )
          expect(delayAfterFailures(each, failures)).toBeLessThanOrEqual(each.maxDelaySeconds)
        }),
      )
      expect(delaySchedule(each).at(-1)).toBe(each.maxDelaySeconds)
    }
  })
})
