// Pure rules for email: what the outbox holds, when to try again and when to give up, and every
// kind of email we send.
import type { NotificationType } from '#app/db/schema'
import { DeliveryError } from '#app/utils/delivery-error'

/** What an outbox row is; the mailbox shows each by its label (`admin.mail.kind.<kind>`). */
export const outboxKinds = ['notification', 'digest', 'webhook', 'password-reset', 'verify-email', 'capture-confirm', 'change-email', 'email-change-notice', 'password-changed', 'sign-up-attempt', 'reply-refused', 'test'] as const
export type OutboxKind = (typeof outboxKinds)[number]

export function isOutboxKind(value: string): value is OutboxKind {
  return (outboxKinds as readonly string[]).includes(value)
}

export const MAX_SEND_ATTEMPTS = 5
/** A claimed message is another worker's to take after this long (the first one crashed). */
export const CLAIM_SECONDS = 120

/** Seconds to wait after the given failed attempt: 30 s, 1 min, 2 min, 4 min … capped at 6 h. */
function retryDelaySeconds(attempt: number) {
  return Math.min(30 * 2 ** Math.max(0, attempt - 1), 6 * 60 * 60)
}

/** What happens after a failed attempt: try again later, or record a permanent failure. */
export function afterFailure(attempt: number, error?: unknown): { retry: true; delaySeconds: number } | { retry: false } {
  if (error instanceof DeliveryError && error.permanent) return { retry: false }
  return attempt >= MAX_SEND_ATTEMPTS ? { retry: false } : { retry: true, delaySeconds: retryDelaySeconds(attempt) }
}

/** Notification types a person can switch on or off, per channel. */
export const preferenceTypes = ['received', 'comment', 'reply', 'status', 'response', 'update', 'mention'] as const
export type PreferenceType = (typeof preferenceTypes)[number]

/**
 * Every kind of email Ideabox sends, and the preference that stops it. Notification emails (one
 * per notification type) carry a signed link to /unsubscribe for their type, and the one-click
 * List-Unsubscribe headers when it can be stopped. `null`: it cannot be switched off, because it
 * tells people what happened to what they posted (hidden) or answers their own request (password
 * reset, address check, "is this captured idea yours?", a test message), warns them about their
 * account (address or password changed), or it is the team's working list (digest).
 */
export const emailKinds = {
  received: 'received',
  comment: 'comment',
  reply: 'reply',
  status: 'status',
  response: 'response',
  update: 'update',
  mention: 'mention',
  hidden: null,
  'password-reset': null,
  'verify-email': null,
  'capture-confirm': null,
  'change-email': null,
  'email-change-notice': null,
  'password-changed': null,
  'sign-up-attempt': null,
  'reply-refused': null,
  digest: null,
  test: null,
} as const satisfies Record<NotificationType | DirectEmailKind, PreferenceType | null>
export type EmailKind = keyof typeof emailKinds

/** Emails written when they are queued (not from a notification). */
export type DirectEmailKind = 'password-reset' | 'verify-email' | 'capture-confirm' | 'change-email' | 'email-change-notice' | 'password-changed' | 'sign-up-attempt' | 'reply-refused' | 'digest' | 'test'

/** The preference that stops this kind of email, or null when it cannot be stopped. */
export function preferenceOf(kind: EmailKind): PreferenceType | null {
  return emailKinds[kind]
}

/**
 * Which emails can be answered by replying (a signed `Reply-To: reply+<token>@INBOUND_EMAIL_DOMAIN`
 * that turns the reply into a comment by the recipient on the idea). Every kind must say, so a new
 * kind cannot be forgotten: true for notifications about one idea that stays open to comments;
 * false with a reason otherwise (docs/decisions/021-reply-by-email.md).
 */
export const answerableByReply = {
  received: true,
  comment: true,
  reply: true,
  status: true,
  response: true,
  // About an update, which may link several ideas: there is no one idea to comment on.
  update: false,
  // About a team-only note: a reply would become a public comment, so it is not offered.
  mention: false,
  // The idea was hidden: it takes no comment.
  hidden: false,
  // Not about an idea someone follows, or sent to people who may not have an account yet.
  'password-reset': false,
  'verify-email': false,
  'capture-confirm': false,
  'change-email': false,
  'email-change-notice': false,
  'password-changed': false,
  'sign-up-attempt': false,
  // Never invite a reply to the explanation of a refused reply: that is how mail loops start.
  'reply-refused': false,
  digest: false,
  test: false,
} as const satisfies Record<EmailKind, boolean>
