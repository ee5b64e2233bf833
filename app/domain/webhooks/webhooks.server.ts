// Outgoing webhooks: events are queued in the outbox inside the event's transaction and delivered
// by the same worker as email: signed, time-limited, no redirects followed, never to private or
// special-purpose addresses (checked when saved and on every send, and the connection goes to the
// address that was checked), response bodies capped, retried with backoff, every attempt visible in
// the log. Admins can send a webhook a test (`ping`) the same way, and delete it.
import { randomBytes, randomUUID } from 'node:crypto'
import { lookup } from 'node:dns/promises'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'

import { and, desc, eq, type SQL, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { outbox, type WebhookEvent, webhooks } from '#app/db/schema'
import { recordAudit } from '#app/domain/audit/audit.server'
import { enqueue, enqueueStatement, type OutboxSelection } from '#app/domain/outbox/enqueue.server'

import { requestFailureCode, webhookFailure, type WebhookFailureCode } from './failures.rules'
import { refusedAddressReason, signPayload } from './webhooks.rules'

const WEBHOOK_TIMEOUT_MS = 10_000
const RESPONSE_CAP_BYTES = 2_048

/** Queues a delivery of `event` to every active webhook that wants it (in the caller's transaction). */
export async function emitEvent({
  executor = db(),
  event,
  eventId,
  data,
}: {
  executor?: Executor
  event: WebhookEvent
  eventId: string
  data: Record<string, unknown>
}) {
  await executor.execute(queueEventsSql({ event, events: [{ eventId, data }] }))
}

/** One occurrence of an event: its id (one delivery per hook and id) and what it says. */
export type QueuedEvent = {
  eventId: string
  data: Record<string, unknown>
  /** What the event is about (an idea's id), for `onlyIf` to read as `queued_event.subject_id`. */
  subjectId?: number
}

/**
 * The statement (or, with `onlyIf`, a data-modifying CTE's body) that queues each of `events` for
 * every active webhook that wants it, set-based: a command that files several rows in one statement
 * (posting ideas) embeds it, guarded by `onlyIf` (e.g. "this event's idea was inserted"). The events
 * are one parameter, so the statement's text is the same however many there are.
 */
export function queueEventsSql({
  event,
  events,
  onlyIf,
}: {
  event: WebhookEvent
  events: QueuedEvent[]
  onlyIf?: SQL
}) {
  return enqueueStatement(
    webhookDeliveries({
      type: event,
      events,
      hooks: sql`h.events @> jsonb_build_array(${event}::text) ${onlyIf ? sql`and ${onlyIf}` : sql``}`,
    }),
  )
}

/**
 * One outbox row per event and active webhook chosen by `hooks` (a condition on `h`, the webhook):
 * the body every receiver gets, `{ id, type, createdAt, data }`, and one delivery per hook and event id.
 */
function webhookDeliveries({
  type,
  events,
  hooks,
}: {
  type: WebhookEvent | 'ping'
  events: QueuedEvent[]
  hooks: SQL
}): OutboxSelection {
  const createdAt = new Date().toISOString()
  const rows = events.map(({ eventId, data, subjectId }) => ({
    event_id: eventId,
    subject_id: subjectId ?? null,
    body: JSON.stringify({ id: eventId, type, createdAt, data }),
  }))
  return {
    kind: 'webhook',
    columns: ['to_address', 'subject', 'text_body', 'html_body', 'headers', 'dedupe_key'],
    select: sql`select h.url, ${type}::text, queued_event.body, '', jsonb_build_object('X-Ideabox-Webhook', h.id::text), 'webhook:' || h.id || ':' || queued_event.event_id
      from json_to_recordset(${JSON.stringify(rows)}::json) as queued_event(event_id text, subject_id int, body text)
      cross join ${webhooks} h
      where h.active and ${hooks}`,
  }
}

/** One answer of the resolver. */
export type ResolvedAddress = { address: string; family: number }

/**
 * How webhook host names become addresses, and which addresses may be called. Production uses
 * `publicInternet`; a test that needs a receiver on loopback, or a resolver it controls, passes
 * its own explicitly (there is no setting or environment variable for it).
 */
export type WebhookNetwork = {
  resolve: (hostname: string) => Promise<ResolvedAddress[]>
  /** Why this address may not be called, or null when it may. */
  refusal: (address: string) => string | null
}

export const publicInternet: WebhookNetwork = {
  resolve: (hostname) => lookup(hostname, { all: true, verbatim: true }),
  refusal: refusedAddressReason,
}

type CheckedTarget =
  | { ok: true; target: URL; address: ResolvedAddress }
  | { ok: false; reason: 'unsupported' | 'refused' | 'unresolved'; message: string }

/**
 * Resolves the webhook's host once and checks every address it resolves to: the caller connects
 * to the returned address, never to a second answer of the resolver (DNS rebinding).
 */
async function checkWebhookTarget({
  url,
  network = publicInternet,
}: {
  url: string
  network?: WebhookNetwork
}): Promise<CheckedTarget> {
  const target = URL.canParse(url) ? new URL(url) : null
  if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:'))
    return {
      ok: false,
      reason: 'unsupported',
      message: 'Only http and https addresses are called.',
    }
  const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1')
  let addresses: ResolvedAddress[]
  try {
    addresses = isIP(hostname)
      ? [{ address: hostname, family: isIP(hostname) }]
      : await network.resolve(hostname)
  } catch (error) {
    return {
      ok: false,
      reason: 'unresolved',
      message: `${hostname} could not be resolved (${(error as { code?: string }).code ?? 'no answer'}).`,
    }
  }
  if (addresses.length === 0)
    return {
      ok: false,
      reason: 'unresolved',
      message: `${hostname} could not be resolved (no addresses).`,
    }
  for (const { address } of addresses) {
    const refusal = network.refusal(address)
    if (refusal)
      return {
        ok: false,
        reason: 'refused',
        message: `Refused: ${hostname} resolves to ${address}, which is not a public address (${refusal}).`,
      }
  }
  return { ok: true, target, address: addresses[0]! }
}

/** A lookup that answers the already checked address, whatever the name (Node asks for one or for all). */
function pinnedLookup({ address, family }: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all)
      (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, [
        { address, family },
      ])
    else callback(null, address, family)
  }
}

