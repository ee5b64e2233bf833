// Votes: one row per person and idea (a unique key makes a double submit harmless); the idea's
// counters are kept in the same transaction by the cast_vote function (app/domain/votes/).
import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

import { users } from './accounts'
import { ideas } from './ideas'

export const votes = pgTable(
  'votes',
  {
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    value: integer('value').notNull(),
    /** Where the vote was given: web, or a channel where staff recorded it for the person. */
    channel: text('channel').notNull().default('web'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.ideaId, table.userId] }),
    index('votes_user_idx').on(table.userId, table.createdAt.desc().nullsFirst()),
    // An idea's voters, newest vote first (the back office's voter list and its CSV page on it).
    index('votes_idea_created_idx').on(
      table.ideaId,
      table.createdAt.desc().nullsFirst(),
      table.userId.desc().nullsFirst(),
    ),
    check('votes_value_check', sql`${table.value} in (-1, 1)`),
  ],
)

export type Vote = typeof votes.$inferSelect
