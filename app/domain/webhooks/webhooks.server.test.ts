// Webhooks against a real HTTP server in this process: signed deliveries, retries on 500, no
// redirects followed, and private addresses refused; deleting a webhook, and sending it a test.
import { createServer, request, type Server } from 'node:http'

import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { auditLog, outbox, statuses, webhooks } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { listAudit } from '#app/domain/audit/audit.server'
import { changeStatus } from '#app/domain/ideas/responses.server'
import { processOutbox } from '#app/domain/mail/outbox.server'
import { mailboxTransport } from '#app/domain/mail/transport.server'
import { renderQueuedMessage } from '#app/domain/notifications/messages.server'
import { supportedLocales } from '#app/utils/i18n/i18n'
import { loopbackReceiverNetwork, scriptedNetwork } from '#tests/setup/webhook-network'

import { requestFailureCode, type WebhookFailureCode } from './failures.rules'
import { isPrivateAddress, verifySignature } from './webhooks.rules'
import {
  createWebhook,
  deleteWebhook,
  deliverWebhook,
  emitEvent,
  listDeliveries,
  publicInternet,
  sendTestDelivery,
  setWebhookActive,
} from './webhooks.server'

type Hit = { path: string; body: string; signature: string }
const hits: Hit[] = []
let answer: { status: number; location?: string } = { status: 200 }
let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      hits.push({
        path: request.url ?? '',
        body,
        signature: String(request.headers['x-ideabox-signature'] ?? ''),
      })
      response.writeHead(answer.status, answer.location ? { Location: answer.location } : {})
      response.end('x'.repeat(10_000))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

beforeEach(async () => {
  hits.length = 0
  answer = { status: 200 }
  await db().delete(outbox)
})

const run = () =>
  processOutbox({
    renderMessage: renderQueuedMessage,
    transport: mailboxTransport,
    webhookNetwork: loopbackReceiverNetwork,
  })

