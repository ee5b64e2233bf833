// The intake API called the way a helpdesk would: tokens and scopes, bad input, limits, and the
// OpenAPI description checked by a real validator.
import SwaggerParser from '@apidevtools/swagger-parser'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { users } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { createApiToken, revokeApiToken } from '#app/domain/api/api.server'
import { openApiDocument } from '#app/domain/api/openapi'
import { action as ideasAction, loader as ideasLoader } from '#app/routes/api.v1.ideas'
import { loader as ideaLoader } from '#app/routes/api.v1.ideas.$ideaId'
import { action as supportAction } from '#app/routes/api.v1.ideas.$ideaId.supporters'
import { makeContext, settle } from '#tests/setup/request'

async function token(scopes: Parameters<typeof createApiToken>[0]['scopes']) {
  const admin = await createTestUser({ role: 'admin', password: null })
  const created = await createApiToken({ actor: admin, name: 'Helpdesk', scopes })
  if (!created.ok) throw new Error('no token')
  return { ...created, admin }
}

function request(
  path: string,
  {
    token: bearer,
    method = 'GET',
    body,
    raw,
    headers = {},
  }: {
    token?: string
    method?: string
    body?: unknown
    raw?: string
    headers?: Record<string, string>
  } = {},
) {
  const text = raw ?? (body === undefined ? undefined : JSON.stringify(body))
  return new Request(`http://localhost${path}`, {
    method,
    headers: {
      ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
      ...(text !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: text,
  })
}

async function call(
  handler: (args: never) => Promise<unknown>,
  req: Request,
  params: Record<string, string> = {},
) {
  const result = (await settle(() =>
    handler({ request: req, params, context: makeContext() } as never),
  )) as Response
  expect(result).toBeInstanceOf(Response)
  return {
    status: result.status,
    body: (await result.json()) as Record<string, unknown>,
    headers: result.headers,
  }
}

const newIdea = (email: string) => ({
  customer: { email, name: 'Hedda Helpdesk' },
  channel: 'email',
  externalRef: 'ZD-4411',
  kind: 'product',
  categoryId: 1,
  title: 'Bigger lids for the venti cups',
  description: 'From a support ticket.',
})

describe('intake API', () => {
  it('files an idea for a customer with the ideas:write scope and reads it back with ideas:read', async () => {
    const writer = await token(['ideas:write', 'ideas:read'])
    const created = await call(
      ideasAction,
      request('/api/v1/ideas', {
        token: writer.token,
        method: 'POST',
        body: newIdea(`ticket-${Date.now()}@example.test`),
      }),
    )
    expect(created.status).toBe(201)
    expect(created.headers.get('Location')).toBe(`/api/v1/ideas/${created.body.id}`)
    const read = await call(
      ideaLoader,
      request(`/api/v1/ideas/${created.body.id}`, { token: writer.token }),
      { ideaId: String(created.body.id) },
    )
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({
      id: created.body.id,
      title: 'Bigger lids for the venti cups',
      channel: 'email',
      status: { slug: 'new' },
    })
    expect(read.body.firstResponseDueAt).toEqual(expect.any(String))
    const list = await call(
      ideasLoader,
      request('/api/v1/ideas?q=venti%20lids', { token: writer.token }),
    )
    expect((list.body.ideas as { id: number }[]).map((idea) => idea.id)).toContain(created.body.id)
  })

  it('writes to the customer in the language sent, else the idea’s; a language it does not have is a 400', async () => {
    const writer = await token(['ideas:write'])
    const localeOf = async (body: unknown) => {
      const created = await call(
        ideasAction,
        request('/api/v1/ideas', { token: writer.token, method: 'POST', body }),
      )
      expect(created.status).toBe(201)
      const [person] = await db()
        .select({ locale: users.locale })
        .from(users)
        .where(eq(users.id, created.body.customerId as number))
      return person!.locale
    }
    const stamp = Date.now()
    const dutch = {
      title: 'Graag soep van de dag',
      description: 'Ik wil graag elke dag een andere soep, want dat is lekker.',
    }
    expect(await localeOf({ ...newIdea(`api-nl-${stamp}@example.test`), ...dutch })).toBe('nl')
    const chosen = newIdea(`api-en-${stamp}@example.test`)
    expect(
      await localeOf({ ...chosen, ...dutch, customer: { ...chosen.customer, language: 'en' } }),
    ).toBe('en')
    const refused = await call(
      ideasAction,
      request('/api/v1/ideas', {
        token: writer.token,
        method: 'POST',
        body: { ...chosen, customer: { ...chosen.customer, language: 'fr' } },
      }),
    )
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain('customer.language')
  })

  it('files a request retried with the same Idempotency-Key once, also while the first is running', async () => {
    const writer = await token(['ideas:write'])
    const body = newIdea(`retry-${Date.now()}@example.test`)
    const send = (key: string) =>
      call(
        ideasAction,
        request('/api/v1/ideas', {
          token: writer.token,
          method: 'POST',
          body,
          headers: { 'Idempotency-Key': key },
        }),
      )
    const key = `zd-4411-${Date.now()}`
    const [first, second] = await Promise.all([send(key), send(key)])
    expect(first.status).toBe(201)
    expect(second).toMatchObject({ status: 201, body: first.body })
    expect((await send(key)).body).toEqual(first.body)
    // Another key is another request; another token's same key is that integration's own.
    const other = await send(`zd-4412-${Date.now()}`)
    expect(other.body.id).not.toBe(first.body.id)
    const elsewhere = await call(
      ideasAction,
      request('/api/v1/ideas', {
        token: (await token(['ideas:write'])).token,
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': key },
      }),
    )
    expect(elsewhere.body.id).not.toBe(first.body.id)
    expect((await send('short')).body).toMatchObject({
      error: 'validation',
      issues: [{ path: 'Idempotency-Key' }],
    })
  })

  it('refuses missing, unknown, revoked and under-scoped tokens', async () => {
    const reader = await token(['ideas:read'])
    expect((await call(ideasLoader, request('/api/v1/ideas'))).status).toBe(401)
    expect(
      (
        await call(
          ideasLoader,
          request('/api/v1/ideas', { token: 'ibx_not-a-real-token-at-all-000000' }),
        )
      ).status,
    ).toBe(401)
    const forbidden = await call(
      ideasAction,
      request('/api/v1/ideas', {
        token: reader.token,
        method: 'POST',
        body: newIdea('x@example.test'),
      }),
    )
    expect(forbidden).toMatchObject({
      status: 403,
      body: { error: 'forbidden', scope: 'ideas:write' },
    })
    await revokeApiToken({ actor: reader.admin, id: reader.id })
    expect(
      (await call(ideasLoader, request('/api/v1/ideas', { token: reader.token }))).status,
    ).toBe(401)
  })

  it('answers bad JSON, wrong types, wrong media type and oversize bodies with JSON errors', async () => {
    const writer = await token(['ideas:write', 'votes:write'])
    const post = (options: Parameters<typeof request>[1]) =>
      call(
        ideasAction,
        request('/api/v1/ideas', { token: writer.token, method: 'POST', ...options }),
      )
    expect(await post({ raw: '{"customer": ' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_json' },
    })
    const invalid = await post({ body: { ...newIdea('not-an-email'), kind: 'rocket', title: 'x' } })
    expect(invalid.status).toBe(400)
    expect((invalid.body.issues as { path: string }[]).map((issue) => issue.path).sort()).toEqual([
      'customer.email',
      'kind',
      'title',
    ])
    expect(
      (
        await post({
          raw: 'title=x',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(415)
    expect(
      (
        await post({
          raw: JSON.stringify({ ...newIdea('a@example.test'), description: 'x'.repeat(70_000) }),
        })
      ).status,
    ).toBe(413)
    const missing = await call(
      supportAction,
      request('/api/v1/ideas/999999999/supporters', {
        token: writer.token,
        method: 'POST',
        body: { customer: { email: 'b@example.test' } },
      }),
      { ideaId: '999999999' },
    )
    expect(missing.status).toBe(404)
  })

  it('stores strings with NUL characters without them, and reads NUL in a search and forged cursors (500s before)', async () => {
    const writer = await token(['ideas:write', 'ideas:read'])
    const body = {
      ...newIdea(`nul-${Date.now()}@example.test`),
      title: 'Nul\u0000 in the title',
      description: 'And\u0000 here',
      customer: { email: `nul-${Date.now()}@example.test`, name: 'Nu\u0000ll' },
    }
    const created = await call(
      ideasAction,
      request('/api/v1/ideas', { token: writer.token, method: 'POST', body }),
    )
    expect(created.status).toBe(201)
    const read = await call(
      ideaLoader,
      request(`/api/v1/ideas/${created.body.id}`, { token: writer.token }),
      { ideaId: String(created.body.id) },
    )
    expect(read.body).toMatchObject({ title: 'Nul in the title' })
    expect(
      (await call(ideasLoader, request('/api/v1/ideas?q=oat%00milk', { token: writer.token })))
        .status,
    ).toBe(200)
    for (const value of ['not-a-date', '', '2026-02-30 00:00:00+00', '1e309']) {
      const cursor = Buffer.from(JSON.stringify([value, 1])).toString('base64url')
      const page = await call(
        ideasLoader,
        request(`/api/v1/ideas?cursor=${cursor}`, { token: writer.token }),
      )
      expect(page.status, value).toBe(200)
    }
  })

  it('adds a supporter once per person, and rate limits each token', async () => {
    const writer = await token(['votes:write'])
    const idea = await createTestIdea()
    const support = () =>
      call(
        supportAction,
        request(`/api/v1/ideas/${idea.id}/supporters`, {
          token: writer.token,
          method: 'POST',
          body: { customer: { email: 'fan@example.test' }, channel: 'chat' },
        }),
        { ideaId: String(idea.id) },
      )
    const [first, second] = await Promise.all([support(), support()])
    expect([first.status, second.status]).toEqual([200, 200])
    expect(first.body.customerId).toBe(second.body.customerId)
    let limited: Awaited<ReturnType<typeof support>> | undefined
    for (let index = 0; index < 130 && !limited; index++) {
      const answer = await support()
      if (answer.status === 429) limited = answer
    }
    expect(limited?.body.error).toBe('rate_limited')
    expect(Number(limited?.headers.get('Retry-After'))).toBeGreaterThan(0)
  })

  it('is described by a valid OpenAPI 3.1 document', async () => {
    const document = openApiDocument('http://localhost:3000')
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined()
    expect(Object.keys(document.paths)).toEqual([
      '/ideas',
      '/ideas/{ideaId}',
      '/ideas/{ideaId}/supporters',
    ])
  })
})
