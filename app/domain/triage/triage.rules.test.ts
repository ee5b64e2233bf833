import { describe, expect, it } from 'vitest'
import { QUEUE_COUNT_CAP, queueCountLabel } from './triage.rules'

describe('queueCountLabel', () => {
  it('shows the count below the cap and "999+" from it on', () => {
    expect(queueCountLabel(0)).toBe('0')
    expect(queueCountLabel(QUEUE_COUNT_CAP - 1)).toBe(String(QUEUE_COUNT_CAP - 1))
    expect(queueCountLabel(QUEUE_COUNT_CAP)).toBe(`${QUEUE_COUNT_CAP - 1}+`)
  })
})
