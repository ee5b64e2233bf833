// Webhooks against a real HTTP server in this process: signed deliveries, retries on 500, no
// redirects followed, and private addresses refused.
import { createServer, type Server } from 'node:http'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '#app/db/db.server'
import { outbox, statuses } from '#app/db/schema'
import { changeStatus } from '#app/domain/ideas/responses.server'
import { processOutbox } from '#app/domain/mail/outbox.server'
import { mailboxTransport } from '#app/domain/mail/transport.server'
import { createTestIdea, createTestUser } from '#tests/factories'
import { loopbackReceiverNetwork } from '#tests/setup/webhook-network'
import { isPrivateAddress, verifySignature } from './webhooks.rules'
import { createWebhook, deliverWebhook } from './webhooks.server'

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
      hits.push({ path: request.url ?? '', body, signature: String(request.headers['x-ideabox-signature'] ?? '') })
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

const run = () => processOutbox({ transport: mailboxTransport, webhookNetwork: loopbackReceiverNetwork })

describe('webhooks', () => {
  it('deliver signed events that the receiver can verify', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    const hook = await createWebhook({ actor: admin, url: `${base}/hooks/ideas`, events: ['idea.created', 'idea.status_changed'], network: loopbackReceiverNetwork })
    if (!hook.ok) throw new Error('no hook')
    const idea = await createTestIdea({ title: 'Hooked on lattes' })
    const [planned] = await db().select({ id: statuses.id }).from(statuses).where(eq(statuses.slug, 'planned'))
    await changeStatus({ actor: admin, ideaIds: [idea.id], statusId: planned!.id, response: 'Yes' })
    await run()
    const events = hits.map((hit) => JSON.parse(hit.body) as { type: string; data: { id: number } }).filter((event) => event.data.id === idea.id)
    expect(events.map((event) => event.type).sort()).toEqual(['idea.created', 'idea.status_changed'])
    for (const hit of hits) expect(verifySignature(hook.secret, hit.body, hit.signature)).toBe(true)
    expect(verifySignature(hook.secret, `${hits[0]!.body} `, hits[0]!.signature)).toBe(false)
    expect(verifySignature('whsec_wrong', hits[0]!.body, hits[0]!.signature)).toBe(false)
  })

  it('retry on a 500 and record the answer, capped', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    await createWebhook({ actor: admin, url: `${base}/hooks/flaky`, events: ['idea.created'], network: loopbackReceiverNetwork })
    answer = { status: 500 }
    const idea = await createTestIdea()
    await run()
    const [pending] = (await db().select().from(outbox).where(eq(outbox.kind, 'webhook'))).filter((candidate) => candidate.textBody?.includes(`"id":${idea.id}`))
    expect(pending).toMatchObject({ state: 'pending', attempts: 1 })
    expect(pending!.lastError).toMatch(/^HTTP 500: x+$/)
    expect(pending!.lastError!.length).toBeLessThan(400)
    answer = { status: 204 }
    await db().update(outbox).set({ nextAttemptAt: sql`now()` }).where(eq(outbox.id, pending!.id))
    await run()
    const [done] = await db().select().from(outbox).where(eq(outbox.id, pending!.id))
    expect(done).toMatchObject({ state: 'sent', attempts: 2, deliveredVia: 'HTTP 204' })
  })

  it('never follow redirects, and refuse private addresses outside tests', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    const hook = await createWebhook({ actor: admin, url: `${base}/hooks/moved`, events: ['idea.created'], network: loopbackReceiverNetwork })
    if (!hook.ok) throw new Error('no hook')
    answer = { status: 302, location: `${base}/internal/secrets` }
    await expect(deliverWebhook({ url: `${base}/hooks/moved`, body: '{}', hookId: hook.id, network: loopbackReceiverNetwork })).rejects.toThrow(/HTTP 302 \(redirects are not followed\)/)
    expect(hits.map((hit) => hit.path)).toEqual(['/hooks/moved'])
    await expect(deliverWebhook({ url: `${base}/hooks/moved`, body: '{}', hookId: hook.id })).rejects.toThrow(/not a public address/)
    await expect(deliverWebhook({ url: 'http://localhost:9/x', body: '{}', hookId: hook.id })).rejects.toThrow(/not a public address/)
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:10.0.0.1']) {
      expect(isPrivateAddress(address), address).toBe(true)
    }
    expect(isPrivateAddress('93.184.216.34')).toBe(false)
  })
})
