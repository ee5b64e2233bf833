// Which idea may be merged away as a duplicate, and which idea it may be merged into: one people can
// still vote on, since its votes move there and its people are told to follow and vote there. "Can still vote on" is votes.rules.ts
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

export type MergeDuplicateRefusal = 'mergedElsewhere' | 'duplicateWithdrawn' | 'duplicateHidden'

/**
 * Why `duplicate` may not be merged away into another idea, or null when it may. Merged already: its
 * votes are elsewhere. Withdrawn: its author took it back for good. Hidden by moderation: its votes
 * and followers are not to be moved or told until it is shown again. An idea held for approval may
 * be merged (a held post is often a duplicate).
 */
export function mergeDuplicateRefusal(duplicate: {
  mergedIntoId: number | null
  withdrawnAt: Date | null
  hiddenAt: Date | null
}): MergeDuplicateRefusal | null {
  // First: the page names the idea it was merged into.
  if (duplicate.mergedIntoId !== null) return 'mergedElsewhere'
  if (duplicate.withdrawnAt) return 'duplicateWithdrawn'
  if (duplicate.hiddenAt) return 'duplicateHidden'
  return null
}
