// Contributor points: what a person's ideas earned, per calendar month (UTC) and in all, kept as
// counters that change in the same transaction as the vote or status change that earns them.
import { type SQL, sql } from 'drizzle-orm'
import { check, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'

import { users } from './accounts'

export const contributorPoints = pgTable(
  'contributor_points',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** `all` for all time, or a month as `YYYY-MM`. */
    period: text('period').notNull(),
    /** Up-votes from other people on this person's ideas. */
    votesReceived: integer('votes_received').notNull().default(0),
    /** This person's ideas that the team marked implemented. */
    ideasImplemented: integer('ideas_implemented').notNull().default(0),
    /** One point per up-vote received, ten per idea implemented (see points.rules). */
    points: integer('points').generatedAlwaysAs(
      (): SQL => sql`votes_received + 10 * ideas_implemented`,
    ),
  },
  (table) => [
    primaryKey({ columns: [table.period, table.userId] }),
    index('contributor_points_rank_idx').on(
      table.period,
      table.points.desc().nullsFirst(),
      table.userId,
    ),
    index('contributor_points_user_idx').on(table.userId),
    check(
      'contributor_points_period_check',
      sql`${table.period} = 'all' or ${table.period} ~ '^[0-9]{4}-[0-9]{2}$'`,
    ),
  ],
)
