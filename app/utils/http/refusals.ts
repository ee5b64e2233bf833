// The one place where a domain command's refusal reason becomes an HTTP answer: a status, the field
// the message belongs beside (null: above the form) and the message key (en.ts / nl.ts).
import type { AccountRefusal } from '#app/domain/accounts/accounts.rules'
import type { PasswordSignInResult } from '#app/domain/accounts/accounts.server'
import type { PeopleResult } from '#app/domain/accounts/people.server'
import type { PasswordResetResult } from '#app/domain/accounts/tokens.server'
import type { createApiToken } from '#app/domain/api/api.server'
import type { CommentRefusal } from '#app/domain/comments/comments.server'
import type { AuthorChangeRefusal } from '#app/domain/ideas/editing.server'
import type { MergeResult } from '#app/domain/ideas/merging.server'
import type { StatusChangeResult } from '#app/domain/ideas/responses.server'
import type { SubmitIdeaResult } from '#app/domain/ideas/submit-idea.server'
import type { TaxonomyResult } from '#app/domain/ideas/taxonomy.server'
import type { CaptureResult, IdeaCheckResult } from '#app/domain/intake/intake.server'
import type { ReportRefusal } from '#app/domain/moderation/reports.server'
import type { SsoFailure } from '#app/domain/sso/sso.rules'
import type { LinkResult } from '#app/domain/sso/sso.server'
import type { UpdateResult } from '#app/domain/updates/updates.server'
import type {
  CreateWebhookResult,
  DeleteWebhookResult,
  TestDeliveryResult,
} from '#app/domain/webhooks/webhooks.server'

import { above, type Refusal } from './refusal'
import { voteRefusals } from './vote-answers'

/** The reasons a command's result can give for refusing. */
type ReasonOf<Result> = Extract<Result, { ok: false; reason: string }>['reason']

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

/** The sign-in form: one message for a wrong address or password, whichever it was. */
export const signInRefusals = {
  signInFailed: above(400, 'auth.signInFailed'),
  suspended: above(400, 'auth.suspended'),
  ssoRequired: above(400, 'auth.ssoRequired'),
  // Beside the password, with the wait (the result's retryAfterSeconds).
  tooManyAttempts: { status: 429, field: 'password', message: 'auth.tryAgainIn' },
} as const satisfies Record<ReasonOf<PasswordSignInResult>, Refusal>

/**
 * A reset link used: a spent or expired link (410), or an account that may not sign in, answered as
 * the sign-in form answers it (its new password is set, no session starts).
 */
export const passwordResetRefusals = {
  invalidToken: above(410, 'reset.expired'),
  suspended: signInRefusals.suspended,
} as const satisfies Record<ReasonOf<PasswordResetResult>, Refusal>

/** The password that proves an account before single sign-on is linked to it. */
export const ssoLinkRefusals = {
  signInFailed: above(400, 'auth.signInFailed'),
  suspended: above(400, 'auth.suspended'),
  alreadyLinked: above(400, 'sso.link.alreadyLinked'),
  tooManyAttempts: above(429, 'auth.tooManyAttempts'),
} as const satisfies Record<ReasonOf<LinkResult>, Refusal>

/**
 * Single sign-on's failures, each a page of its own: its status and title here, its text
 * `sso.failure.<reason>.body`. Not a refusal table (`refusalTables`): a sign-in cancelled at the
 * provider is a plain page (200), a provider that is down or answers nonsense a 502.
 */
export const ssoFailurePages = {
  unknownProvider: above(404, 'sso.failure.unknownProvider.title'),
  providerDown: above(502, 'sso.failure.providerDown.title'),
  providerError: above(502, 'sso.failure.providerError.title'),
  cancelled: above(200, 'sso.failure.cancelled.title'),
  state: above(400, 'sso.failure.state.title'),
  code: above(400, 'sso.failure.code.title'),
  invalidToken: above(400, 'sso.failure.invalidToken.title'),
  emailNotVerified: above(403, 'sso.failure.emailNotVerified.title'),
  wrongAudience: above(403, 'sso.failure.wrongAudience.title'),
  suspended: above(403, 'sso.failure.suspended.title'),
} as const satisfies Record<SsoFailure, Refusal>

