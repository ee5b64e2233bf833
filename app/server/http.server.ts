// The HTTP server: static files, security headers, CSRF refusal, request ids, then Remix (with
// database outages answered 503, see database-outage.server.ts).
import { randomUUID } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import type { Server } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { createRequestHandler } from '@remix-run/express'
import {
  type AppLoadContext,
  broadcastDevReady,
  createRequestHandler as createRemixRequestHandler,
  type ServerBuild,
} from '@remix-run/node'
import compression from 'compression'
import express from 'express'

import { closeDatabase } from '#app/db/db.server'
import { SESSION_COOKIE_NAME } from '#app/domain/accounts/sessions.server'
import type { SiteStats } from '#app/domain/ideas/ideas.server'
import type { NewIdeaRefusal } from '#app/domain/ideas/submit-idea.server'
import { startWorker } from '#app/domain/mail/worker.server'
import { renderQueuedMessage } from '#app/domain/notifications/messages.server'
import { sendDueDigest } from '#app/domain/promises/digest.server'
import { pruneExpiredLimits } from '#app/domain/rate-limits/rate-limits.server'
import { publishDueUpdates } from '#app/domain/updates/updates.server'
import { env } from '#app/utils/env.server'
import { createNonce, isCrossSiteMutation, securityHeaders } from '#app/utils/http.server'
import { getLocale } from '#app/utils/i18n/i18n.server'

import { answerClientErrors, ERROR_PAGE_CSP, errorPageHtml } from './client-errors.server'
import { answerDatabaseOutagesWith503 } from './database-outage.server'
import type { RemixFetchHandler } from './express-fetch.server'
import { createKeptAnswers } from './kept-answers.server'
import { newIdeaEndpoint } from './new-idea-endpoint.server'
import { pageCacheMiddleware } from './page-cache.server'
import { answerPreloadedLoaders, pageEndpoint } from './page-endpoint.server'
import { servePrecompressed } from './precompressed.server'
import {
  answerUnreadableAddressesWith400,
  markUnreadableAddresses,
} from './unreadable-address.server'
import { voteEndpoint } from './vote-endpoint.server'

/** The largest request body accepted (forms only; no uploads). */
const MAX_BODY_BYTES = 2 * 1024 * 1024

const BUILD_PATH = path.resolve('build/index.js')
const PUBLIC_BUILD = path.resolve('public/build')
const PUBLIC_DIR = path.resolve('public')

declare module '@remix-run/node' {
  interface AppLoadContext {
    nonce: string
    requestId: string
    clientIp: string
    /** The path is not valid percent-encoding: every route below the root answers 400. */
    unreadableAddress?: boolean
    /**
     * The new-idea form's post, already submitted by the HTTP layer and refused
     * (new-idea-endpoint.server.ts): the route shows this refusal instead of submitting again.
     */
    newIdeaRefusal?: NewIdeaRefusal
    /**
     * Set by a GET page's loader: until when (ms) its page would read the same if nothing is
     * written (the clock, a value kept for a while). A kept answer is given no longer (decision 040).
     */
    unchangedUntil?: number
    /**
     * The page's kept-answer key was read (a route answered again after one statement, decision
     * 040): a page meant to be kept, so its template is made from its first sighting.
     */
    keptRoute?: boolean
    /**
     * The board's totals the home page's kept-answer key was read with (a count kept per instance
     * for up to a minute): its loader shows these, so the page kept under that key says what the
     * key says (decision 048).
     */
    siteStats?: SiteStats
  }
}

async function importBuild(): Promise<ServerBuild> {
  if (!existsSync(BUILD_PATH)) {
    throw new Error('No production build found at build/index.js: run `npm run build` first.')
  }
  const version = statSync(BUILD_PATH).mtimeMs
  const build = (await import(`${pathToFileURL(BUILD_PATH).href}?v=${version}`)) as ServerBuild
  return guarded(build)
}

/**
 * The build with every route's loader and action answering outages (503) and unreadable addresses
 * (400), and each loader the page endpoint already ran for a request answering with its result.
 */
