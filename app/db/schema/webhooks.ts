// Outgoing webhooks admins register; deliveries travel through the outbox (kind `webhook`).
import { boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const webhookEvents = ['idea.created', 'idea.status_changed', 'update.published'] as const
export type WebhookEvent = (typeof webhookEvents)[number]

export const webhooks = pgTable('webhooks', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  url: text('url').notNull(),
  events: jsonb('events').$type<WebhookEvent[]>().notNull(),
  /** Signs every delivery (HMAC-SHA256); shown to the admin once. */
  secret: text('secret').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
