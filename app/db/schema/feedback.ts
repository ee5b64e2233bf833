// "Did this answer help you?": one answer per person per team response or update, changeable.
import { sql } from 'drizzle-orm'
import { boolean, check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

import { users } from './accounts'

export const feedbackKinds = ['response', 'update'] as const
export type FeedbackKind = (typeof feedbackKinds)[number]

export const feedback = pgTable(
  'feedback',
  {
    kind: text('kind').$type<FeedbackKind>().notNull(),
    /** The idea_responses id or the updates id. */
    subjectId: integer('subject_id').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    helpful: boolean('helpful').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.kind, table.subjectId, table.userId] }),
    check('feedback_kind_check', sql`${table.kind} in ('response', 'update')`),
  ],
)