/** POSTs `body` to `target` over a connection to `address` only; the answer's status and first bytes. */
function postPinned({
  target,
  address,
  headers,
  body,
}: {
  target: URL
  address: ResolvedAddress
  headers: Record<string, string>
  body: string
}) {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest
  const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1')
  return new Promise<{ status: number; excerpt: string }>((resolve, reject) => {
    const request = send(
      {
        method: 'POST',
        hostname,
        port: target.port || undefined,
        path: `${target.pathname}${target.search}`,
        headers: {
          ...headers,
          Host: target.host,
          'Content-Length': String(Buffer.byteLength(body)),
        },
        lookup: pinnedLookup(address),
        // SNI and the certificate check use the name, while the socket goes to the checked address.
        ...(isIP(hostname) ? {} : { servername: hostname }),
        agent: false,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      },
      (response) => {
        const chunks: Buffer[] = []
        let total = 0
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk)
          total += chunk.byteLength
          if (total >= RESPONSE_CAP_BYTES) response.destroy()
        })
        const finish = () =>
          resolve({
            status: response.statusCode ?? 0,
            excerpt: Buffer.concat(chunks).subarray(0, RESPONSE_CAP_BYTES).toString('utf8'),
          })
        response.on('end', finish)
        response.on('close', finish)
        response.on('error', () => finish())
      },
    )
    request.on('error', (error) => reject(webhookFailure(requestFailureCode(error), error.message)))
    request.end(body)
  })
}

const targetFailureCodes = {
  unsupported: 'unsupported-address',
  refused: 'refused-address',
  unresolved: 'unresolved-host',
} as const satisfies Record<string, WebhookFailureCode>

/**
 * Sends one delivery. Throws on a timeout or a non-2xx answer, so the outbox retries; an address
 * that may not be called throws a permanent failure, which is not retried. Redirects are never
 * followed. The error carries a failure code (failures.rules) and names the status and the first
 * bytes of the answer.
 */
export async function deliverWebhook({
  url,
  body,
  hookId,
  network = publicInternet,
}: {
  url: string
  body: string
  hookId: number
  network?: WebhookNetwork
}) {
  const [hook] = await db()
    .select({ secret: webhooks.secret, active: webhooks.active })
    .from(webhooks)
    .where(eq(webhooks.id, hookId))
  if (!hook?.active) return 'skipped'
  const checked = await checkWebhookTarget({ url, network })
  if (!checked.ok)
    throw webhookFailure(targetFailureCodes[checked.reason], checked.message, {
      permanent: checked.reason !== 'unresolved',
    })
  const { status, excerpt } = await postPinned({
    target: checked.target,
    address: checked.address,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Ideabox-Webhooks/1',
      'X-Ideabox-Signature': signPayload(hook.secret, body),
    },
    body,
  })
  // A redirect could point anywhere (also inside our network): never follow one.
  if (status < 200 || status >= 300) {
    const redirect = status >= 300 && status < 400
    throw webhookFailure(
      redirect ? 'redirect' : 'http-status',
      `HTTP ${status}${redirect ? ' (redirects are not followed)' : ''}: ${excerpt.slice(0, 300)}`,
    )
  }
  return `HTTP ${status}`
}

export type CreateWebhookResult =
  | { ok: true; id: number; secret: string }
  | { ok: false; reason: 'forbidden' | 'address-refused' | 'address-unresolved' }

/** Saves a webhook; its address must be http(s) and resolve to public addresses only. */
export async function createWebhook({
  actor,
  url,
  events,
  network = publicInternet,
}: {
  actor: { id: number; role: string }
  url: string
  events: WebhookEvent[]
  network?: WebhookNetwork
}): Promise<CreateWebhookResult> {
  if (actor.role !== 'admin') return { ok: false, reason: 'forbidden' }
  const checked = await checkWebhookTarget({ url, network })
  if (!checked.ok)
    return {
      ok: false,
      reason: checked.reason === 'unresolved' ? 'address-unresolved' : 'address-refused',
    }
  const secret = `whsec_${randomBytes(24).toString('base64url')}`
  const id = await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(webhooks)
      .values({ url, events, secret })
      .returning({ id: webhooks.id })
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'webhook.create',
      targetType: 'setting',
      targetId: row!.id,
      after: { url, events },
    })
    return row!.id
  })
  return { ok: true, id, secret }
}

