// Pure rules for votes: what a ballot means, whether it may be cast, and what it does to counters.
import type { StatusCategory } from '#app/domain/ideas/ideas.rules'

export const voteDirections = ['up', 'down', 'none'] as const
export type VoteDirection = (typeof voteDirections)[number]

export function voteValue(direction: VoteDirection): -1 | 0 | 1 {
  return direction === 'up' ? 1 : direction === 'down' ? -1 : 0
}

export function directionOf(value: number | null | undefined): VoteDirection {
  return value === 1 ? 'up' : value === -1 ? 'down' : 'none'
}

export type VoteRefusal = 'closed' | 'withdrawn' | 'downVotesOff'

/** Why a ballot may not be cast, or null when it may. Withdrawing is always allowed. */
export function voteRefusal({
  direction,
  statusCategory,
  withdrawn = false,
  downVotesEnabled,
}: {
  direction: VoteDirection
  statusCategory: StatusCategory
  withdrawn?: boolean
  downVotesEnabled: boolean
}): VoteRefusal | null {
  if (direction === 'none') return null
  if (withdrawn) return 'withdrawn'
  if (statusCategory === 'closed') return 'closed'
  if (direction === 'down' && !downVotesEnabled) return 'downVotesOff'
  return null
}

/** How the idea's counters change when one person's vote goes from `before` to `after`. */
export function counterDelta(before: -1 | 0 | 1, after: -1 | 0 | 1) {
  return {
    up: (after === 1 ? 1 : 0) - (before === 1 ? 1 : 0),
    down: (after === -1 ? 1 : 0) - (before === -1 ? 1 : 0),
  }
}
