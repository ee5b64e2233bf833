// Hostile input: webhooks as a way into our own network (SSRF). An address that is private,
// loopback or special-purpose is refused when the webhook is saved and again on every send (then
// failed for good, with a reason an admin can read), and the connection goes to the very address
// that was checked: a resolver that answers differently the second time (DNS rebinding) gets
// nowhere.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'

import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { outbox, webhooks } from '#app/db/schema'
import { createTestUser } from '#app/demo/factories.server'
import { SESSION_COOKIE_NAME, startSession } from '#app/domain/accounts/sessions.server'
import { processOutbox } from '#app/domain/mail/outbox.server'
import { mailboxTransport } from '#app/domain/mail/transport.server'
import { renderQueuedMessage } from '#app/domain/notifications/messages.server'
import { createWebhook, deliverWebhook, emitEvent } from '#app/domain/webhooks/webhooks.server'
import { action } from '#app/routes/admin.webhooks'
import { translator } from '#app/utils/i18n/i18n'
import { makeContext, makeRequest, settle } from '#tests/setup/request'
import { scriptedNetwork } from '#tests/setup/webhook-network'

type DataResult = {
  data: { fieldErrors: Record<string, string[]>; secret?: string }
  init: { status?: number } | null
}
type Hit = { server: 'receiver' | 'internal'; host: string | undefined; path: string }

const hits: Hit[] = []
// The receiver the checked answer points to, and an "internal" service on the address a second
// lookup would give: same port, another loopback address.
let receiver: Server
let internal: Server
let port = 0

function listen(name: Hit['server'], host: string, onPort: number) {
  const server = createServer((request, response) => {
    hits.push({
      server: name,
      host: (request.headers as IncomingHttpHeaders).host,
      path: request.url ?? '',
    })
    request.resume()
    request.on('end', () => response.writeHead(204).end())
  })
  return new Promise<Server>((resolve, reject) => {
    server.once('error', reject)
    server.listen(onPort, host, () => resolve(server))
  })
}

beforeAll(async () => {
  receiver = await listen('receiver', '127.0.0.2', 0)
  port = (receiver.address() as { port: number }).port
  internal = await listen('internal', '127.0.0.1', port)
})

afterAll(async () => {
  for (const server of [receiver, internal])
    await new Promise<void>((resolve) => server.close(() => resolve()))
})

beforeEach(async () => {
  hits.length = 0
  await db().delete(outbox)
  await db().delete(webhooks)
})

async function adminCookie() {
  const admin = await createTestUser({ role: 'admin', password: null })
  const { sessionId } = await startSession(admin.id)
  return { admin, cookie: `${SESSION_COOKIE_NAME}=${sessionId}` }
}

const saveWebhook = (cookie: string, url: string) =>
  settle(() =>
    action({
      request: makeRequest({
        path: '/admin/webhooks',
        method: 'POST',
        cookie,
        form: { intent: 'create', url, event: 'idea.created' },
      }),
      params: {},
      context: makeContext(),
    }),
  ) as Promise<DataResult>

describe('saving a webhook', () => {
  it.each([
    'http://127.0.0.1/hook',
    'http://127.1/hook',
    'http://2130706433/hook',
    'http://0x7f.0.0.1:8080/hook',
    'http://localhost:3000/hook',
    'http://[::1]/hook',
    'http://[::ffff:10.0.0.1]/hook',
    'http://[64:ff9b::c0a8:101]/hook',
    'http://[2002:a9fe:a9fe::1]/hook',
    'https://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/hook',
    'http://198.18.0.1/hook',
    'http://[fd12:3456::1]/hook',
    'http://[fe80::1]/hook',
    'http://0.0.0.0/hook',
    'http://255.255.255.255/hook',
  ])('refuses %s with a field error on the address', async (url) => {
    const { cookie } = await adminCookie()
    const result = await saveWebhook(cookie, url)
    expect(result.init?.status).toBe(400)
    expect(result.data.fieldErrors).toEqual({ url: ['admin.webhooks.urlPrivate'] })
    expect(await db().select().from(webhooks).where(eq(webhooks.url, url))).toEqual([])
  })

  it('says why in English and in Dutch', () => {
    const english = translator('en')('admin.webhooks.urlPrivate')
    const dutch = translator('nl')('admin.webhooks.urlPrivate')
    expect(english).toMatch(/private/)
    expect(dutch).toMatch(/privé/)
    expect(translator('nl')('admin.webhooks.urlUnresolved')).not.toBe(
      translator('en')('admin.webhooks.urlUnresolved'),
    )
  })

  it('refuses a host name when any of its addresses is private, and saves one that resolves to public addresses only', async () => {
    const { admin } = await adminCookie()
    const mixed = scriptedNetwork({ answers: [['93.184.216.34', '10.0.0.7']] })
    expect(
      await createWebhook({
        actor: admin,
        url: 'https://mixed.example.test/hook',
        events: ['idea.created'],
        network: mixed.network,
      }),
    ).toEqual({ ok: false, reason: 'address-refused' })
    const unknown = scriptedNetwork({ answers: [[]] })
    expect(
      await createWebhook({
        actor: admin,
        url: 'https://unknown.example.test/hook',
        events: ['idea.created'],
        network: unknown.network,
      }),
    ).toEqual({ ok: false, reason: 'address-unresolved' })
    const fine = scriptedNetwork({
      answers: [['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']],
    })
    expect(
      await createWebhook({
        actor: admin,
        url: 'https://fine.example.test/hook',
        events: ['idea.created'],
        network: fine.network,
      }),
    ).toMatchObject({ ok: true })
    expect(hits).toEqual([])
  })
})

