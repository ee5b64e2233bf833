// Site settings the back office changes at run time (no redeploy): one row per key, JSON values.
import { sql } from 'drizzle-orm'
import { bigint, check, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

import { users } from './accounts'

export const siteSettings = pgTable('site_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
})

/**
 * The version of the reference data every page reads (statuses, categories, tags, site settings):
 * one row, set to the id of the transaction that last changed any of them, by a trigger on each
 * table (drizzle/0031_reference_version.sql), so no write can forget it. Each app instance keeps
 * those tables' rows and reads them again only when this changed (app/db/reference-data.server.ts,
 * docs/decisions/036).
 */
export const referenceVersion = pgTable(
  'reference_version',
  {
    id: integer('id').primaryKey().default(1),
    version: bigint('version', { mode: 'bigint' }).notNull(),
  },
  (table) => [check('reference_version_one_row', sql`${table.id} = 1`)],
)
