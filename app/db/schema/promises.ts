// Response promises the company makes in public, and the calendar they are counted in.
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

export const promiseKinds = ['first-response', 'decision', 'declined-reason'] as const
export type PromiseKind = (typeof promiseKinds)[number]

export const promises = pgTable(
  'promises',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<PromiseKind>().notNull(),
    /** null: every channel; otherwise this target applies to ideas from that channel only. */
    channel: text('channel'),
    /** Working days (first response) or calendar days (decision); null for rules without a clock. */
    targetDays: integer('target_days'),
    textEn: text('text_en').notNull(),
    textNl: text('text_nl').notNull(),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('promises_kind_channel_unique').on(table.kind, sql`coalesce(${table.channel}, '')`),
    check(
      'promises_kind_check',
      sql`${table.kind} in ('first-response', 'decision', 'declined-reason')`,
    ),
  ],
)

/** Days off in the site's calendar (besides weekends). */
export const holidays = pgTable('holidays', {
  day: date('day').primaryKey(),
  name: text('name').notNull(),
})