describe('delivering a webhook', () => {
  it('fails a delivery whose host now resolves to a private address permanently, with a readable reason, and calls nothing', async () => {
    const { admin } = await adminCookie()
    // Public when saved; the DNS answer changed since.
    const dns = scriptedNetwork({ answers: [['93.184.216.34'], ['10.0.0.5']] })
    const hook = await createWebhook({
      actor: admin,
      url: `http://rebound.example.test:${port}/hook`,
      events: ['idea.created'],
      network: dns.network,
    })
    expect(hook.ok).toBe(true)
    await emitEvent({ event: 'idea.created', eventId: 'evt-private', data: { id: 1 } })
    expect(
      await processOutbox({
        renderMessage: renderQueuedMessage,
        transport: mailboxTransport,
        webhookNetwork: dns.network,
      }),
    ).toMatchObject({ claimed: 1, failed: 1 })
    const [row] = await db().select().from(outbox).where(eq(outbox.kind, 'webhook'))
    expect(row).toMatchObject({ state: 'failed', attempts: 1 })
    expect(row!.lastError).toBe(
      `Refused: rebound.example.test resolves to 10.0.0.5, which is not a public address (10.0.0.0/8 private use).`,
    )
    expect(row!.lastErrorCode).toBe('refused-address')
    expect(hits).toEqual([])
  })

  it('keeps retrying a host that cannot be resolved right now (that may pass)', async () => {
    const { admin } = await adminCookie()
    const dns = scriptedNetwork({ answers: [['93.184.216.34'], []] })
    await createWebhook({
      actor: admin,
      url: 'https://flaky-dns.example.test/hook',
      events: ['idea.created'],
      network: dns.network,
    })
    await emitEvent({ event: 'idea.created', eventId: 'evt-unresolved', data: { id: 2 } })
    await processOutbox({
      renderMessage: renderQueuedMessage,
      transport: mailboxTransport,
      webhookNetwork: dns.network,
    })
    const [row] = await db().select().from(outbox).where(eq(outbox.kind, 'webhook'))
    expect(row).toMatchObject({ state: 'pending', attempts: 1 })
  })

  it('connects to the address it checked, with the original Host header, never to a second answer of the resolver', async () => {
    const { admin } = await adminCookie()
    const url = `http://hooks.example.test:${port}/hook`
    // The test's receiver on 127.0.0.2 stands for a public address; 127.0.0.1 stays refused.
    const saved = scriptedNetwork({ answers: [['127.0.0.2']], allowed: ['127.0.0.2'] })
    const hook = await createWebhook({
      actor: admin,
      url,
      events: ['idea.created'],
      network: saved.network,
    })
    if (!hook.ok) throw new Error(`not saved: ${hook.reason}`)
    for (let round = 0; round < 3; round++) {
      const rebinding = scriptedNetwork({
        answers: [['127.0.0.2'], ['127.0.0.1']],
        allowed: ['127.0.0.2'],
      })
      expect(
        await deliverWebhook({ url, body: '{}', hookId: hook.id, network: rebinding.network }),
      ).toBe('HTTP 204')
      expect(rebinding.asked).toEqual(['hooks.example.test'])
    }
    expect(hits).toEqual(
      Array.from({ length: 3 }, () => ({
        server: 'receiver',
        host: `hooks.example.test:${port}`,
        path: '/hook',
      })),
    )
  })

  it('refuses when any address of the one answer is private, even if the first is fine', async () => {
    const { admin } = await adminCookie()
    const url = `http://split.example.test:${port}/hook`
    const saved = scriptedNetwork({ answers: [['127.0.0.2']], allowed: ['127.0.0.2'] })
    const hook = await createWebhook({
      actor: admin,
      url,
      events: ['idea.created'],
      network: saved.network,
    })
    if (!hook.ok) throw new Error('not saved')
    const split = scriptedNetwork({ answers: [['127.0.0.2', '127.0.0.1']], allowed: ['127.0.0.2'] })
    await expect(
      deliverWebhook({ url, body: '{}', hookId: hook.id, network: split.network }),
    ).rejects.toThrow(
      /resolves to 127\.0\.0\.1, which is not a public address \(127\.0\.0\.0\/8 loopback\)/,
    )
    expect(hits).toEqual([])
  })
})
