import { describe, expect, it } from 'vitest'

import { statusCategories } from './ideas.rules'
import { mergeTargetRefusal } from './merging.rules'

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
})
