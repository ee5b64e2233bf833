// Site settings the back office changes at run time (no redeploy): one row per key, JSON values.
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

import { users } from './accounts'

export const siteSettings = pgTable('site_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
})
