// A micro-cache for the public pages anonymous visitors read (home, ideas, an idea, roadmap, …):
// each instance keeps a rendered page for a second or two and renders it once however many
// visitors ask at the same moment. Signed-in people, forms and the back office never touch it.
// Nothing in it is needed by another instance: a miss just renders, so instances stay stateless.
import { createHash } from 'node:crypto'

import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'

import { SESSION_COOKIE_NAME } from '#app/domain/accounts/sessions.server'

import { type RemixFetchHandler, sendFetchResponse, toFetchRequest } from './express-fetch.server'

export type CachedPage = {
  status: number
  headers: [string, string][]
  /** The page's bytes, encoded once: every visitor served from the cache gets the same ones. */
  body: Buffer
  /** Computed once with the body (Express would hash the page again for every visitor). */
  etag: string
  /** The Content-Security-Policy the page was rendered with: its nonce is in the body. */
  contentSecurityPolicy: string
}

/** Public pages that look the same for every anonymous visitor with the same URL and language. */
const cacheablePaths = [
  /^\/$/,
  /^\/ideas$/,
  /^\/ideas\/\d+(-[\w-]*)?$/,
  /^\/roadmap$/,
  /^\/updates$/,
  /^\/updates\/[\w-]+$/,
  /^\/leaderboard$/,
  /^\/promises$/,
  /^\/u\/[\w-]+$/,
]

export function isCacheableRequest({
  method,
  path,
  cookie,
}: {
  method: string
  path: string
  cookie: string | undefined
}) {
  if (method !== 'GET') return false
  if (cookie?.includes(`${SESSION_COOKIE_NAME}=`)) return false
  return cacheablePaths.some((pattern) => pattern.test(path))
}

/** Whether a rendered answer may be shared: a plain 200 page that sets nothing for this visitor. */
export function isShareableResponse(response: Response) {
  const cacheControl = response.headers.get('cache-control') ?? ''
  return (
    response.status === 200 &&
    (response.headers.get('content-type') ?? '').startsWith('text/html') &&
    !response.headers.has('set-cookie') &&
    !/no-store|private/.test(cacheControl)
  )
}

export function createPageCache({
  ttlMs,
  staleMs = ttlMs * 2,
  maxEntries = 500,
  now = () => Date.now(),
}: {
  ttlMs: number
  /** How long past its time a page may still be served while a fresh one is rendered. */
  staleMs?: number
  maxEntries?: number
  now?: () => number
}) {
  const entries = new Map<string, { freshUntil: number; staleUntil: number; page: CachedPage }>()
  const rendering = new Map<string, Promise<CachedPage | null>>()

  function renderOnce(key: string, render: () => Promise<CachedPage | null>) {
    let pending = rendering.get(key)
    if (!pending) {
      pending = render()
        .then((page) => {
          if (page) remember(key, page)
          else entries.delete(key)
          return page
        })
        .finally(() => rendering.delete(key))
      rendering.set(key, pending)
    }
    return pending
  }

  /**
   * The cached page for `key`, or the one `render` makes (shared by everyone asking meanwhile).
   * A page past its time but not too old is served at once while one fresh render runs, so
   * visitors never wait for a render of a page the cache already knows.
   */
  async function get(
    key: string,
    render: () => Promise<CachedPage | null>,
  ): Promise<{ page: CachedPage | null; hit: boolean }> {
    const entry = entries.get(key)
    const at = now()
    if (entry && entry.freshUntil > at) return { page: entry.page, hit: true }
    if (entry && entry.staleUntil > at) {
      // A failed refresh keeps the stale page until it is too old; the next visitor tries again.
      renderOnce(key, render).catch(() => {})
      return { page: entry.page, hit: true }
    }
    const shared = rendering.has(key)
    return { page: await renderOnce(key, render), hit: shared }
  }

  function remember(key: string, page: CachedPage) {
    entries.delete(key)
    const at = now()
    entries.set(key, { freshUntil: at + ttlMs, staleUntil: at + ttlMs + staleMs, page })
    // Oldest first: a Map iterates in insertion order.
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries) break
      entries.delete(oldest)
    }
  }

  return { get, size: () => entries.size }
}

/**
 * Express middleware: serves cacheable requests from the cache, rendering a miss through
 * `renderPage` (Remix's handler); everything else goes on to `next`.
 */
export function pageCacheMiddleware({
  ttlSeconds,
  renderPage,
}: {
  ttlSeconds: number
  renderPage: RemixFetchHandler
}) {
  const cache = createPageCache({ ttlMs: ttlSeconds * 1000 })
  // Express 4 ignores the promise a middleware returns: every failure goes to `next` below.
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    void serve(req, res, next)
  }
  async function serve(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
    if (!isCacheableRequest({ method: req.method, path: req.path, cookie: req.get('cookie') }))
      return next()
    try {
      // The language is the only other input a public page has (cookie or Accept-Language).
      const key = `${req.originalUrl}\n${req.get('cookie') ?? ''}\n${req.get('accept-language') ?? ''}`
      let uncached: Response | undefined
      const { page, hit } = await cache.get(key, async () => {
        const response = await renderPage(toFetchRequest(req), res)
        if (!isShareableResponse(response)) {
          uncached = response
          return null
        }
        return cachedPage({
          status: response.status,
          headers: [...response.headers.entries()],
          body: Buffer.from(await response.arrayBuffer()),
          contentSecurityPolicy: String(res.get('Content-Security-Policy') ?? ''),
        })
      })
      if (uncached) return await sendFetchResponse(res, uncached)
      // Someone else's render that could not be shared: render our own.
      if (!page) return next()
      res.status(page.status)
      for (const [name, value] of page.headers) res.setHeader(name, value)
      if (page.contentSecurityPolicy)
        res.setHeader('Content-Security-Policy', page.contentSecurityPolicy)
      res.setHeader('X-Page-Cache', hit ? 'hit' : 'miss')
      // With the ETag set, Express answers a matching If-None-Match with 304 and hashes nothing.
      res.setHeader('ETag', page.etag)
      res.send(page.body)
    } catch (error) {
      next(error)
    }
  }
}

/** A page to keep, with its ETag (weak, as Express makes them: length and SHA-1 of the bytes). */
export function cachedPage(page: Omit<CachedPage, 'etag'>): CachedPage {
  const hash = createHash('sha1').update(page.body).digest('base64').slice(0, 27)
  return { ...page, etag: `W/"${page.body.length.toString(16)}-${hash}"` }
}
