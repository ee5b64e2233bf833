// Which idea a duplicate may be merged into: one people can still vote on, since its votes move
// there and its people are told to follow and vote there. "Can still vote on" is votes.rules.ts
// voteRefusal's rule (public, status not closed), stated here too because votes depends on ideas;
// merging.rules.test.ts holds the two to the same answer.
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
  if (original.withdrawnAt) return 'originalWithdrawn'
  // Hidden by moderation or held for approval.
  if (!original.isPublic) return 'originalHidden'
  if (original.statusCategory === 'closed') return 'originalClosed'
  return null
}