function guarded(build: ServerBuild) {
  return answerPreloadedLoaders(
    answerUnreadableAddressesWith400(answerDatabaseOutagesWith503(build)),
  )
}

/** The Express app around the production build, or around `build` (tests). */
export async function createApp({ build: given }: { build?: ServerBuild } = {}) {
  const config = env()
  const development = config.NODE_ENV === 'development'
  let build = given ? guarded(given) : await importBuild()

  const app = express()
  app.disable('x-powered-by')
  if (config.TRUST_PROXY) app.set('trust proxy', true)
  // A POST from a script (a vote, a follow, the API) is answered with a few hundred bytes of JSON
  // or a redirect: compression would wrap every such response for nothing. Pages, files, and a
  // browser's form post (which can be answered with its whole page) are compressed.
  const compress = compression()
  app.use((req, res, next) =>
    req.method === 'GET' || req.method === 'HEAD' || req.get('accept')?.includes('text/html')
      ? compress(req, res, next)
      : next(),
  )

  // The sign-in button and sign-out are forms whose redirect leads to a provider: CSP must allow it.
  const ssoOrigins = [
    ...new Set(config.OIDC_PROVIDERS.map((provider) => new URL(provider.issuer).origin)),
  ]
  app.use((req, res, next) => {
    const incoming = req.get('x-request-id')
    const requestId =
      config.TRUST_PROXY && incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID()
    const nonce = createNonce()
    res.locals.requestId = requestId
    res.locals.nonce = nonce
    res.set('X-Request-Id', requestId)
    res.set(securityHeaders({ nonce, development, secure: req.secure, formTargets: ssoOrigins }))
    if (config.LOG_REQUESTS) {
      const started = process.hrtime.bigint()
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6
        console.log(
          `${req.method} ${req.originalUrl} ${res.statusCode} ${ms.toFixed(1)}ms id=${requestId}`,
        )
      })
    }
    next()
  })

  // A Host header that names no host (`%ff`, `a b`, a port past 65535) cannot make the request's
  // address: Remix's adapter threw on it, a 500 on every page (fresh-eyes review). A browser never
  // sends one; it is answered 400.
  app.use((req, res, next) => {
    if (hostsAreReadable(req)) return next()
    refuse(req, res, 400, 'bad_host', 'The Host header does not name a host.')
  })

  // Every form here is text, well under a megabyte (a 10,000-character idea is ~40 KB encoded):
  // bigger bodies are refused before anything reads them.
  app.use((req, res, next) => {
    const declared = Number(req.get('content-length') ?? 0)
    if (declared > MAX_BODY_BYTES) {
      refuse(req, res, 413, 'too_large', 'The request is too large.')
      return
    }
    if (!req.get('content-length') && req.get('transfer-encoding')) {
      refuse(req, res, 411, 'length_required', 'Send the request with a Content-Length.')
      return
    }
    next()
  })

  app.use(refuseCrossSiteMutations({ appUrl: config.APP_URL }))
  app.use(markUnreadableAddresses)

  const buildFiles = { immutable: true, maxAge: '1y' }
  app.use('/build', servePrecompressed(PUBLIC_BUILD, buildFiles))
  app.use('/build', express.static(PUBLIC_BUILD, { ...buildFiles, index: false }))
  // public/ holds files only (favicon.ico, …): a path without an extension is a page, and looking
  // for it on disk first cost every page view a stat() call.
  const publicFiles = express.static(PUBLIC_DIR, { maxAge: '1h', index: false })
  app.use((req, res, next) => (/\.\w+$/.test(req.path) ? publicFiles(req, res, next) : next()))

  // What a page or its data says depends on who asks (their session cookie) and in which language
  // (cookie, Accept-Language): no shared cache in front of the app may answer one person with
  // another's, and nothing a signed-in person is shown is stored at all. (Files, the same for
  // everyone, were served above with their own Cache-Control.)
  app.use((req, res, next) => {
    if (!req.path.startsWith('/build/')) {
      res.vary('Cookie')
      res.vary('Accept-Language')
      if (req.get('cookie')?.includes(`${SESSION_COOKIE_NAME}=`))
        res.set('Cache-Control', 'private, no-store')
    }
    next()
  })

  // The app uses single fetch: Remix's old data requests (`?_data=<route id>`) answered 500 for
  // an unknown route id and an empty 200 for some others. They are refused, as any unreadable request.
  app.use((req, res, next) => {
    if (req.query._data === undefined) return next()
    refuse(req, res, 400, 'bad_request', 'The address or the request could not be read.')
  })

  // The vote button's JSON requests, the busiest writes, are answered here, without Remix: a form
  // post without JavaScript goes on to the Remix route (docs/decisions/015).
  app.use(voteEndpoint())

  if (development) {
    // remix dev restarts this process on rebuild; re-import lazily in case it has not yet.
    app.use(
      answeredAsync(async (req, res, next) => {
        build = await importBuild()
        return handler(build)(req, res, next)
      }),
    )
  } else {
    const remix = remixFetchHandler(build)
    // A posted idea is filed and answered here, without Remix; the form's other posts go on to the
    // route with the body read here (docs/decisions/030).
    app.use(newIdeaEndpoint({ remix, maxBodyBytes: MAX_BODY_BYTES }))
    if (config.PAGE_CACHE_SECONDS > 0)
      app.use(pageCacheMiddleware({ ttlSeconds: config.PAGE_CACHE_SECONDS, renderPage: remix }))
    // A GET page whose template is kept is answered here, without Remix's request handling; the
    // others go on to Remix with their loaders already run (docs/decisions/034).
    // …and an idea page kept that way is answered again after one statement (docs/decisions/040).
    const keptAnswers =
      config.KEPT_ANSWERS && config.PAGE_TEMPLATES
        ? createKeptAnswers({ checkEvery: config.KEPT_ANSWER_CHECK_EVERY })
        : undefined
    app.use(pageEndpoint({ build, remix, loadContext, keptAnswers }))
    // Not app.all('*'): Express would decode the path as a parameter and answer an unreadable one
    // (/ideas/%E0%A4%A) itself, outside the site's layout; Remix answers it (unreadable-address.server.ts).
    app.use(handler(build))
  }

  // What Express itself cannot take: a body it could not read (400). Anything else reaching here
  // is a bug: logged, never shown.
  app.use(
    (error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (res.headersSent) return next(error)
      const status = Number((error as { status?: unknown } | null)?.status)
      if (status >= 400 && status < 500) {
        refuse(req, res, status, 'bad_request', 'The address or the request could not be read.')
        return
      }
      console.error(`Unhandled error in ${req.method} ${req.originalUrl.slice(0, 200)}:`, error)
      refuse(req, res, 500, 'internal', 'Something went wrong on our side. Please try again.')
    },
  )

  return { app, build }
}

