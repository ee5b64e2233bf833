// What the outbox holds: every kind of row, each delivered after commit by the worker (mail/outbox.server.ts).

/** What an outbox row is; the mailbox shows each by its label (`admin.mail.kind.<kind>`). */
export const outboxKinds = [
  'notification',
  'digest',
  'webhook',
  'password-reset',
  'verify-email',
  'capture-confirm',
  // No longer queued (a captured vote is acknowledged by the `vote-received` notification, which can
  // be switched off): kept so the rows queued as their own kind before keep their label in the mailbox.
  'vote-received',
  'change-email',
  'email-change-notice',
  'password-changed',
  'sign-up-attempt',
  'reply-refused',
  'account-suspended',
  'account-reinstated',
  'test',
] as const
export type OutboxKind = (typeof outboxKinds)[number]

export function isOutboxKind(value: string): value is OutboxKind {
  return (outboxKinds as readonly string[]).includes(value)
}
