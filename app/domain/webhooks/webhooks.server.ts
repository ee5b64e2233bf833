// Outgoing webhooks: events are queued in the outbox inside the event's transaction and delivered
// by the same worker as email: signed, time-limited, no redirects followed, never to private
// addresses, response bodies capped, retried with backoff, every attempt visible in the log.
import { randomBytes } from 'node:crypto'
import { lookup } from 'node:dns/promises'
import { desc, eq } from 'drizzle-orm'
import { db, type Executor } from '#app/db/db.server'
import { outbox, webhooks, type WebhookEvent } from '#app/db/schema'
import { recordAudit } from '#app/domain/audit/audit.server'
import { isPrivateAddress, signPayload } from './webhooks.rules'

export const WEBHOOK_TIMEOUT_MS = 10_000
export const RESPONSE_CAP_BYTES = 2_048

/** Queues a delivery of `event` to every active webhook that wants it (in the caller's transaction). */
export async function emitEvent({ executor = db(), event, eventId, data }: { executor?: Executor; event: WebhookEvent; eventId: string; data: Record<string, unknown> }) {
  const hooks = await executor.select().from(webhooks).where(eq(webhooks.active, true))
  const body = JSON.stringify({ id: eventId, type: event, createdAt: new Date().toISOString(), data })
  for (const hook of hooks.filter((candidate) => candidate.events.includes(event))) {
    await executor
      .insert(outbox)
      .values({ kind: 'webhook', toAddress: hook.url, subject: event, textBody: body, htmlBody: '', headers: { 'X-Ideabox-Webhook': String(hook.id) }, dedupeKey: `webhook:${hook.id}:${eventId}` })
      .onConflictDoNothing()
  }
}

/**
 * Sends one delivery. Throws (so the outbox retries) on refusal, timeout or a non-2xx answer; the
 * error names the status and the first bytes of the answer.
 */
export async function deliverWebhook({ url, body, hookId, allowPrivate = false }: { url: string; body: string; hookId: number; allowPrivate?: boolean }) {
  const [hook] = await db().select({ secret: webhooks.secret, active: webhooks.active }).from(webhooks).where(eq(webhooks.id, hookId))
  if (!hook?.active) return 'skipped'
  const target = new URL(url)
  if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new Error('Only http and https addresses are called.')
  if (!allowPrivate) {
    const addresses = await lookup(target.hostname, { all: true })
    if (addresses.length === 0 || addresses.some((address) => isPrivateAddress(address.address))) throw new Error(`Refused: ${target.hostname} resolves to a private address.`)
  }
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'Ideabox-Webhooks/1', 'X-Ideabox-Signature': signPayload(hook.secret, body) },
    body,
    // A redirect could point anywhere (also inside our network): never follow one.
    redirect: 'manual',
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  })
  const reader = response.body?.getReader()
  let received = ''
  if (reader) {
    let total = 0
    while (total < RESPONSE_CAP_BYTES) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      received += new TextDecoder().decode(value)
    }
    await reader.cancel().catch(() => {})
  }
  const excerpt = received.slice(0, RESPONSE_CAP_BYTES)
  if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status}${response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : ''}: ${excerpt.slice(0, 300)}`)
  return `HTTP ${response.status}`
}

export async function createWebhook({ actor, url, events }: { actor: { id: number; role: string }; url: string; events: WebhookEvent[] }) {
  if (actor.role !== 'admin') return { ok: false as const, error: 'forbidden' as const }
  const secret = `whsec_${randomBytes(24).toString('base64url')}`
  const [row] = await db().insert(webhooks).values({ url, events, secret }).returning({ id: webhooks.id })
  await recordAudit({ executor: db(), actorId: actor.id, action: 'webhook.create', targetType: 'setting', targetId: row!.id, after: { url, events } })
  return { ok: true as const, id: row!.id, secret }
}

export async function setWebhookActive({ actor, id, active }: { actor: { id: number; role: string }; id: number; active: boolean }) {
  if (actor.role !== 'admin') return { ok: false as const, error: 'forbidden' as const }
  await db().update(webhooks).set({ active }).where(eq(webhooks.id, id))
  await recordAudit({ executor: db(), actorId: actor.id, action: active ? 'webhook.enable' : 'webhook.disable', targetType: 'setting', targetId: id })
  return { ok: true as const }
}

export async function listWebhooks() {
  return db().select({ id: webhooks.id, url: webhooks.url, events: webhooks.events, active: webhooks.active, createdAt: webhooks.createdAt }).from(webhooks).orderBy(desc(webhooks.createdAt))
}

/** The delivery log: recent webhook deliveries with their state and answer. */
export async function listDeliveries({ limit = 50 }: { limit?: number } = {}) {
  return db()
    .select({ id: outbox.id, url: outbox.toAddress, event: outbox.subject, state: outbox.state, attempts: outbox.attempts, lastError: outbox.lastError, deliveredVia: outbox.deliveredVia, sentAt: outbox.sentAt, createdAt: outbox.createdAt })
    .from(outbox)
    .where(eq(outbox.kind, 'webhook'))
    .orderBy(desc(outbox.id))
    .limit(limit)
}