describe('webhooks', () => {
  it('deliver signed events that the receiver can verify', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    const hook = await createWebhook({
      actor: admin,
      url: `${base}/hooks/ideas`,
      events: ['idea.created', 'idea.status_changed'],
      network: loopbackReceiverNetwork,
    })
    if (!hook.ok) throw new Error('no hook')
    const idea = await createTestIdea({ title: 'Hooked on lattes' })
    const [planned] = await db()
      .select({ id: statuses.id })
      .from(statuses)
      .where(eq(statuses.slug, 'planned'))
    await changeStatus({ actor: admin, ideaIds: [idea.id], statusId: planned!.id, response: 'Yes' })
    await run()
    const events = hits
      .map((hit) => JSON.parse(hit.body) as { type: string; data: { id: number } })
      .filter((event) => event.data.id === idea.id)
    expect(events.map((event) => event.type).sort()).toEqual([
      'idea.created',
      'idea.status_changed',
    ])
    for (const hit of hits) expect(verifySignature(hook.secret, hit.body, hit.signature)).toBe(true)
    expect(verifySignature(hook.secret, `${hits[0]!.body} `, hits[0]!.signature)).toBe(false)
    expect(verifySignature('whsec_wrong', hits[0]!.body, hits[0]!.signature)).toBe(false)
  })

  it('retry on a 500 and record the answer, capped', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    await createWebhook({
      actor: admin,
      url: `${base}/hooks/flaky`,
      events: ['idea.created'],
      network: loopbackReceiverNetwork,
    })
    answer = { status: 500 }
    const idea = await createTestIdea()
    await run()
    const [pending] = (await db().select().from(outbox).where(eq(outbox.kind, 'webhook'))).filter(
      (candidate) => candidate.textBody?.includes(`"id":${idea.id}`),
    )
    expect(pending).toMatchObject({ state: 'pending', attempts: 1 })
    expect(pending!.lastError).toMatch(/^HTTP 500: x+$/)
    expect(pending!.lastError!.length).toBeLessThan(400)
    expect(pending!.lastErrorCode).toBe('http-status')
    answer = { status: 204 }
    await db()
      .update(outbox)
      .set({ nextAttemptAt: sql`now()` })
      .where(eq(outbox.id, pending!.id))
    await run()
    const [done] = await db().select().from(outbox).where(eq(outbox.id, pending!.id))
    expect(done).toMatchObject({
      state: 'sent',
      attempts: 2,
      deliveredVia: 'HTTP 204',
      lastError: null,
      lastErrorCode: null,
    })
  })

  it('never follow redirects, and refuse private addresses outside tests', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    const hook = await createWebhook({
      actor: admin,
      url: `${base}/hooks/moved`,
      events: ['idea.created'],
      network: loopbackReceiverNetwork,
    })
    if (!hook.ok) throw new Error('no hook')
    answer = { status: 302, location: `${base}/internal/secrets` }
    await expect(
      deliverWebhook({
        url: `${base}/hooks/moved`,
        body: '{}',
        hookId: hook.id,
        network: loopbackReceiverNetwork,
      }),
    ).rejects.toThrow(/HTTP 302 \(redirects are not followed\)/)
    expect(hits.map((hit) => hit.path)).toEqual(['/hooks/moved'])
    await expect(
      deliverWebhook({ url: `${base}/hooks/moved`, body: '{}', hookId: hook.id }),
    ).rejects.toThrow(/not a public address/)
    await expect(
      deliverWebhook({ url: 'http://localhost:9/x', body: '{}', hookId: hook.id }),
    ).rejects.toThrow(/not a public address/)
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      '::ffff:10.0.0.1',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true)
    }
    expect(isPrivateAddress('93.184.216.34')).toBe(false)
  })

  it('name each kind of failure with a code stored beside the text', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    const hook = await createWebhook({
      actor: admin,
      url: `${base}/hooks/codes`,
      events: ['idea.created'],
      network: loopbackReceiverNetwork,
    })
    if (!hook.ok) throw new Error('no hook')
    // A port nobody listens on: take one, then close it.
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()))
    const closedPort = (closed.address() as { port: number }).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const failureOf = (url: string, network = loopbackReceiverNetwork) =>
      deliverWebhook({ url, body: '{}', hookId: hook.id, network }).then(
        () => null,
        (error: { code?: string; permanent?: boolean }) => ({
          code: error.code,
          permanent: error.permanent,
        }),
      )
    answer = { status: 503 }
    expect(await failureOf(`${base}/hooks/codes`)).toEqual({
      code: 'http-status',
      permanent: false,
    })
    answer = { status: 301, location: '/elsewhere' }
    expect(await failureOf(`${base}/hooks/codes`)).toEqual({ code: 'redirect', permanent: false })
    expect(await failureOf(`https://${base.slice('http://'.length)}/hooks/codes`)).toEqual({
      code: 'tls',
      permanent: false,
    })
    expect(await failureOf(`http://127.0.0.1:${closedPort}/hooks/codes`)).toEqual({
      code: 'connection-failed',
      permanent: false,
    })
    expect(await failureOf(`${base}/hooks/codes`, publicInternet)).toEqual({
      code: 'refused-address',
      permanent: true,
    })
    expect(
      await failureOf(
        'http://nowhere.example.test/hooks',
        scriptedNetwork({ answers: [[]] }).network,
      ),
    ).toEqual({ code: 'unresolved-host', permanent: false })
    expect(await failureOf('ftp://example.com/hooks')).toEqual({
      code: 'unsupported-address',
      permanent: true,
    })

    // A request ended by its time limit (the abort signal) is a timeout.
    const aborted = await new Promise<unknown>((resolve) => {
      request(`${base}/hooks/codes`, {
        method: 'POST',
        signal: AbortSignal.abort(new DOMException('timed out', 'TimeoutError')),
      })
        .on('error', resolve)
        .end()
    })
    expect(requestFailureCode(aborted)).toBe('timeout' satisfies WebhookFailureCode)

    // The worker stores the code with the text, and the delivery log reads both.
    await createTestIdea()
    answer = { status: 500 }
    await run()
    const [logged] = await listDeliveries({ limit: 1 })
    expect(logged).toMatchObject({ state: 'pending', lastErrorCode: 'http-status' })
    expect(logged!.lastError).toMatch(/^HTTP 500: /)
  })
})