/** Posting an idea (the new-idea form): its refusals (not its steps: similar ideas, signing in). */
export const postRefusals = {
  rateLimited: above(429, 'ideas.form.tooMany'),
  suspended: above(403, 'auth.suspended'),
  categoryRequired: { status: 400, field: 'categoryId', message: 'ideas.form.categoryRequired' },
  categoryOfOtherKind: {
    status: 400,
    field: 'categoryId',
    message: 'ideas.form.categoryOtherKind',
  },
} as const satisfies Record<Exclude<ReasonOf<SubmitIdeaResult>, 'similar' | 'signIn'>, Refusal>

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

/**
 * The author's edit page. `notFound` is the 404 page (anyone but the author), not a message on the
 * form; `notAuthor` cannot reach the form for the same reason.
 */
export const authorChangeRefusals = {
  mayNotWithdraw: above(409, 'ideas.withdraw.notAllowed'),
  notAuthor: above(409, 'ideas.edit.closed.notAuthor'),
  withdrawn: above(409, 'ideas.edit.closed.withdrawn'),
  tooLate: above(409, 'ideas.edit.closed.tooLate'),
  othersEngaged: above(409, 'ideas.edit.closed.othersEngaged'),
  decided: above(409, 'ideas.edit.closed.decided'),
} as const satisfies Record<Exclude<AuthorChangeRefusal, 'notFound'>, Refusal>

export const reportRefusals = {
  gone: above(404, 'reports.gone'),
  tooMany: above(429, 'reports.tooMany'),
} as const satisfies Record<ReportRefusal, Refusal>

// h18reason: the back office's refusals (status changes, merges, people, settings, intake).
export const statusChangeRefusals = {
  forbidden: above(403, 'admin.statusError.forbidden'),
  notFound: above(409, 'admin.statusError.notFound'),
  sameStatus: above(409, 'admin.statusError.sameStatus'),
  responseRequired: {
    status: 400,
    field: 'response',
    message: 'admin.statusError.responseRequired',
  },
  retired: above(409, 'admin.statusError.retired'),
  useMerge: above(409, 'admin.statusError.useMerge'),
  merged: above(409, 'admin.statusError.merged'),
  unknownStatus: above(409, 'admin.statusError.unknownStatus'),
} as const satisfies Record<ReasonOf<StatusChangeResult>, Refusal>

/** A merge's refusal stands beside the field naming the original idea. */
export const mergeRefusals = {
  forbidden: { status: 403, field: 'originalId', message: 'admin.mergeError.forbidden' },
  notFound: { status: 409, field: 'originalId', message: 'admin.mergeError.notFound' },
  sameIdea: { status: 409, field: 'originalId', message: 'admin.mergeError.sameIdea' },
  originalIsMerged: {
    status: 409,
    field: 'originalId',
    message: 'admin.mergeError.originalIsMerged',
  },
  mergedElsewhere: {
    status: 409,
    field: 'originalId',
    message: 'admin.mergeError.mergedElsewhere',
  },
  originalWithdrawn: {
    status: 409,
    field: 'originalId',
    message: 'admin.mergeError.originalWithdrawn',
  },
  duplicateWithdrawn: {
    status: 409,
    field: 'originalId',
    message: 'admin.mergeError.duplicateWithdrawn',
  },
  duplicateHidden: {
    status: 409,
    field: 'originalId',
    message: 'admin.mergeError.duplicateHidden',
  },
  originalHidden: { status: 409, field: 'originalId', message: 'admin.mergeError.originalHidden' },
} as const satisfies Record<ReasonOf<MergeResult>, Refusal>

/**
 * The update editor. Only who may write updates opens it, so the one forbidden thing left is asking
 * its publish to change statuses without being allowed to (a hand-made post). An idea is linked beside it.
 */