/**
 * 403 for a state-changing request from another origin (utils/http.server.ts). The request's own
 * origin is `req.protocol` (X-Forwarded-Proto counts only when the app trusts its proxy) with its
 * Host; behind a proxy that terminates TLS, set TRUST_PROXY or APP_URL.
 */
export function refuseCrossSiteMutations({
  appUrl,
}: {
  appUrl: string | undefined
}): express.RequestHandler {
  return (req, res, next) => {
    const refused = isCrossSiteMutation({
      method: req.method,
      path: req.path,
      origin: req.get('origin'),
      referer: req.get('referer'),
      protocol: req.protocol,
      host: req.get('host'),
      appUrl,
    })
    if (!refused) return next()
    refuse(
      req,
      res,
      403,
      'cross_site',
      'Cross-site request refused. Reload the page and try again.',
    )
  }
}

/**
 * A refusal from the HTTP layer, before the app: JSON with an error code on the API and to a
 * script asking for JSON (they read `error`); a person gets the small error page in their language.
 */
function refuse(
  req: express.Request,
  res: express.Response,
  status: number,
  error: string,
  message: string,
) {
  res.status(status).set('Cache-Control', 'no-store')
  if (wantsJson(req)) res.json({ error, message })
  else
    res
      .set('Content-Security-Policy', ERROR_PAGE_CSP)
      .type('html')
      .send(errorPageHtml(status, localeOf(req)))
}