describe('a saved webhook', () => {
  const hookAt = async (path: string, events: ['idea.created'] | ['update.published']) => {
    const admin = await createTestUser({ role: 'admin', password: null })
    const hook = await createWebhook({
      actor: admin,
      url: `${base}${path}`,
      events,
      network: loopbackReceiverNetwork,
    })
    if (!hook.ok) throw new Error('no hook')
    return { admin, hook }
  }
  const deliveriesTo = (hookId: number) =>
    db()
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.kind, 'webhook'),
          sql`${outbox.headers}->>'X-Ideabox-Webhook' = ${String(hookId)}`,
        ),
      )
  const hitsOn = (path: string) => hits.filter((hit) => hit.path === path)

  it('is deleted with its waiting deliveries, an audit row, and its sent ones kept in the log', async () => {
    const { admin, hook } = await hookAt('/hooks/deleted', ['idea.created'])
    await emitEvent({ event: 'idea.created', eventId: 'evt-sent', data: { id: 1 } })
    await run()
    answer = { status: 500 }
    await emitEvent({ event: 'idea.created', eventId: 'evt-retrying', data: { id: 2 } })
    await run()
    await emitEvent({ event: 'idea.created', eventId: 'evt-waiting', data: { id: 3 } })
    expect(hitsOn('/hooks/deleted')).toHaveLength(2)
    expect((await deliveriesTo(hook.id)).map((row) => [row.state, row.attempts]).sort()).toEqual([
      ['pending', 0],
      ['pending', 1],
      ['sent', 1],
    ])

    const member = await createTestUser({ password: null })
    expect(await deleteWebhook({ actor: member, id: hook.id })).toEqual({
      ok: false,
      reason: 'forbidden',
    })
    expect(await deleteWebhook({ actor: admin, id: hook.id })).toEqual({ ok: true })
    expect(await db().select().from(webhooks).where(eq(webhooks.id, hook.id))).toEqual([])
    expect((await deliveriesTo(hook.id)).map((row) => row.state)).toEqual(['sent'])
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'webhook.delete'), eq(auditLog.targetId, hook.id)))
    expect(audit).toMatchObject({
      actorId: admin.id,
      targetType: 'setting',
      before: { url: `${base}/hooks/deleted`, events: ['idea.created'] },
    })

    // Nothing is attempted any more, however long the worker runs.
    answer = { status: 200 }
    await db()
      .update(outbox)
      .set({ nextAttemptAt: sql`now()` })
      .where(eq(outbox.state, 'pending'))
    await run()
    expect(hitsOn('/hooks/deleted')).toHaveLength(2)
    expect(await deleteWebhook({ actor: admin, id: hook.id })).toEqual({
      ok: false,
      reason: 'notFound',
    })
  })

  it('is sent one signed ping on request, whatever events it wants, shown in the log', async () => {
    const { admin, hook } = await hookAt('/hooks/ping', ['update.published'])
    const sent = await sendTestDelivery({ actor: admin, id: hook.id })
    if (!sent.ok) throw new Error(`refused: ${sent.reason}`)
    const queued = await deliveriesTo(hook.id)
    expect(queued).toHaveLength(1)
    expect(queued[0]).toMatchObject({
      id: sent.deliveryId,
      subject: 'ping',
      toAddress: `${base}/hooks/ping`,
      state: 'pending',
    })
    await run()
    const [hit] = hitsOn('/hooks/ping')
    expect(hitsOn('/hooks/ping')).toHaveLength(1)
    expect(verifySignature(hook.secret, hit!.body, hit!.signature)).toBe(true)
    const body = JSON.parse(hit!.body) as { type: string; createdAt: string; data: unknown }
    expect(body).toMatchObject({ type: 'ping', data: { webhookId: hook.id } })
    expect(Number.isNaN(Date.parse(body.createdAt))).toBe(false)
    const [logged] = await listDeliveries({ limit: 1 })
    expect(logged).toMatchObject({ id: sent.deliveryId, event: 'ping', state: 'sent' })
    // A second test is a second delivery, not a repeat of the first.
    const again = await sendTestDelivery({ actor: admin, id: hook.id })
    expect(again).toEqual({ ok: true, deliveryId: expect.any(Number) as number })
    expect(again.ok && again.deliveryId).not.toBe(sent.deliveryId)
    // Each test is a staff action in the audit log, naming the address it went to.
    expect(await testAudits(hook.id)).toEqual([
      {
        actorId: admin.id,
        targetType: 'setting',
        before: { url: `${base}/hooks/ping` },
        after: { url: `${base}/hooks/ping` },
      },
      {
        actorId: admin.id,
        targetType: 'setting',
        before: { url: `${base}/hooks/ping` },
        after: { url: `${base}/hooks/ping` },
      },
    ])
  })

  it('is paused and resumed with an audit row that names it, in English and Dutch', async () => {
    const { admin, hook } = await hookAt('/hooks/paused', ['idea.created'])
    const url = `${base}/hooks/paused`
    expect(await setWebhookActive({ actor: admin, id: hook.id, active: false })).toEqual({
      ok: true,
    })
    expect(await setWebhookActive({ actor: admin, id: hook.id, active: true })).toEqual({
      ok: true,
    })
    for (const locale of supportedLocales) {
      const { entries } = await listAudit({
        filters: { actorId: admin.id, targetType: 'setting', targetId: hook.id },
        locale,
        timeZone: 'UTC',
      })
      const sentences = new Map(entries.map((entry) => [entry.action, entry.sentence]))
      for (const action of ['webhook.disable', 'webhook.enable'])
        expect(sentences.get(action), `${action} in ${locale}`).toContain(url)
    }
  })

  it('is sent no ping when paused or gone, nor by anyone but an admin', async () => {
    const { admin, hook } = await hookAt('/hooks/quiet', ['idea.created'])
    const member = await createTestUser({ password: null })
    expect(await sendTestDelivery({ actor: member, id: hook.id })).toEqual({
      ok: false,
      reason: 'forbidden',
    })
    await setWebhookActive({ actor: admin, id: hook.id, active: false })
    expect(await sendTestDelivery({ actor: admin, id: hook.id })).toEqual({
      ok: false,
      reason: 'paused',
    })
    await deleteWebhook({ actor: admin, id: hook.id })
    expect(await sendTestDelivery({ actor: admin, id: hook.id })).toEqual({
      ok: false,
      reason: 'notFound',
    })
    expect(await deliveriesTo(hook.id)).toEqual([])
    expect(await testAudits(hook.id)).toEqual([])
  })
})

/** The audit rows of the tests sent to a webhook, oldest first. */
const testAudits = (hookId: number) =>
  db()
    .select({
      actorId: auditLog.actorId,
      targetType: auditLog.targetType,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'webhook.test'), eq(auditLog.targetId, hookId)))
    .orderBy(auditLog.id)