export const updateRefusals = {
  forbidden: above(403, 'admin.updates.markLaunchedForbidden'),
  notFound: { status: 404, field: 'ideaId', message: 'updates.form.ideaNotFound' },
  notLinkable: { status: 400, field: 'ideaId', message: 'updates.form.notLinkable' },
  invalid: above(400, 'error.badRequestText'),
} as const satisfies Record<ReasonOf<UpdateResult>, Refusal>

export const personRefusals = {
  forbidden: above(403, 'admin.people.error.forbidden'),
  notFound: above(409, 'admin.people.error.notFound'),
  self: above(409, 'admin.people.error.self'),
} as const satisfies Record<ReasonOf<PeopleResult>, Refusal>

/** Statuses and categories (admin settings). */
export const taxonomyRefusals = {
  forbidden: above(403, 'admin.settings.error.forbidden'),
  notFound: above(409, 'admin.settings.error.notFound'),
  taken: above(409, 'admin.settings.error.taken'),
  inUse: above(409, 'admin.settings.error.inUse'),
  core: above(409, 'admin.settings.error.core'),
} as const satisfies Record<ReasonOf<TaxonomyResult>, Refusal>

/** An idea checked, or an idea or a vote captured, for a customer (the intake console). */
export const intakeRefusals = {
  forbidden: above(403, 'intake.error.forbidden'),
  category: { status: 400, field: 'categoryId', message: 'ideas.form.categoryRequired' },
  categoryOfOtherKind: { status: 400, field: 'categoryId', message: 'intake.categoryOtherKind' },
  notFound: above(409, 'intake.error.notFound'),
  // Beside the idea the vote was for: the console offers no vote for a closed idea.
  closed: { status: 409, field: 'voteFor', message: 'intake.error.closed' },
  refused: above(409, 'intake.error.refused'),
} as const satisfies Record<ReasonOf<CaptureResult> | ReasonOf<IdeaCheckResult>, Refusal>

/** A new API token (admin). */
export const apiTokenRefusals = {
  forbidden: above(403, 'admin.actionFailed'),
} as const satisfies Record<ReasonOf<Awaited<ReturnType<typeof createApiToken>>>, Refusal>

/** A new webhook (admin): an address that leads inside our network, or nowhere, is refused beside it. */
export const webhookRefusals = {
  forbidden: above(403, 'admin.actionFailed'),
  'address-refused': { status: 400, field: 'url', message: 'admin.webhooks.urlPrivate' },
  'address-unresolved': { status: 400, field: 'url', message: 'admin.webhooks.urlUnresolved' },
} as const satisfies Record<ReasonOf<CreateWebhookResult>, Refusal>

/** A command on one saved webhook (admin): deleting it, or sending it a test. */
export const webhookCommandRefusals = {
  forbidden: above(403, 'admin.actionFailed'),
  notFound: above(409, 'admin.webhooks.error.notFound'),
  paused: above(409, 'admin.webhooks.error.paused'),
} as const satisfies Record<ReasonOf<DeleteWebhookResult | TestDeliveryResult>, Refusal>

/** A refusal as a form's errors: beside its field, or above the form. */
export function refusalErrors(refusal: Refusal): {
  fieldErrors: Partial<Record<string, string[]>>
  formError?: string
} {
  return refusal.field
    ? { fieldErrors: { [refusal.field]: [refusal.message] } }
    : { fieldErrors: {}, formError: refusal.message }
}

/** Every table, for the test that checks each message exists in both languages. */
export const refusalTables = {
  accountRefusals,
  signInRefusals,
  passwordResetRefusals,
  ssoLinkRefusals,
  postRefusals,
  commentRefusals,
  authorChangeRefusals,
  reportRefusals,
  voteRefusals,
  statusChangeRefusals,
  mergeRefusals,
  updateRefusals,
  personRefusals,
  taxonomyRefusals,
  intakeRefusals,
  apiTokenRefusals,
  webhookRefusals,
  webhookCommandRefusals,
} as const
