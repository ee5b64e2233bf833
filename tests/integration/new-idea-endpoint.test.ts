import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { eq } from 'drizzle-orm'
import express from 'express'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas, rateLimits } from '#app/db/schema'
import { createTestIdea, createTestUser, unique } from '#app/demo/factories.server'
import { SESSION_COOKIE_NAME, startSession } from '#app/domain/accounts/sessions.server'
import * as newIdeaRoute from '#app/routes/ideas.new'
import { newIdeaEndpoint } from '#app/server/new-idea-endpoint.server'
import { remixHandler } from '#tests/setup/remix-handler'

// The route alone, as Remix answers a browser without JavaScript (its "page" is the action's data).
const route = remixHandler({ 'routes/ideas.new': { path: 'ideas/new', module: newIdeaRoute } })

// The endpoint as the HTTP server mounts it, handing what it does not answer to the same route.
let server: Server
let base: string
let handedOn = 0
beforeAll(async () => {
  const app = express()
  app.use(
    newIdeaEndpoint({
      remix: (request, _response, context) => {
        handedOn += 1
        return route(request, context)
      },
      maxBodyBytes: 64 * 1024,
    }),
  )
  app.use((_req, res) => res.status(599).end())
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  handedOn = 0
})

async function signedIn() {
  const person = await createTestUser({ password: null })
  const { sessionId } = await startSession(person.id)
  return { person, cookie: `${SESSION_COOKIE_NAME}=${sessionId}` }
}

type Form = Record<string, string>

const init = (form: Form, cookie?: string): RequestInit => ({
  method: 'POST',
  headers: {
    Accept: 'text/html',
    'Content-Type': 'application/x-www-form-urlencoded',
    ...(cookie ? { Cookie: cookie } : {}),
  },
  body: new URLSearchParams(form).toString(),
  redirect: 'manual',
})

/** What a person's browser is told: the status, where it is sent (a draft's id masked), the page's data. */
async function answerOf(response: Response) {
  return {
    status: response.status,
    location: response.headers.get('location')?.replace(/draft%3D[\w-]+/, 'draft%3D…') ?? null,
    body: await response.text(),
  }
}

const throughTheEndpoint = async (form: Form, cookie?: string) =>
  answerOf(await fetch(`${base}/ideas/new`, init(form, cookie)))
const throughTheRouteAlone = async (form: Form, cookie?: string) =>
  answerOf(await route(new Request('http://localhost/ideas/new', init(form, cookie))))

let keys = 0
/** A valid idea whose similar ideas were shown (for its title), as the form posts it after its step. */
const idea = (overrides: Form = {}): Form => {
  const n = (keys += 1)
  const title = overrides.title ?? `An idea from the endpoint test ${n}`
  return {
    intent: 'post',
    similarShownFor: title,
    kind: 'product',
    categoryId: '1',
    title,
    description: 'Posted without JavaScript.',
    submissionKey: `endpoint-test-${n}-${Math.random().toString(36).slice(2)}`,
    ...overrides,
  }
}

