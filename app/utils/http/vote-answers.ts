// The vote button's answers: castVote's refusals as HTTP answers, and the JSON the button is told. Its
// own module (not refusals.ts), so the browser's vote button does not carry every area's messages.
import { safeRedirectPath } from '#app/domain/accounts/accounts.rules'
import type { VoteDirection } from '#app/domain/votes/votes.rules'
import type { CastVoteResult } from '#app/domain/votes/votes.server'
import type { MessageKey } from '#app/utils/i18n/i18n'
import { withNotice } from '#app/utils/notices'

import { above, type Refusal } from './refusal'

type VoteRefusalReason = Extract<CastVoteResult, { ok: false }>['reason']

export const voteRefusals = {
  notFound: above(404, 'votes.refused.notFound'),
  suspended: above(403, 'votes.refused.suspended'),
  closed: above(409, 'votes.refused.closed'),
  withdrawn: above(409, 'votes.refused.withdrawn'),
  downVotesOff: above(409, 'votes.refused.downVotesOff'),
  tooMany: above(429, 'votes.tooMany'),
} as const satisfies Record<VoteRefusalReason, Refusal>

/** Why the vote button's request was not counted: castVote's refusal, or the edge's own. */
export type VoteAnswerRefusal =
  VoteRefusalReason | 'signedOut' | 'badRequest' | 'invalid' | 'unavailable' | 'failed'

/**
 * What the vote button is told (JSON): the idea's counters after the vote, or why it was not
 * counted, as a message key under `error` like the HTTP layer's own JSON refusals in front of it
 * (cross-site, too large), which the button shows as `votes.failed`.
 */
export type VoteAnswer =
  | { ok: true; direction: VoteDirection; upVotes: number; downVotes: number; score: number }
  | { ok: false; error: string; fieldErrors?: Partial<Record<string, string[]>> }

/** The message the vote button shows for each refusal (`failed`: no JSON answer came back). */
export const voteAnswerMessages = {
  notFound: voteRefusals.notFound.message,
  suspended: voteRefusals.suspended.message,
  closed: voteRefusals.closed.message,
  withdrawn: voteRefusals.withdrawn.message,
  downVotesOff: voteRefusals.downVotesOff.message,
  tooMany: voteRefusals.tooMany.message,
  signedOut: 'votes.signedOut',
  badRequest: 'error.badRequestText',
  invalid: 'validation.invalid',
  unavailable: 'votes.unavailable',
  failed: 'votes.failed',
} as const satisfies Record<VoteAnswerRefusal, MessageKey>

/** A refused vote as the button's JSON answer. */
export const refusedVote = (
  reason: VoteAnswerRefusal,
  fieldErrors?: Partial<Record<string, string[]>>,
): VoteAnswer =>
  fieldErrors
    ? { ok: false, error: voteAnswerMessages[reason], fieldErrors }
    : { ok: false, error: voteAnswerMessages[reason] }

/**
 * Where a vote form without JavaScript goes back to, with why the vote was not counted: the page
 * the form was on, at the idea; a form that names no page goes to the idea's own page.
 */
export function voteFormReturn({
  redirectTo,
  ideaId,
  result,
}: {
  redirectTo: string | undefined
  ideaId: number
  result: { ok: true } | { ok: false; reason: VoteRefusalReason }
}) {
  const notice = result.ok ? undefined : voteRefusals[result.reason].message
  if (!redirectTo) return withNotice(`/ideas/${ideaId}`, notice)
  return `${withNotice(safeRedirectPath(redirectTo), notice)}#idea-${ideaId}`
}
