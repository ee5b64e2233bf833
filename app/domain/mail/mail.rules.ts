// Pure rules for email delivery: what the outbox holds, when to try again, and when to give up.

/** What an outbox row is; the mailbox shows each by its label (`admin.mail.kind.<kind>`). */
export const outboxKinds = ['notification', 'digest', 'webhook', 'password-reset', 'verify-email', 'capture-confirm', 'test'] as const
export type OutboxKind = (typeof outboxKinds)[number]

export function isOutboxKind(value: string): value is OutboxKind {
  return (outboxKinds as readonly string[]).includes(value)
}

export const MAX_SEND_ATTEMPTS = 5
/** A claimed message is another worker's to take after this long (the first one crashed). */
export const CLAIM_SECONDS = 120

/** Seconds to wait after the given failed attempt: 30 s, 1 min, 2 min, 4 min … capped at 6 h. */
export function retryDelaySeconds(attempt: number) {
  return Math.min(30 * 2 ** Math.max(0, attempt - 1), 6 * 60 * 60)
}

/** A send that cannot succeed by trying again (a webhook address we refuse to call): failed at once. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError'
}

/** What happens after a failed attempt: try again later, or record a permanent failure. */
export function afterFailure(attempt: number, error?: unknown): { retry: true; delaySeconds: number } | { retry: false } {
  if (error instanceof PermanentDeliveryError) return { retry: false }
  return attempt >= MAX_SEND_ATTEMPTS ? { retry: false } : { retry: true, delaySeconds: retryDelaySeconds(attempt) }
}

/** Notification types a person can switch on or off, per channel. */
export const preferenceTypes = ['comment', 'reply', 'status', 'response', 'update', 'mention'] as const
export type PreferenceType = (typeof preferenceTypes)[number]
