// The transactional outbox: queue messages inside the event's transaction, and let workers on any
// instance claim and send them after commit (FOR UPDATE SKIP LOCKED: never the same row twice),
// retrying with exponential backoff and keeping permanent failures with their error. Claims are
// leases, renewed while a message is being sent and fenced by attempt number.
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { keysetRead } from '#app/db/keyset.server'
import { outbox } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { enqueue, type OutboxMessage } from '#app/domain/outbox/enqueue.server'
import { isOutboxKind, type OutboxKind } from '#app/domain/outbox/outbox.rules'
import { deliverWebhook, type WebhookNetwork } from '#app/domain/webhooks/webhooks.server'
import { type PageAt, readKeysetPage } from '#app/utils/cursors'
import { DeliveryError } from '#app/utils/delivery-error'
import { env } from '#app/utils/env.server'

import { mailFailureCode } from './failures.rules'
import { afterFailure, CLAIM_SECONDS } from './mail.rules'
import type { OutgoingMessage, Transport } from './transport.server'

type QueuedEmail = Omit<OutboxMessage, 'notificationId'> & { executor?: Executor }

/** Queues one message written now (notifications are queued by `notify`). A repeated dedupe key queues nothing. */
export async function enqueueEmail({ executor, ...message }: QueuedEmail) {
  const [id] = await enqueue({ executor, messages: [message] })
  return id ?? null
}

type ClaimedRow = { id: number; attempts: number }

/** How long a claim lasts without renewal: MAIL_CLAIM_SECONDS, else the rule's default. */
function leaseSecondsFromEnv() {
  return env().MAIL_CLAIM_SECONDS ?? CLAIM_SECONDS
}

/** Takes up to `limit` due messages for this worker; rows another worker holds are skipped. */
export async function claimDue({
  limit = 10,
  leaseSeconds = leaseSecondsFromEnv(),
}: { limit?: number; leaseSeconds?: number } = {}) {
  return queryRows<ClaimedRow>(
    db(),
    // RETURNING comes back in the table's physical order: sorted again, so the oldest is sent first.
    sql`with claimed as (
          update ${outbox} set state = 'sending', attempts = attempts + 1, locked_until = now() + make_interval(secs => ${leaseSeconds})
          where id in (
            select id from ${outbox}
            where (state = 'pending' and next_attempt_at <= now()) or (state = 'sending' and locked_until < now())
            order by next_attempt_at, id
            limit ${limit}
            for update skip locked)
          returning id, attempts, next_attempt_at)
        select id, attempts from claimed order by next_attempt_at, id`,
  )
}

// A claim is ours while the row is still 'sending' under the attempt number we set when claiming:
// once the lease expired and another worker re-claimed the row, its attempt number moved on. Every
// write after the claim is fenced this way, so a slow or stalled worker can neither send a message
// another worker has taken over nor overwrite that worker's outcome.
const claimStillHeld = (row: ClaimedRow) =>
  and(eq(outbox.id, row.id), eq(outbox.state, 'sending'), eq(outbox.attempts, row.attempts))

/** Extends this worker's claim on the row; false when the claim was lost to another worker. */
async function renewClaim(row: ClaimedRow, leaseSeconds: number) {
  const renewed = await db()
    .update(outbox)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(claimStillHeld(row))
    .returning({ id: outbox.id })
  return renewed.length > 0
}

/** Runs `work` while renewing the claim every third of the lease, so a long send keeps its row. */
async function whileHoldingClaim<T>(row: ClaimedRow, leaseSeconds: number, work: () => Promise<T>) {
  const heartbeat = setInterval(
    () => void renewClaim(row, leaseSeconds).catch(() => {}),
    (leaseSeconds * 1000) / 3,
  )
  heartbeat.unref()
  try {
    return await work()
  } finally {
    clearInterval(heartbeat)
  }
}

/** How a queued email becomes a message: null when there is nothing to send any more. */
export type RenderMessage = (queued: { outboxId: number }) => Promise<OutgoingMessage | null>

