// Pure rules for email: when to try again and when to give up, and the preferences people set. The
// kinds of email we send are the registry in emails.server.ts; the kinds of outbox row, outbox/outbox.rules.ts.
import type { FeedbackKind } from '#app/db/schema'
import { DeliveryError } from '#app/utils/delivery-error'
import type { MessageKey } from '#app/utils/i18n/i18n'

export const MAX_SEND_ATTEMPTS = 5
/** A claimed message is another worker's to take after this long (the first one crashed). */
export const CLAIM_SECONDS = 120

/** Seconds to wait after the given failed attempt: 30 s, 1 min, 2 min, 4 min … capped at 6 h. */
function retryDelaySeconds(attempt: number) {
  return Math.min(30 * 2 ** Math.max(0, attempt - 1), 6 * 60 * 60)
}

/** What happens after a failed attempt: try again later, or record a permanent failure. */
export function afterFailure(
  attempt: number,
  error?: unknown,
): { retry: true; delaySeconds: number } | { retry: false } {
  if (error instanceof DeliveryError && error.permanent) return { retry: false }
  return attempt >= MAX_SEND_ATTEMPTS
    ? { retry: false }
    : { retry: true, delaySeconds: retryDelaySeconds(attempt) }
}

/**
 * How a sent message went out (`outbox.delivered_via`: the transport's name, or `skipped` when there
 * was nothing to send any more), as /admin/mail names it in the reader's language. A webhook's
 * delivery stores its HTTP status, shown as it is.
 */
const deliveredViaLabels = {
  smtp: 'admin.mail.deliveredVia.smtp',
  mailbox: 'admin.mail.deliveredVia.mailbox',
  skipped: 'admin.mail.deliveredVia.skipped',
} as const satisfies Record<string, MessageKey>

export function deliveredViaLabel(via: string): MessageKey | null {
  return Object.hasOwn(deliveredViaLabels, via)
    ? deliveredViaLabels[via as keyof typeof deliveredViaLabels]
    : null
}

/** Notification types a person can switch on or off, per channel. */
export const preferenceTypes = [
  'received',
  'vote-received',
  'comment',
  'reply',
  'status',
  'response',
  'update',
  'mention',
] as const
export type PreferenceType = (typeof preferenceTypes)[number]

// The words of "Did this help?": a team answer is asked about as an answer, an update as an update,
// in the email and on the page its link opens, before and after it is rated.
export function feedbackWording(kind: FeedbackKind) {
  return kind === 'update'
    ? ({
        question: 'feedback.questionUpdate',
        ratedYes: 'feedback.ratedYesUpdate',
        ratedNo: 'feedback.ratedNoUpdate',
      } as const satisfies Record<string, MessageKey>)
    : ({
        question: 'feedback.question',
        ratedYes: 'feedback.ratedYes',
        ratedNo: 'feedback.ratedNo',
      } as const satisfies Record<string, MessageKey>)
}
