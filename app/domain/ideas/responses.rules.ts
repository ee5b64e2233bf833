// Rules for the team's answers: when a response is required, and what a status change means.

export const RESPONSE_MAX = 10_000

/** Why this status change cannot be made as asked, or null when it can. */
export function statusChangeProblem({
  toSlug,
  response,
  fromStatusId,
  toStatusId,
  toRetired,
  merged,
}: {
  toSlug: string
  response: string
  fromStatusId: number
  toStatusId: number
  toRetired: boolean
  /** The idea was merged into another: its votes count there. */
  merged: boolean
}): 'sameStatus' | 'responseRequired' | 'retired' | 'useMerge' | 'merged' | null {
  if (toRetired) return 'retired'
  if (fromStatusId === toStatusId) return 'sameStatus'
  // A merged idea stays a duplicate: any other status would open it to votes of its own again.
  if (merged) return toSlug === 'duplicate' ? null : 'merged'
  // A duplicate needs its original: that is what merging does.
  if (toSlug === 'duplicate') return 'useMerge'
  // Saying no deserves a reason.
  if (toSlug === 'declined' && response.trim() === '') return 'responseRequired'
  return null
}

/** How a change between categories moves the launched-ideas count (for contributor points). */
export function implementedDelta(fromSlug: string, toSlug: string) {
  return (toSlug === 'implemented' ? 1 : 0) - (fromSlug === 'implemented' ? 1 : 0)
}
