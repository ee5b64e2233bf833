// Fixed-window counters shared by every app instance (sign-in, posting, voting).
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').primaryKey(),
    hits: integer('hits').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('rate_limits_reset_at_idx').on(table.resetAt)],
)

/**
 * Failed attempts with growing delays (sign-in): per key, how many failures are remembered, until
 * when the next attempt must wait, and when the count is forgotten. Only failures are kept here.
 */
export const failureDelays = pgTable(
  'failure_delays',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    forgetAt: timestamp('forget_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('failure_delays_forget_at_idx').on(table.forgetAt)],
)
