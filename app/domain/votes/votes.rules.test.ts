import { describe, expect, it } from 'vitest'

import { counterDelta, voteRefusal } from './votes.rules'

describe('vote rules', () => {
  it('moves counters by the difference between the old and new vote', () => {
    expect(counterDelta(0, 1)).toEqual({ up: 1, down: 0 })
    expect(counterDelta(1, -1)).toEqual({ up: -1, down: 1 })
    expect(counterDelta(-1, 0)).toEqual({ up: 0, down: -1 })
    expect(counterDelta(1, 1)).toEqual({ up: 0, down: 0 })
  })

  it('refuses votes on closed ideas and down-votes when they are off, never a withdrawal', () => {
    expect(voteRefusal({ direction: 'up', statusCategory: 'closed', downVotesEnabled: true })).toBe(
      'closed',
    )
    expect(
      voteRefusal({ direction: 'down', statusCategory: 'open', downVotesEnabled: false }),
    ).toBe('downVotesOff')
    expect(
      voteRefusal({ direction: 'none', statusCategory: 'closed', downVotesEnabled: false }),
    ).toBeNull()
    expect(
      voteRefusal({ direction: 'up', statusCategory: 'active', downVotesEnabled: false }),
    ).toBeNull()
  })
})
