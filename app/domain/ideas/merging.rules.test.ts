import { describe, expect, it } from 'vitest'

import { mergeDuplicateRefusal, mergeTargetRefusal } from './merging.rules'

describe('mergeTargetRefusal', () => {
  const open = { mergedIntoId: null, withdrawnAt: null, isPublic: true } as const

  it('accepts a public idea that is not merged, whatever its status (closed ones too: see back-office.server.test)', () => {
    expect(mergeTargetRefusal(open)).toBeNull()
  })

  it('refuses a merged, withdrawn, or hidden or held idea, the merge first', () => {
    expect(mergeTargetRefusal({ mergedIntoId: 7, withdrawnAt: new Date(), isPublic: false })).toBe(
      'originalIsMerged',
    )
    expect(mergeTargetRefusal({ ...open, withdrawnAt: new Date(), isPublic: false })).toBe(
      'originalWithdrawn',
    )
    expect(mergeTargetRefusal({ ...open, isPublic: false })).toBe('originalHidden')
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
