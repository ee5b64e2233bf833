import type { ServerBuild } from '@remix-run/node'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { makeContext } from '#tests/setup/request'

import { answerDatabaseOutagesWith503 } from './database-outage.server'

const refused = () =>
  Object.assign(new Error('Failed query: select 1'), {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    }),
  })

type Loader = (args: {
  request: Request
  params: Record<string, string>
  context: unknown
}) => unknown

function buildWith(
  routes: Record<string, { loader?: Loader; action?: Loader; default?: () => null }>,
) {
  const entries = Object.entries(routes).map(([id, module]) => [id, { id, path: id, module }])
  return { routes: Object.fromEntries(entries), entry: { module: {} } } as unknown as ServerBuild
}

async function call(
  build: ServerBuild,
  routeId: string,
  kind: 'loader' | 'action',
  { path = '/', headers = {} }: { path?: string; headers?: Record<string, string> } = {},
) {
  const run = build.routes[routeId]!.module[kind] as unknown as Loader
  try {
    return {
      returned: await run({
        request: new Request(`http://localhost${path}`, { headers }),
        params: {},
        context: makeContext(),
      }),
    }
  } catch (thrown) {
    return { thrown }
  }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('answerDatabaseOutagesWith503', () => {
  it('turns a database outage in a page loader into a 503 page response in the visitor’s language', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const build = answerDatabaseOutagesWith503(
      buildWith({ page: { loader: () => Promise.reject(refused()), default: () => null } }),
    )
    const { thrown } = await call(build, 'page', 'loader', {
      headers: { 'Accept-Language': 'nl-NL,nl;q=0.9' },
    })
    expect(thrown).toBeInstanceOf(Response)
    const response = thrown as Response
    expect(response.status).toBe(503)
    expect(response.headers.get('Retry-After')).toMatch(/^\d+$/)
    expect(await response.json()).toEqual({ reason: 'database', locale: 'nl' })
    expect(warn.mock.calls.flat().join(' ')).toContain('ECONNREFUSED')
  })

  it('answers actions of resource routes with a plain 503, and the API with JSON', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const build = answerDatabaseOutagesWith503(
      buildWith({
        vote: { action: () => Promise.reject(refused()) },
        api: { loader: () => Promise.reject(refused()) },
      }),
    )
    const vote = (await call(build, 'vote', 'action', { path: '/ideas/1/vote' })).thrown as Response
    expect(vote.status).toBe(503)
    expect(vote.headers.get('Content-Type')).toContain('text/plain')
    const api = (await call(build, 'api', 'loader', { path: '/api/v1/ideas' })).thrown as Response
    expect(api.status).toBe(503)
    expect(await api.json()).toMatchObject({ error: 'unavailable' })
  })

  it('leaves other errors, thrown responses and results alone', async () => {
    const bug = new TypeError('a bug')
    const notFound = new Response('Not found', { status: 404 })
    const build = answerDatabaseOutagesWith503(
      buildWith({
        buggy: { loader: () => Promise.reject(bug), default: () => null },
        missing: { loader: () => Promise.reject(notFound), default: () => null },
        fine: { loader: () => ({ ok: true }), default: () => null },
        static: { default: () => null },
      }),
    )
    expect((await call(build, 'buggy', 'loader')).thrown).toBe(bug)
    expect((await call(build, 'missing', 'loader')).thrown).toBe(notFound)
    expect((await call(build, 'fine', 'loader')).returned).toEqual({ ok: true })
    expect(build.routes.static!.module.loader).toBeUndefined()
  })
})