/** Renders and hands over one message; returns how it went out ('skipped' when there is nothing to send any more). */
async function deliver({
  row,
  transport,
  renderMessage,
  webhookNetwork,
}: {
  row: ClaimedRow
  transport: Transport
  renderMessage: RenderMessage
  webhookNetwork?: WebhookNetwork
}) {
  const [queued] = await db()
    .select({
      kind: outbox.kind,
      toAddress: outbox.toAddress,
      textBody: outbox.textBody,
      headers: outbox.headers,
    })
    .from(outbox)
    .where(eq(outbox.id, row.id))
  if (queued?.kind === 'webhook') {
    return deliverWebhook({
      url: queued.toAddress ?? '',
      body: queued.textBody ?? '',
      hookId: Number(queued.headers?.['X-Ideabox-Webhook'] ?? 0),
      network: webhookNetwork,
    })
  }
  const message = await renderMessage({ outboxId: row.id })
  // Nothing to send any more (the person unsubscribed, or has no address): close it quietly.
  if (!message) return 'skipped'
  // The outbox id travels along, so a receiver (or a test) can tell a message from its retries.
  try {
    await transport.send({
      ...message,
      headers: { ...message.headers, 'X-Ideabox-Message': String(row.id) },
    })
  } catch (error) {
    // Named by kind (failures.rules.ts), so /admin/mail shows a label in the reader's language.
    throw new DeliveryError(
      error instanceof Error ? error.message : String(error),
      mailFailureCode(error),
    )
  }
  return transport.name
}

async function recordDelivery(row: ClaimedRow, deliveredVia: string) {
  const recorded = await db()
    .update(outbox)
    .set({
      state: 'sent',
      deliveredVia,
      sentAt: sql`now()`,
      lockedUntil: null,
      lastError: null,
      lastErrorCode: null,
    })
    .where(claimStillHeld(row))
    .returning({ id: outbox.id })
  if (recorded.length === 0)
    console.warn(
      `Outbox message ${row.id} was delivered after its claim had passed to another worker.`,
    )
}

async function recordFailure(row: ClaimedRow, error: unknown) {
  const reason =
    error instanceof Error ? error.message.slice(0, 1000) : String(error).slice(0, 1000)
  const lastErrorCode = error instanceof DeliveryError ? error.code : null
  const next = afterFailure(row.attempts, error)
  await db()
    .update(outbox)
    .set(
      next.retry
        ? {
            state: 'pending',
            lastError: reason,
            lastErrorCode,
            lockedUntil: null,
            nextAttemptAt: sql`now() + make_interval(secs => ${next.delaySeconds})`,
          }
        : { state: 'failed', lastError: reason, lastErrorCode, lockedUntil: null },
    )
    .where(claimStillHeld(row))
}

/**
 * Sends what is due once: claim, render, deliver, record. Returns how many were sent and failed.
 * A database error while recording is thrown (the worker logs it); the claim then expires and the
 * message is retried, so nothing acknowledged by the database is lost.
 */
export async function processOutbox({
  transport,
  renderMessage,
  limit = 10,
  webhookNetwork,
  leaseSeconds = leaseSecondsFromEnv(),
}: {
  transport: Transport
  /** Renders a queued email at send time (notifications/messages.server.ts: the areas above mail pass it in). */
  renderMessage: RenderMessage
  limit?: number
  /** Tests only: a resolver and address policy for webhooks (production calls the public internet only). */
  webhookNetwork?: WebhookNetwork
  leaseSeconds?: number
}) {
  const claimed = await claimDue({ limit, leaseSeconds })
  let sent = 0
  let failed = 0
  for (const row of claimed) {
    // The batch is sent one by one: a row whose lease ran out meanwhile may belong to another worker now.
    if (!(await renewClaim(row, leaseSeconds))) continue
    let deliveredVia: string
    try {
      deliveredVia = await whileHoldingClaim(row, leaseSeconds, () =>
        deliver({ row, transport, renderMessage, webhookNetwork }),
      )
    } catch (error) {
      failed++
      await recordFailure(row, error)
      continue
    }
    await recordDelivery(row, deliveredVia)
    if (deliveredVia !== 'skipped') sent++
  }
  return { sent, failed, claimed: claimed.length }
}

/**
 * The numbers the email-health page shows. `oldestQueued`: since when the longest-waiting message
 * has been due (an email not due yet is not late).
 */
export async function mailHealth() {
  const [row] = await queryRows<{
    queued: number
    failed: number
    failed_recent: number
    last_sent: Date | null
    oldest_queued: Date | null
    retrying: number
  }>(
    db(),
    sql`select
          (select count(*)::int from ${outbox} where state in ('pending', 'sending')) as queued,
          (select count(*)::int from ${outbox} where state = 'pending' and attempts > 0) as retrying,
          (select count(*)::int from ${outbox} where state = 'failed') as failed,
          (select count(*)::int from ${outbox} where state = 'failed' and created_at > now() - interval '1 day') as failed_recent,
          (select max(sent_at) from ${outbox} where state = 'sent' and delivered_via <> 'skipped') as last_sent,
          -- Waiting since it was due: an email that waits on purpose (a comment's, for its edit
          -- window) is not late until then; a message being retried has waited since it was queued.
          (select min(case when attempts = 0 then next_attempt_at else created_at end) from ${outbox}
            where state in ('pending', 'sending')) as oldest_queued`,
  )
  return {
    queued: Number(row?.queued ?? 0),
    retrying: Number(row?.retrying ?? 0),
    failed: Number(row?.failed ?? 0),
    failedRecently: Number(row?.failed_recent ?? 0),
    lastSent: row?.last_sent ? new Date(row.last_sent) : null,
    oldestQueued: row?.oldest_queued ? new Date(row.oldest_queued) : null,
  }
}

