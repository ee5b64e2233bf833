// Which idea a duplicate may be merged into: one people can still vote on, since its votes move
// there and its people are told to follow and vote there (votes.rules.ts voteRefusal says what that is).
import { voteRefusal } from '#app/domain/votes/votes.rules'

import type { StatusCategory } from './ideas.rules'

export type MergeTargetRefusal =
  'originalIsMerged' | 'originalWithdrawn' | 'originalHidden' | 'originalClosed'

/** Why `original` may not take a duplicate's votes, or null when it may. */
export function mergeTargetRefusal(original: {
  mergedIntoId: number | null
  withdrawnAt: Date | null
  isPublic: boolean
  statusCategory: StatusCategory
}): MergeTargetRefusal | null {
  // First: its message names the idea to pick instead.
  if (original.mergedIntoId !== null) return 'originalIsMerged'
  const refusal = voteRefusal({
    direction: 'up',
    statusCategory: original.statusCategory,
    withdrawn: !original.isPublic,
    downVotesEnabled: true,
  })
  if (refusal === null) return null
  if (original.withdrawnAt) return 'originalWithdrawn'
  return original.isPublic ? 'originalClosed' : 'originalHidden'
}
