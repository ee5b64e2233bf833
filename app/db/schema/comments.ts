// Comments on ideas, threaded one level by parent, with the author's submission key against
// double posts.
import { relations } from 'drizzle-orm'
import {
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

import type { ContentLanguage } from '#app/utils/content-language'

import { users } from './accounts'
import { ideas } from './ideas'

export const comments = pgTable(
  'comments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    parentId: integer('parent_id'),
    body: text('body').notNull(),
    /** The language it is written in (en, nl; detected when written); null: unknown. */
    language: text('language').$type<ContentLanguage>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** A token from the form: the same comment submitted twice is stored once. */
    submissionKey: text('submission_key'),
    channel: text('channel').notNull().default('web'),
    /** Hidden by moderation: a placeholder for the public, the text kept for audit. */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
  },
  (table) => [
    foreignKey({ columns: [table.parentId], foreignColumns: [table.id] }).onDelete('cascade'),
    index('comments_idea_idx').on(table.ideaId, table.createdAt, table.id),
    index('comments_author_idx').on(table.authorId, table.createdAt.desc().nullsFirst()),
    uniqueIndex('comments_submission_unique').on(table.authorId, table.submissionKey),
  ],
)

export const commentsRelations = relations(comments, ({ one }) => ({
  idea: one(ideas, { fields: [comments.ideaId], references: [ideas.id] }),
  author: one(users, { fields: [comments.authorId], references: [users.id] }),
  parent: one(comments, { fields: [comments.parentId], references: [comments.id] }),
}))

export type Comment = typeof comments.$inferSelect
