// The audit log: every staff action, who did it, to what, and the state before and after. Written in
// the same transaction as the action, so it cannot miss one or record one that did not happen.
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

import { users } from './accounts'

export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** What was done, e.g. `idea.status`, `comment.hide`, `user.role`, `setting.change`. */
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: integer('target_id'),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('audit_log_created_idx').on(
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // An idea's History (and the target filter), in time order.
    index('audit_log_target_idx').on(
      table.targetType,
      table.targetId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // The log filtered by person, in time order (the person filter pages on it).
    index('audit_log_actor_idx').on(
      table.actorId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
  ],
)
