// Inbound email, once per message: the key makes a provider's retry or a second delivery of the
// same Message-ID answer the idea the first delivery filed, instead of filing another.
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

import { users } from './accounts'
import { ideas } from './ideas'

export const inboundEmails = pgTable('inbound_emails', {
  /** The message's Message-ID, or `sha256:<hash of the raw message>` when it has none. */
  messageKey: text('message_key').primaryKey(),
  /** Filled in the same transaction that claims the key (null only inside that transaction). */
  ideaId: integer('idea_id').references(() => ideas.id, { onDelete: 'cascade' }),
  customerId: integer('customer_id').references(() => users.id, { onDelete: 'cascade' }),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
})
