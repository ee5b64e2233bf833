// Tokens for the intake API (/api/v1).
import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

import { users } from './accounts'

export const apiScopes = ['ideas:read', 'ideas:write', 'votes:write', 'inbound:email'] as const
export type ApiScope = (typeof apiScopes)[number]

/** Tokens for the intake API: shown once, stored as a SHA-256 hash, scoped and revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters, so admins can tell tokens apart without seeing them. */
    prefix: text('prefix').notNull(),
    scopes: jsonb('scopes').$type<ApiScope[]>().notNull(),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('api_tokens_hash_unique').on(table.tokenHash),
    index('api_tokens_active_idx')
      .on(table.createdAt)
      .where(sql`${table.revokedAt} is null`),
  ],
)
