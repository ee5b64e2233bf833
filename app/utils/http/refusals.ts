// The one place where a domain command's refusal reason becomes an HTTP answer: a status, the field
// the message belongs beside (null: above the form) and the message key (en.ts / nl.ts).
import type { AccountRefusal } from '#app/domain/accounts/accounts.rules'
import type { CommentRefusal } from '#app/domain/comments/comments.server'
import type { ReportRefusal } from '#app/domain/moderation/reports.server'
import type { CastVoteResult } from '#app/domain/votes/votes.server'
import type { MessageKey } from '#app/utils/i18n/i18n'

export type Refusal = { status: number; field: string | null; message: MessageKey }

type VoteRefusalReason = Extract<CastVoteResult, { ok: false }>['reason']

/** A refusal whose message stands above the form (its key kept literal, so notices can check it). */
const above = <Message extends MessageKey>(status: number, message: Message) => ({ status, field: null, message })

export const accountRefusals = {
  wrongPassword: { status: 400, field: 'currentPassword', message: 'validation.wrongPassword' },
  tooManyAttempts: above(429, 'auth.tooManyAttempts'),
  notFound: above(404, 'error.notFoundText'),
  handleTaken: { status: 400, field: 'handle', message: 'validation.handleTaken' },
  handleReserved: { status: 400, field: 'handle', message: 'validation.handleReserved' },
  emailTaken: { status: 400, field: 'email', message: 'validation.emailTaken' },
  sameEmail: { status: 400, field: 'email', message: 'validation.sameEmail' },
  lastAdmin: above(409, 'account.data.lastAdmin'),
} as const satisfies Record<AccountRefusal, Refusal>

export const commentRefusals = {
  suspended: above(403, 'auth.suspended'),
  tooMany: above(429, 'comments.tooMany'),
  looksLikeSpam: above(422, 'comments.looksLikeSpam'),
  ideaGone: above(404, 'comments.ideaGone'),
  locked: above(409, 'comments.locked'),
  parentGone: above(404, 'comments.parentGone'),
  editWindowPassed: above(403, 'comments.editWindowPassed'),
  notYours: above(403, 'comments.notYours'),
} as const satisfies Record<CommentRefusal, Refusal>

export const reportRefusals = {
  gone: above(404, 'reports.gone'),
  tooMany: above(429, 'reports.tooMany'),
} as const satisfies Record<ReportRefusal, Refusal>

export const voteRefusals = {
  notFound: above(404, 'votes.refused.notFound'),
  suspended: above(403, 'votes.refused.suspended'),
  closed: above(409, 'votes.refused.closed'),
  withdrawn: above(409, 'votes.refused.withdrawn'),
  downVotesOff: above(409, 'votes.refused.downVotesOff'),
  tooMany: above(429, 'votes.tooMany'),
} as const satisfies Record<VoteRefusalReason, Refusal>

/** Every table, for the test that checks each message exists in both languages. */
export const refusalTables = { accountRefusals, commentRefusals, reportRefusals, voteRefusals } as const
