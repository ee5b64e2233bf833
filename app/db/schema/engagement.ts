// Following ideas, notifications, and reports of content — what keeps people in the loop and the
// board clean.
import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  bigint,
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

import type { ReportReason } from '#app/domain/moderation/reports.rules'

import { users } from './accounts'
import { comments } from './comments'
import { ideas } from './ideas'
import { updates } from './updates'

export const follows = pgTable(
  'follows',
  {
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.ideaId, table.userId] }),
    index('follows_user_idx').on(table.userId, table.createdAt),
  ],
)

export const notificationTypes = [
  'received',
  'vote-received',
  'comment',
  'reply',
  'status',
  'response',
  'update',
  'mention',
  'hidden',
  'approved',
] as const
export type NotificationType = (typeof notificationTypes)[number]

export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<NotificationType>().notNull(),
    ideaId: integer('idea_id').references(() => ideas.id, { onDelete: 'cascade' }),
    /** For `update` notifications: the update that was published. */
    updateId: integer('update_id').references((): AnyPgColumn => updates.id, {
      onDelete: 'cascade',
    }),
    commentId: integer('comment_id').references(() => comments.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** Event details the message needs (e.g. the new status); shown in the person's language. */
    payload: jsonb('payload').$type<Record<string, string | number>>().notNull().default({}),
    /** One notification per person per event: a repeated event (retry, re-publish) adds nothing. */
    dedupeKey: text('dedupe_key').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * What it is about is out of its recipient's view (an idea hidden, withdrawn or held, unless
     * theirs; a comment deleted or hidden; an update taken back from publication): not listed or
     * counted in the app. Kept by triggers (drizzle/0037_notifications_out_of_view.sql).
     */
    outOfView: boolean('out_of_view').notNull().default(false),
  },
  (table) => [
    uniqueIndex('notifications_dedupe_unique').on(table.userId, table.dedupeKey),
    index('notifications_user_idx').on(table.userId, table.id.desc().nullsFirst()),
    index('notifications_unread_idx')
      .on(table.userId)
      .where(sql`${table.readAt} is null`),
    // The notifications of an idea, a comment or an update: for the out-of-view triggers, and the
    // cascades of their deletion (which scanned every notification before).
    index('notifications_idea_idx')
      .on(table.ideaId)
      .where(sql`${table.ideaId} is not null`),
    index('notifications_comment_idx')
      .on(table.commentId)
      .where(sql`${table.commentId} is not null`),
    index('notifications_update_idx')
      .on(table.updateId)
      .where(sql`${table.updateId} is not null`),
  ],
)

/**
 * The version of what notifications show of the rows they name (docs/decisions/050): one row, set
 * to the id of the last transaction that changed the text of an idea, an update, a comment, an
 * answer or a note, or a person's name, that a notification shows (triggers on each of them,
 * drizzle/0036_notification_content_version.sql). /notifications' version hashes a person's own
 * notification rows and reads this, instead of joining and hashing everything they name.
 */
export const notificationContentVersion = pgTable(
  'notification_content_version',
  {
    id: integer('id').primaryKey().default(1),
    version: bigint('version', { mode: 'bigint' }).notNull(),
  },
  (table) => [check('notification_content_version_one_row', sql`${table.id} = 1`)],
)

export { type ReportReason, reportReasons } from '#app/domain/moderation/reports.rules'

export const reports = pgTable(
  'reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    reporterId: integer('reporter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ideaId: integer('idea_id').references(() => ideas.id, { onDelete: 'cascade' }),
    commentId: integer('comment_id').references(() => comments.id, { onDelete: 'cascade' }),
    reason: text('reason').$type<ReportReason>().notNull(),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolution: text('resolution'),
  },
  (table) => [
    check('reports_one_target', sql`(${table.ideaId} is null) <> (${table.commentId} is null)`),
    uniqueIndex('reports_idea_unique')
      .on(table.reporterId, table.ideaId)
      .where(sql`${table.commentId} is null`),
    uniqueIndex('reports_comment_unique')
      .on(table.reporterId, table.commentId)
      .where(sql`${table.commentId} is not null`),
    index('reports_open_idx')
      .on(table.createdAt)
      .where(sql`${table.resolvedAt} is null`),
    index('reports_idea_open_idx')
      .on(table.ideaId)
      .where(sql`${table.resolvedAt} is null and ${table.commentId} is null`),
  ],
)
