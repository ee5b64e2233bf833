// The outbox's one writer: every email and every webhook delivery is queued here, inside the caller's
// transaction, and sent after commit by the worker (mail/outbox.server.ts). A leaf that imports no
// other area, so mail, notifications and webhooks can all queue through it without a cycle.
import { type SQL, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { outbox } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'

import type { OutboxKind } from './outbox.rules'

/** One row to queue: rendered now (subject and bodies), or at send time (a notification's id). */
export type OutboxMessage = {
  kind: OutboxKind
  userId?: number | null
  toAddress?: string | null
  notificationId?: number | null
  subject?: string
  textBody?: string
  htmlBody?: string
  headers?: Record<string, string>
  /** The same message is queued once: a repeated key queues nothing. */
  dedupeKey?: string
}

/** The columns a set-based queueing may fill, besides the kind. */
type SelectedColumn =
  | 'user_id'
  | 'to_address'
  | 'notification_id'
  | 'subject'
  | 'text_body'
  | 'html_body'
  | 'headers'
  | 'dedupe_key'
  /** When it is due (default: at once); a notification's email may wait (`emailWaitMinutes`). */
  | 'next_attempt_at'

/**
 * Rows of one kind chosen by a query, queued in one statement however many there are (a notification
 * to every follower): `select` yields `columns`, in that order.
 */
export type OutboxSelection = { kind: OutboxKind; columns: readonly SelectedColumn[]; select: SQL }

/**
 * Queues messages in the caller's transaction (`executor`): a list of rows, or the rows a query
 * selects. Returns the ids of the rows queued (a repeated dedupe key queues nothing).
 */
export async function enqueue({
  executor = db(),
  messages,
}: {
  executor?: Executor
  messages: readonly OutboxMessage[] | OutboxSelection
}): Promise<number[]> {
  if ('select' in messages) {
    const rows = await queryRows<{ id: number }>(executor, enqueueStatement(messages))
    return rows.map((row) => Number(row.id))
  }
  if (messages.length === 0) return []
  const rows = await executor
    .insert(outbox)
    .values(
      messages.map((message) => ({
        kind: message.kind,
        userId: message.userId ?? null,
        toAddress: message.toAddress ?? null,
        notificationId: message.notificationId ?? null,
        subject: message.subject,
        textBody: message.textBody,
        htmlBody: message.htmlBody,
        headers: message.headers,
        dedupeKey: message.dedupeKey,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: outbox.id })
  return rows.map((row) => row.id)
}

/**
 * The set-based queueing as a statement (`returning id`), for a command that does all its writes in
 * one statement (posting an idea, `notify`): embed it as a data-modifying CTE's body. Still the one
 * writer: the SQL that inserts into the outbox is written only here.
 */
export function enqueueStatement({ kind, columns, select }: OutboxSelection) {
  return sql`insert into ${outbox} (kind, ${sql.raw(columns.join(', '))})
          select ${kind}::text, selected.* from (${select}) selected
          on conflict do nothing
          returning id`
}
