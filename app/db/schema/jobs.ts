// Once-a-day jobs: a row per job and day, so whichever instance gets there first runs it, once.
import { date, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

export const jobRuns = pgTable(
  'job_runs',
  {
    name: text('name').notNull(),
    runOn: date('run_on').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.name, table.runOn] })],
)