export type SetWebhookActiveResult = { ok: true } | { ok: false; reason: 'forbidden' | 'notFound' }

/** Pauses or resumes a webhook; the audit row names it by its address, as its other entries do. */
export async function setWebhookActive({
  actor,
  id,
  active,
}: {
  actor: { id: number; role: string }
  id: number
  active: boolean
}): Promise<SetWebhookActiveResult> {
  if (actor.role !== 'admin') return { ok: false, reason: 'forbidden' }
  return db().transaction(async (tx) => {
    const [hook] = await tx
      .update(webhooks)
      .set({ active })
      .where(eq(webhooks.id, id))
      .returning({ url: webhooks.url })
    if (!hook) return { ok: false as const, reason: 'notFound' as const }
    await recordAudit({
      tx,
      actorId: actor.id,
      action: active ? 'webhook.enable' : 'webhook.disable',
      targetType: 'setting',
      targetId: id,
      before: { url: hook.url },
      after: { url: hook.url },
    })
    return { ok: true as const }
  })
}

export type DeleteWebhookResult = { ok: true } | { ok: false; reason: 'forbidden' | 'notFound' }

/**
 * Deletes a webhook. Its deliveries still waiting in the outbox (never tried, or waiting for a retry)
 * go with it, in the same transaction as its audit row; one being sent at that moment finds no hook
 * and is closed as skipped (`deliverWebhook`). What was sent or failed stays in the delivery log.
 */
export async function deleteWebhook({
  actor,
  id,
}: {
  actor: { id: number; role: string }
  id: number
}): Promise<DeleteWebhookResult> {
  if (actor.role !== 'admin') return { ok: false, reason: 'forbidden' }
  return db().transaction(async (tx) => {
    const [deleted] = await tx
      .delete(webhooks)
      .where(eq(webhooks.id, id))
      .returning({ url: webhooks.url, events: webhooks.events })
    if (!deleted) return { ok: false as const, reason: 'notFound' as const }
    await tx
      .delete(outbox)
      .where(
        and(
          eq(outbox.kind, 'webhook'),
          eq(outbox.state, 'pending'),
          sql`${outbox.headers}->>'X-Ideabox-Webhook' = ${String(id)}`,
        ),
      )
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'webhook.delete',
      targetType: 'setting',
      targetId: id,
      before: deleted,
    })
    return { ok: true as const }
  })
}

export type TestDeliveryResult =
  { ok: true; deliveryId: number } | { ok: false; reason: 'forbidden' | 'notFound' | 'paused' }

/**
 * Queues one `ping` to a webhook, whatever events it wants, through the same outbox and worker as
 * every event: the admin sees it in the delivery log, and the receiver can check its signature. A
 * paused webhook is sent nothing (the worker would skip it), so it is refused. The audit row (naming
 * the address) is written in the transaction that queues the delivery.
 */
export async function sendTestDelivery({
  actor,
  id,
}: {
  actor: { id: number; role: string }
  id: number
}): Promise<TestDeliveryResult> {
  if (actor.role !== 'admin') return { ok: false, reason: 'forbidden' }
  return db().transaction(async (tx) => {
    const [deliveryId] = await enqueue({
      executor: tx,
      messages: webhookDeliveries({
        type: 'ping',
        events: [{ eventId: `ping-${randomUUID()}`, data: { webhookId: id } }],
        hooks: sql`h.id = ${id}`,
      }),
    })
    const [hook] = await tx.select({ url: webhooks.url }).from(webhooks).where(eq(webhooks.id, id))
    if (deliveryId === undefined || !hook)
      return { ok: false as const, reason: hook ? ('paused' as const) : ('notFound' as const) }
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'webhook.test',
      targetType: 'setting',
      targetId: id,
      before: { url: hook.url },
      after: { url: hook.url },
    })
    return { ok: true as const, deliveryId }
  })
}

export async function listWebhooks() {
  return db()
    .select({
      id: webhooks.id,
      url: webhooks.url,
      events: webhooks.events,
      active: webhooks.active,
      createdAt: webhooks.createdAt,
    })
    .from(webhooks)
    .orderBy(desc(webhooks.createdAt))
}

/** The delivery log: recent webhook deliveries with their state and answer. */
export async function listDeliveries({ limit = 50 }: { limit?: number } = {}) {
  return db()
    .select({
      id: outbox.id,
      url: outbox.toAddress,
      event: outbox.subject,
      state: outbox.state,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      lastErrorCode: outbox.lastErrorCode,
      deliveredVia: outbox.deliveredVia,
      sentAt: outbox.sentAt,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(eq(outbox.kind, 'webhook'))
    .orderBy(desc(outbox.id))
    .limit(limit)
}
