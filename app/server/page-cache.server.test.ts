import type { AddressInfo } from 'node:net'

import express from 'express'
import { describe, expect, it } from 'vitest'

import {
  type CachedPage,
  cachedPage,
  createPageCache,
  isCacheableRequest,
  isShareableResponse,
  pageCacheMiddleware,
} from './page-cache.server'

const page = (body: string): CachedPage =>
  cachedPage({
    status: 200,
    headers: [['content-type', 'text/html']],
    body: Buffer.from(body),
    contentSecurityPolicy: "script-src 'nonce-x'",
  })

describe('which requests the page cache serves', () => {
  it('takes anonymous GETs of public pages only', () => {
    expect(isCacheableRequest({ method: 'GET', path: '/', cookie: undefined })).toBe(true)
    expect(isCacheableRequest({ method: 'GET', path: '/ideas', cookie: 'lang=nl' })).toBe(true)
    expect(
      isCacheableRequest({ method: 'GET', path: '/ideas/12-a-title', cookie: undefined }),
    ).toBe(true)
    expect(
      isCacheableRequest({ method: 'GET', path: '/ideas', cookie: 'lang=nl; ideabox_session=abc' }),
    ).toBe(false)
    expect(isCacheableRequest({ method: 'POST', path: '/ideas', cookie: undefined })).toBe(false)
    for (const path of [
      '/admin',
      '/ideas/new',
      '/ideas/12-a/edit',
      '/account',
      '/notifications',
      '/api/v1/ideas',
      '/login',
    ])
      expect(isCacheableRequest({ method: 'GET', path, cookie: undefined }), path).toBe(false)
  })

  it('shares plain HTML pages, never redirects, errors, cookies or private answers', () => {
    const html = { 'content-type': 'text/html; charset=utf-8' }
    expect(isShareableResponse(new Response('x', { headers: html }))).toBe(true)
    expect(isShareableResponse(new Response('x', { status: 404, headers: html }))).toBe(false)
    expect(
      isShareableResponse(new Response(null, { status: 302, headers: { location: '/' } })),
    ).toBe(false)
    expect(
      isShareableResponse(new Response('x', { headers: { ...html, 'set-cookie': 'a=b' } })),
    ).toBe(false)
    expect(
      isShareableResponse(new Response('x', { headers: { ...html, 'cache-control': 'no-store' } })),
    ).toBe(false)
    expect(
      isShareableResponse(new Response('{}', { headers: { 'content-type': 'application/json' } })),
    ).toBe(false)
  })
})

/** A cache on a clock the test sets, and a render that takes a moment and counts its calls. */
function cacheOnAClock() {
  let clock = 0
  let count = 0
  const cache = createPageCache({ ttlMs: 2000, staleMs: 8000, now: () => clock })
  const render = async () => {
    count += 1
    await new Promise((resolve) => setTimeout(resolve, 5))
    return page(`render ${count}`)
  }
  return { cache, render, renders: () => count, setClock: (at: number) => (clock = at) }
}

describe('the page cache', () => {
  it('renders once for everyone asking at the same moment, then serves the copy while it is fresh', async () => {
    const { cache, render, renders, setClock } = cacheOnAClock()
    const first = await Promise.all(Array.from({ length: 20 }, () => cache.get('/', render)))
    expect(renders()).toBe(1)
    expect(new Set(first.map((answer) => answer.page?.body.toString()))).toEqual(
      new Set(['render 1']),
    )
    setClock(1999)
    expect(await cache.get('/', render)).toEqual({ page: page('render 1'), hit: true })
    expect(renders()).toBe(1)
  })

  it('serves a page past its time at once while one fresh render runs, and renders anew when it is too old', async () => {
    const { cache, render, renders, setClock } = cacheOnAClock()
    await cache.get('/', render)
    setClock(2000)
    const during = await Promise.all(Array.from({ length: 10 }, () => cache.get('/', render)))
    expect(during.map((answer) => answer.page?.body.toString())).toEqual(Array(10).fill('render 1'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(renders()).toBe(2)
    expect((await cache.get('/', render)).page?.body.toString()).toBe('render 2')
    setClock(2000 + 2000 + 8000)
    expect((await cache.get('/', render)).page?.body.toString()).toBe('render 3')
  })

  it('keeps nothing that could not be shared, and forgets the oldest pages beyond its size', async () => {
    const cache = createPageCache({ ttlMs: 60_000, maxEntries: 2 })
    expect((await cache.get('/private', async () => null)).page).toBeNull()
    expect(cache.size()).toBe(0)
    await cache.get('/a', async () => page('a'))
    await cache.get('/b', async () => page('b'))
    await cache.get('/c', async () => page('c'))
    expect(cache.size()).toBe(2)
    expect((await cache.get('/a', async () => page('a again'))).page?.body.toString()).toBe(
      'a again',
    )
  })

  it('lets a failed render fail for its callers and tries again next time', async () => {
    const cache = createPageCache({ ttlMs: 60_000 })
    await expect(
      cache.get('/', async () => Promise.reject(new Error('database down'))),
    ).rejects.toThrow('database down')
    expect((await cache.get('/', async () => page('back'))).page?.body.toString()).toBe('back')
  })
})

describe('the page cache in front of the app', () => {
  it('serves the same bytes with one ETag, and 304 to a browser that has them', async () => {
    let renders = 0
    const app = express()
    app.use(
      pageCacheMiddleware({
        ttlSeconds: 60,
        renderPage: async () => {
          renders += 1
          return new Response(`<p>Ideas, render ${renders}</p>`, {
            headers: { 'content-type': 'text/html; charset=utf-8' },
          })
        },
      }),
    )
    const server = app.listen(0)
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ideas`
      const first = await fetch(url)
      const second = await fetch(url)
      expect([first.headers.get('x-page-cache'), second.headers.get('x-page-cache')]).toEqual([
        'miss',
        'hit',
      ])
      expect(await second.text()).toBe(await first.text())
      const etag = first.headers.get('etag')
      expect(etag).toMatch(/^W\/"[0-9a-f]+-[\w+/]{27}"$/)
      expect(second.headers.get('etag')).toBe(etag)
      // As a browser revalidates (fetch() alone would add Cache-Control: no-cache).
      const again = await fetch(url, {
        headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' },
      })
      expect(again.status).toBe(304)
      expect(await again.text()).toBe('')
      expect(renders).toBe(1)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
