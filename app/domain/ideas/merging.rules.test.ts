import { describe, expect, it } from 'vitest'

import { voteRefusal } from '#app/domain/votes/votes.rules'

import { statusCategories } from './ideas.rules'
import { mergeDuplicateRefusal, mergeTargetRefusal } from './merging.rules'

const open = {
  mergedIntoId: null,
  withdrawnAt: null,
  isPublic: true,
  statusCategory: 'open',
} as const

describe('mergeTargetRefusal', () => {
  it('accepts an idea people can vote on, in any status that is not closed', () => {
    for (const statusCategory of statusCategories.filter((category) => category !== 'closed'))
      expect(mergeTargetRefusal({ ...open, statusCategory })).toBeNull()
  })

  it('refuses a merged, withdrawn, hidden or held, or closed idea, the merge first', () => {
    expect(mergeTargetRefusal({ ...open, mergedIntoId: 7, statusCategory: 'closed' })).toBe(
      'originalIsMerged',
    )
    expect(mergeTargetRefusal({ ...open, withdrawnAt: new Date(), isPublic: false })).toBe(
      'originalWithdrawn',
    )
    expect(mergeTargetRefusal({ ...open, isPublic: false })).toBe('originalHidden')
    expect(mergeTargetRefusal({ ...open, isPublic: false, statusCategory: 'closed' })).toBe(
      'originalHidden',
    )
    expect(mergeTargetRefusal({ ...open, statusCategory: 'closed' })).toBe('originalClosed')
  })

  it('accepts exactly the ideas an up-vote may be cast on (not merged)', () => {
    for (const statusCategory of statusCategories)
      for (const isPublic of [true, false])
        for (const withdrawnAt of isPublic ? [null] : [null, new Date()]) {
          const votable =
            voteRefusal({
              direction: 'up',
              statusCategory,
              withdrawn: !isPublic,
              downVotesEnabled: true,
            }) === null
          expect(
            mergeTargetRefusal({ mergedIntoId: null, withdrawnAt, isPublic, statusCategory }) ===
              null,
            `${statusCategory}, public ${isPublic}`,
          ).toBe(votable)
        }
  })
})

describe('mergeDuplicateRefusal', () => {
  const ordinary = { mergedIntoId: null, withdrawnAt: null, hiddenAt: null }

  it('lets an idea be merged away unless it is merged already, withdrawn or hidden', () => {
    expect(mergeDuplicateRefusal(ordinary)).toBeNull()
    expect(mergeDuplicateRefusal({ ...ordinary, mergedIntoId: 7 })).toBe('mergedElsewhere')
    expect(mergeDuplicateRefusal({ ...ordinary, withdrawnAt: new Date() })).toBe(
      'duplicateWithdrawn',
    )
    expect(mergeDuplicateRefusal({ ...ordinary, hiddenAt: new Date() })).toBe('duplicateHidden')
  })

  it('names the merge first: it says where the votes went', () => {
    expect(
      mergeDuplicateRefusal({ mergedIntoId: 7, withdrawnAt: new Date(), hiddenAt: new Date() }),
    ).toBe('mergedElsewhere')
  })
})
