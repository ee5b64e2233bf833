// Which idea may be merged away as a duplicate, and which idea it may be merged into: one people can
// see, in any status. A new request for what was launched (or declined) belongs with it, so the team
// and its people see one history (decision 037: the votes count there as support, voting closed or not).
export type MergeTargetRefusal = 'originalIsMerged' | 'originalWithdrawn' | 'originalHidden'

/**
 * Why `original` may not take a duplicate's votes and followers, or null when it may. Its status is
 * no reason: merging into a launched idea tells the duplicate's people it exists, into a declined
 * one what was decided and why.
 */
export function mergeTargetRefusal(original: {
  mergedIntoId: number | null
  withdrawnAt: Date | null
  isPublic: boolean
}): MergeTargetRefusal | null {
  // First: its message names the idea to pick instead.
  if (original.mergedIntoId !== null) return 'originalIsMerged'
  if (original.withdrawnAt) return 'originalWithdrawn'
  // Hidden by moderation or held for approval.
  if (!original.isPublic) return 'originalHidden'
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
