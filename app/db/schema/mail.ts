// Email: the transactional outbox, notification preferences, and single-use tokens for password
// reset and email verification.
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

import { users } from './accounts'
import { notifications } from './engagement'

export const outboxStates = ['pending', 'sending', 'sent', 'failed'] as const
export type OutboxState = (typeof outboxStates)[number]

/**
 * Messages to send, written in the same transaction as the event that causes them and sent by the
 * worker after commit. A notification email is rendered when it is sent (in the person's language,
 * with what the notification says); other messages are rendered when they are queued.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    toAddress: text('to_address'),
    /** `notification`, `password-reset`, `verify-email`, `test`. */
    kind: text('kind').notNull(),
    notificationId: integer('notification_id').references(() => notifications.id, {
      onDelete: 'cascade',
    }),
    subject: text('subject'),
    textBody: text('text_body'),
    htmlBody: text('html_body'),
    headers: jsonb('headers').$type<Record<string, string>>(),
    /** The same message is queued once (e.g. one email per notification). */
    dedupeKey: text('dedupe_key'),
    state: text('state').$type<OutboxState>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A worker that claimed the row holds it until then; after that another may take it over. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** What kind of failure `lastError` describes (a webhook's: see `webhookFailureLabels`), for a translated label. */
    lastErrorCode: text('last_error_code'),
    /** `smtp` when handed to the mail server, `mailbox` when kept for reading at /admin/mail. */
    deliveredVia: text('delivered_via'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('outbox_dedupe_unique').on(table.dedupeKey),
    index('outbox_due_idx')
      .on(table.nextAttemptAt, table.id)
      .where(sql`${table.state} in ('pending', 'sending')`),
    index('outbox_recent_idx').on(
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    check('outbox_state_check', sql`${table.state} in ('pending', 'sending', 'sent', 'failed')`),
  ],
)

/** A person's choice per notification type; no row means both channels on. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    inApp: boolean('in_app').notNull().default(true),
    email: boolean('email').notNull().default(true),
  },
  (table) => [primaryKey({ columns: [table.userId, table.type] })],
)

export const tokenPurposes = ['password-reset', 'verify-email', 'change-email'] as const
export type TokenPurpose = (typeof tokenPurposes)[number]

/** Single-use, expiring tokens; only their SHA-256 is stored. */
export const userTokens = pgTable(
  'user_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<TokenPurpose>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** For `change-email`: the address that becomes the account's once the link is opened. */
    newEmail: text('new_email'),
    /** Where a verify-email link continues after signing the person in (the sign-up form's redirectTo). */
    redirectTo: text('redirect_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('user_tokens_user_idx').on(table.userId, table.purpose)],
)

/** Secrets the app generates for itself (e.g. the key that signs unsubscribe links), shared by all instances. */
export const appSecrets = pgTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