describe('the new-idea endpoint (a posted idea answered without Remix)', () => {
  it("files a signed-in person's valid idea itself, with the route's 303 to it, once however often it is sent", async () => {
    const { person, cookie } = await signedIn()
    const form = idea()
    const first = await throughTheEndpoint(form, cookie)
    expect(handedOn).toBe(0)
    const [filed] = await db()
      .select({ id: ideas.id, slug: ideas.slug })
      .from(ideas)
      .where(eq(ideas.submissionKey, form.submissionKey!))
    expect(first).toEqual({
      status: 303,
      location: `/ideas/${filed!.id}-${filed!.slug}?posted=1`,
      body: '',
    })
    // A double submit, through either door, names the same idea.
    expect(await throughTheEndpoint(form, cookie)).toEqual(first)
    expect(await throughTheRouteAlone(form, cookie)).toEqual(first)
    expect(
      await db().select({ id: ideas.id }).from(ideas).where(eq(ideas.authorId, person.id)),
    ).toHaveLength(1)
  })

  it('hands every other post of the form to the route, body and all, and answers what the route answers', async () => {
    const { person, cookie } = await signedIn()
    const overLimit = await signedIn()
    await db()
      .insert(rateLimits)
      .values({
        bucket: `idea:user:${overLimit.person.id}`,
        hits: 10,
        resetAt: new Date(Date.now() + 3_600_000),
      })
    const cases: [string, Form, string | undefined, number][] = [
      ['a preview', idea({ intent: 'preview' }), cookie, 200],
      ['a visitor, whose idea waits as a draft', idea(), undefined, 302],
      ['the honeypot filled', idea({ website: 'https://spam.example' }), cookie, 400],
      ['an unknown button', idea({ intent: 'publish' }), cookie, 400],
      ['a title too short', idea({ title: 'Hi' }), cookie, 400],
      ['a category of another kind', idea({ kind: 'involvement' }), cookie, 400],
      ['the eleventh idea in an hour', idea(), overLimit.cookie, 429],
    ]
    for (const [what, form, who, status] of cases) {
      const answer = await throughTheEndpoint(form, who)
      expect(answer.status, what).toBe(status)
      expect(answer, what).toEqual(await throughTheRouteAlone(form, who))
    }
    expect(handedOn).toBe(cases.length)
    expect(
      await db().select({ id: ideas.id }).from(ideas).where(eq(ideas.authorId, person.id)),
    ).toEqual([])
  })

  it('hands on a title changed since its similar ideas were shown: the route shows the new title’s first', async () => {
    const { person, cookie } = await signedIn()
    const word = unique('kowari').replace(/[^a-z]/g, '')
    await createTestIdea({ title: `Serve ${word} cocoa in every store` })
    const form = idea({
      title: `${word} cocoa please`,
      similarShownFor: 'A first title, since changed',
    })
    const answer = await throughTheEndpoint(form, cookie)
    expect(handedOn).toBe(1)
    expect(answer.status).toBe(200)
    expect(answer).toEqual(await throughTheRouteAlone(form, cookie))
    expect(
      await db().select({ id: ideas.id }).from(ideas).where(eq(ideas.authorId, person.id)),
    ).toEqual([])
  })

  it('counts a refused post once toward the rate limit: the route shows the refusal without posting again', async () => {
    const { person, cookie } = await signedIn()
    const bucket = `idea:user:${person.id}`
    await db()
      .insert(rateLimits)
      .values({ bucket, hits: 10, resetAt: new Date(Date.now() + 3_600_000) })
    const hits = async () =>
      (
        await db()
          .select({ hits: rateLimits.hits })
          .from(rateLimits)
          .where(eq(rateLimits.bucket, bucket))
      )[0]!.hits
    const form = idea()
    const answer = await throughTheEndpoint(form, cookie)
    expect(answer.status).toBe(429)
    expect(handedOn).toBe(1)
    expect(await hits()).toBe(11)
    expect(answer).toEqual(await throughTheRouteAlone(form, cookie))
    expect(await hits()).toBe(12)
  })

  it('answers any form as the route alone does (generated forms)', async () => {
    const { cookie } = await signedIn()
    // Mostly what a person sends, so that many forms are filed here and the rest are handed on.
    const often = <T>(usual: T, ...others: T[]) =>
      fc.oneof({ arbitrary: fc.constant(usual), weight: 6 }, fc.constantFrom(...others))
    const form = fc.record(
      {
        intent: often('post', 'preview', 'other'),
        similarShownFor: often(
          'A perfectly good idea title',
          ' a perfectly  GOOD idea title',
          'Another title',
          '',
        ),
        website: often('', 'x'),
        kind: often('product', 'experience', 'nonsense'),
        categoryId: often('1', '5', '0', 'x'),
        title: often('A perfectly good idea title', '', 'Hi', 'x'.repeat(300)),
        description: often('Some words.', ''),
        draftId: fc.constantFrom('00000000-0000-4000-8000-000000000000', 'not-a-draft'),
      },
      { requiredKeys: ['intent', 'kind', 'categoryId', 'title', 'description'] },
    )
    await fc.assert(
      fc.asyncProperty(form, often(true, false), async (fields, isSignedIn) => {
        const sent = { ...fields, submissionKey: `generated-${(keys += 1)}` }
        const who = isSignedIn ? cookie : undefined
        // The second door sees the first one's idea: a filed idea is the same idea again.
        expect(await throughTheEndpoint(sent, who)).toEqual(await throughTheRouteAlone(sent, who))
      }),
      { numRuns: 40 },
    )
  })
})