const MAIL_PAGE_SIZE = 30

/**
 * A page of messages, newest first (queued time, then id; outbox_recent_idx read either way), for
 * the mailbox and the failure list: after `cursor`, or going back, before `before`
 * (docs/decisions/032), with the links to the pages after and before it.
 */
export async function listMail({
  cursor,
  before,
  state,
  limit = MAIL_PAGE_SIZE,
}: PageAt & { state?: 'failed'; limit?: number } = {}) {
  const page = await readKeysetPage({ cursor, before }, limit, async (at) => {
    const read = keysetRead({
      value: outbox.createdAt,
      id: outbox.id,
      cast: 'timestamptz',
      descending: true,
      ...at,
    })
    const rows = await db()
      .select({
        id: outbox.id,
        kind: outbox.kind,
        toAddress: outbox.toAddress,
        subject: outbox.subject,
        textBody: outbox.textBody,
        state: outbox.state,
        attempts: outbox.attempts,
        lastError: outbox.lastError,
        lastErrorCode: outbox.lastErrorCode,
        deliveredVia: outbox.deliveredVia,
        sentAt: outbox.sentAt,
        createdAt: outbox.createdAt,
        /** When a message waiting on purpose (a comment's email, for its edit window) is due; null once it is. */
        dueAt:
          sql<Date | null>`case when ${outbox.state} = 'pending' and ${outbox.nextAttemptAt} > now() then ${outbox.nextAttemptAt} end`.mapWith(
            outbox.nextAttemptAt,
          ),
        sortValue: sql<string>`${outbox.createdAt}::text`,
      })
      .from(outbox)
      .where(and(read.where, state ? eq(outbox.state, state) : undefined))
      .orderBy(...read.orderBy)
      .limit(limit + 1)
    return read.inListOrder(rows)
  })
  return { messages: page.rows, ...page.links }
}

export async function getMail({ id }: { id: number }) {
  const [row] = await db().select().from(outbox).where(eq(outbox.id, id))
  return row
}

/** Puts failed messages back in the queue (after fixing the mail server). */
export async function retryFailed({ ids }: { ids?: number[] } = {}) {
  await db()
    .update(outbox)
    .set({
      state: 'pending',
      attempts: 0,
      nextAttemptAt: sql`now()`,
      lastError: null,
      lastErrorCode: null,
    })
    .where(
      and(eq(outbox.state, 'failed'), ids ? inArray(outbox.id, ids.length ? ids : [0]) : undefined),
    )
}

/**
 * Queues a copy of the newest message of one of these kinds sent to this person in the last
 * `withinHours` ("send it again"): the same words and links, so a repeat never says more than the
 * first message did. Returns the copy's id, or null when there was nothing to repeat.
 */
export async function queueCopyOfNewest({
  userId,
  kinds,
  withinHours,
  executor = db(),
}: {
  userId: number
  kinds: readonly OutboxKind[]
  withinHours: number
  executor?: Executor
}) {
  const [newest] = await executor
    .select({
      kind: outbox.kind,
      userId: outbox.userId,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      textBody: outbox.textBody,
      htmlBody: outbox.htmlBody,
      headers: outbox.headers,
    })
    .from(outbox)
    .where(
      and(
        gt(outbox.createdAt, sql`now() - make_interval(hours => ${withinHours})`),
        eq(outbox.userId, userId),
        inArray(outbox.kind, [...kinds]),
      ),
    )
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(1)
  if (!newest || !isOutboxKind(newest.kind)) return null
  const { subject, textBody, htmlBody, headers, ...to } = newest
  const [id] = await enqueue({
    executor,
    messages: [
      {
        ...to,
        kind: newest.kind,
        subject: subject ?? undefined,
        textBody: textBody ?? undefined,
        htmlBody: htmlBody ?? undefined,
        headers: headers ?? undefined,
      },
    ],
  })
  return id ?? null
}