/** The language of a request the app itself never saw (its cookie, then Accept-Language). */
function localeOf(req: express.Request) {
  return getLocale(
    new Request('http://localhost/', {
      headers: {
        cookie: req.get('cookie') ?? '',
        'accept-language': req.get('accept-language') ?? '',
      },
    }),
  )
}

/** The API and scripts asking for JSON read an error code; people read a page. */
function wantsJson(req: express.Request) {
  return (
    req.originalUrl.startsWith('/api/') ||
    Boolean(req.get('accept')?.startsWith('application/json'))
  )
}

function loadContext(req: express.Request, res: express.Response): AppLoadContext {
  return {
    nonce: String(res.locals.nonce),
    requestId: String(res.locals.requestId),
    clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    unreadableAddress: res.locals.unreadableAddress === true,
  }
}

function handler(build: ServerBuild) {
  return answeredAsync(
    createRequestHandler({ build, mode: env().NODE_ENV, getLoadContext: loadContext }),
  )
}

/** Express 4 ignores the promise a handler returns: its failure goes to `next` (the error page). */
function answeredAsync(
  handle: (
    req: express.Request,
    res: express.Response,
    next: express.NextFunction,
  ) => Promise<unknown>,
): express.RequestHandler {
  return (req, res, next) => {
    handle(req, res, next).catch(next)
  }
}

/**
 * Remix as a fetch handler (Request → Response): for the page cache, which keeps the body, and for
 * the new-idea form's posts whose body the HTTP layer read.
 */
function remixFetchHandler(build: ServerBuild): RemixFetchHandler {
  const render = createRemixRequestHandler(build, env().NODE_ENV)
  return (request, res, context) => render(request, { ...loadContext(res.req, res), ...context })
}

/**
 * Serves `app` on the port, with the parser's refusals (a 20,000-character address) answered by an
 * error page too; resolves once the port is bound.
 */
export async function listen(app: express.Express, { port, host }: { port: number; host: string }) {
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(port, host, () => resolve(listening))
  })
  answerClientErrors(server)
  return server
}

/** Starts listening; resolves once the port is bound. Closes the database on SIGTERM/SIGINT. */
export async function startServer({ port = env().PORT, host = env().HOST } = {}): Promise<Server> {
  const { app, build } = await createApp()
  const server = await listen(app, { port, host })
  const address = server.address()
  const boundPort = typeof address === 'object' && address ? address.port : port
  console.log(`Ideabox is listening on http://localhost:${boundPort}`)
  if (env().NODE_ENV === 'development') void broadcastDevReady(build)
  // Mail and scheduled updates: every instance may run the worker (rows are claimed, not shared).
  const stopWorker = env().MAIL_WORKER
    ? startWorker({
        renderMessage: renderQueuedMessage,
        extraJobs: [publishDueUpdates, () => sendDueDigest(), () => pruneExpiredLimits()],
      })
    : async () => {}

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal} received: finishing requests, then closing the database.`)
    const finish = () =>
      stopWorker()
        .then(() => closeDatabase())
        .catch((error: unknown) => console.error('Closing the database failed', error))
        .finally(() => process.exit(0))
    server.close(() => void finish())
    server.closeIdleConnections?.()
    // Requests still open after 10 s (slow clients, keep-alive) are cut off.
    setTimeout(() => {
      server.closeAllConnections?.()
      void finish()
    }, 10_000).unref()
  }
  process.once('SIGTERM', () => stop('SIGTERM'))
  process.once('SIGINT', () => stop('SIGINT'))
  return server
}

/**
 * Whether the Host header, and X-Forwarded-Host when sent (its first host, as Express reads it),
 * each name a host an address can hold.
 */
function hostsAreReadable(req: express.Request) {
  const forwarded = req.get('x-forwarded-host')?.split(',')[0]!.trim()
  const hosts = [req.get('host'), forwarded].filter((host) => host !== undefined)
  return hosts.every((host) => {
    try {
      return new URL(`http://${host}`).host !== ''
    } catch {
      return false
    }
  })
}
