import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createTestIdea, createTestUser, getIdeaRow } from '#app/demo/factories.server'
import { SESSION_COOKIE_NAME, startSession } from '#app/domain/accounts/sessions.server'
import { MAX_VOTE_BODY_BYTES, voteEndpoint } from '#app/server/vote-endpoint.server'

// The endpoint as the HTTP server mounts it, with a stand-in for Remix behind it that echoes what
// it received (so a request passed on can be seen to arrive whole).
let server: Server
let base: string
beforeAll(async () => {
  const app = express()
  app.use(voteEndpoint())
  app.use((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () =>
      res.status(299).json({ passedOn: true, body: Buffer.concat(chunks).toString() }),
    )
  })
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

async function signedIn() {
  const person = await createTestUser({ password: null })
  const { sessionId } = await startSession(person.id)
  return { person, cookie: `${SESSION_COOKIE_NAME}=${sessionId}` }
}

async function post(
  path: string,
  {
    cookie,
    body,
    accept = 'application/json',
    contentType = 'application/x-www-form-urlencoded',
  }: {
    cookie?: string
    body: string
    accept?: string
    contentType?: string
  },
) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { Accept: accept, 'Content-Type': contentType, ...(cookie ? { Cookie: cookie } : {}) },
    body,
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    json: JSON.parse(text) as Record<string, unknown>,
  }
}

describe('the vote endpoint (JSON, for the vote button)', () => {
  it('casts, changes and withdraws a vote, answering the counters each time', async () => {
    const idea = await createTestIdea()
    const { cookie } = await signedIn()
    const up = await post(`/ideas/${idea.id}/vote`, {
      cookie,
      body: 'direction=up&redirectTo=%2Fideas',
    })
    expect(up.status).toBe(200)
    expect(up.headers.get('content-type')).toContain('application/json')
    expect(up.headers.get('cache-control')).toBe('no-store')
    expect(up.json).toEqual({ ok: true, direction: 'up', upVotes: 2, downVotes: 0, score: 2 })
    // A double submit changes nothing.
    expect(
      (await post(`/ideas/${idea.id}/vote`, { cookie, body: 'direction=up' })).json,
    ).toMatchObject({ upVotes: 2 })
    expect(
      (await post(`/ideas/${idea.id}/vote`, { cookie, body: 'direction=down' })).json,
    ).toMatchObject({ upVotes: 1, downVotes: 1, score: 0 })
    expect(
      (await post(`/ideas/${idea.id}/vote`, { cookie, body: 'direction=none' })).json,
    ).toMatchObject({ upVotes: 1, downVotes: 0 })
    expect(await getIdeaRow(idea.id)).toMatchObject({ upVotes: 1, downVotes: 0, score: 1 })
  })

  it('answers who is not signed in, bad input and unknown ideas with JSON and a status that says so', async () => {
    const idea = await createTestIdea()
    const { cookie } = await signedIn()
    const path = `/ideas/${idea.id}/vote`
    expect(await post(path, { body: 'direction=up' })).toMatchObject({
      status: 401,
      json: { ok: false, error: 'votes.signedOut' },
    })
    const stale = await post(path, {
      cookie: `${SESSION_COOKIE_NAME}=nosuchsession`,
      body: 'direction=up',
    })
    expect(stale).toMatchObject({ status: 401, json: { error: 'votes.signedOut' } })
    expect(stale.headers.get('set-cookie')).toContain('Max-Age=0')
    expect(await post(path, { cookie, body: 'direction=sideways' })).toMatchObject({
      status: 400,
      json: {
        ok: false,
        error: 'validation.invalid',
        fieldErrors: { direction: ['validation.invalid'] },
      },
    })
    expect(await post(path, { cookie, body: '' })).toMatchObject({
      status: 400,
      json: { fieldErrors: { direction: expect.any(Array) } },
    })
    expect(await post(path, { cookie, body: 'direction=%E0%A4%A' })).toMatchObject({ status: 400 })
    expect(
      await post(path, { cookie, body: '{"direction":"up"}', contentType: 'application/json' }),
    ).toMatchObject({ status: 415 })
    expect(
      await post(path, {
        cookie,
        body: `direction=up&redirectTo=${'x'.repeat(MAX_VOTE_BODY_BYTES)}`,
      }),
    ).toMatchObject({
      status: 413,
      json: { ok: false },
    })
    expect(await post('/ideas/999999999/vote', { cookie, body: 'direction=up' })).toMatchObject({
      status: 404,
      json: { error: 'votes.refused.notFound' },
    })
    expect(await post('/ideas/abc/vote', { cookie, body: 'direction=up' })).toMatchObject({
      status: 404,
    })
    // Nothing of that was counted.
    expect(await getIdeaRow(idea.id)).toMatchObject({ upVotes: 1 })
  })

  it('says why a vote was refused: a closed idea, too many votes', async () => {
    const closed = await createTestIdea({ statusSlug: 'declined' })
    const { cookie } = await signedIn()
    expect(await post(`/ideas/${closed.id}/vote`, { cookie, body: 'direction=up' })).toMatchObject({
      status: 409,
      json: { ok: false, error: 'votes.refused.closed' },
    })
    const idea = await createTestIdea()
    let last
    for (let index = 0; index < 121; index += 1) {
      last = await post(`/ideas/${idea.id}/vote`, {
        cookie,
        body: `direction=${index % 2 ? 'none' : 'up'}`,
      })
    }
    expect(last).toMatchObject({ status: 429, json: { ok: false, error: 'votes.tooMany' } })
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  it('passes a form post that wants a page on to Remix, with its body unread', async () => {
    const { cookie } = await signedIn()
    const answer = await post('/ideas/1/vote', {
      cookie,
      body: 'direction=up&redirectTo=%2F',
      accept: 'text/html,*/*;q=0.8',
    })
    expect(answer).toMatchObject({
      status: 299,
      json: { passedOn: true, body: 'direction=up&redirectTo=%2F' },
    })
    expect(await post('/ideas/1/follow', { cookie, body: 'x=1' })).toMatchObject({ status: 299 })
  })
})
