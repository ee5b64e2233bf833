// GET pages answered from their kept templates without Remix's request handling (docs/decisions/034).
// The page's loaders run here, as Remix would run them (the same matched routes, each route's loader
// with the request, its params and the load context, in parallel); when every one returned plain data
// and a verified template is kept for that content (app/entry.server.tsx, decision 029), the page is
// the template filled in for this viewer with this request's own data payload. Anything else — a
// first sight, a redirect, a thrown 404, a loader setting headers, a resource route — goes to Remix
// with the loaders' results already settled, so no loader runs twice (`answerPreloadedLoaders`).
import { createRemixRequest, sendRemixResponse } from '@remix-run/express/dist/server.js'
import type { AppLoadContext, LoaderFunctionArgs, ServerBuild } from '@remix-run/node'
import { matchServerRoutes } from '@remix-run/server-runtime/dist/routeMatching.js'
import { createRoutes } from '@remix-run/server-runtime/dist/routes.js'
import type express from 'express'

import { isDatabaseUnavailableError } from '#app/utils/database-errors.server'

import type { KeptAnswerSource } from '../entry.server'
import type { RemixFetchHandler } from './express-fetch.server'
import {
  KEPT_ANSWER_MS,
  keptAnswerKey,
  type KeptAnswers,
  keptRoutes,
  sameSource,
  sameStrings,
} from './kept-answers.server'
import { type DataFunction, wrapRouteData } from './route-data.server'

type AnswerFromKeptTemplate = (input: {
  request: Request
  buildVersion: string
  routeIds: string[]
  loaderData: Record<string, unknown>
  nonce: string
}) => Promise<{ html: string; headers: [string, string][]; source: KeptAnswerSource | null } | null>

type KeptAnswerFunctions = {
  answerFromKeptSource: (input: {
    source: KeptAnswerSource
    nonce: string
  }) => { body: Buffer[]; headers: [string, string][] } | null
  keptAnswerSourceOf: (input: {
    request: Request
    buildVersion: string
    routeIds: string[]
    loaderData: Record<string, unknown>
  }) => KeptAnswerSource | null
  keptAnswerSourceAfterRender: KeptAnswerFunctions['keptAnswerSourceOf']
}

/** How many paths' route matches are kept (a few hundred bytes each). */
const MATCHES_KEPT = 1000

/** What each matched route's loader gave for this request, handed to Remix on a miss. */
type PreloadedLoaders = Map<string, PromiseSettledResult<unknown>>

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The loaders already run by the page endpoint for this GET: Remix uses their results. */
    preloadedLoaders?: PreloadedLoaders
  }
}

/**
 * Each route's loader answers from `context.preloadedLoaders` when the page endpoint ran it for
 * this request already (each result is used once); otherwise it runs.
 */
export function answerPreloadedLoaders(build: ServerBuild): ServerBuild {
  return wrapRouteData(build, (run, route) => {
    if (run !== route.module.loader) return run
    return (args) => {
      const preloaded = (args.context as AppLoadContext | undefined)?.preloadedLoaders
      const result = preloaded?.get(route.id)
      if (!result || args.request.method !== 'GET') return run(args)
      preloaded!.delete(route.id)
      return result.status === 'fulfilled' ? result.value : Promise.reject(result.reason)
    }
  })
}

/** Loader data Remix would put in its context as is: not a Response, not `undefined`, no headers or status. */
function plainData(result: PromiseSettledResult<unknown>): { data: unknown } | null {
  if (result.status !== 'fulfilled') return null
  const value = result.value
  if (value === undefined || value instanceof Response) return null
  if (
    value !== null &&
    typeof value === 'object' &&
    (value as { type?: unknown }).type === 'DataWithResponseInit'
  ) {
    const { data, init } = value as { data: unknown; init: unknown }
    return init == null && data !== undefined ? { data } : null
  }
  return { data: value }
}

/** A path Remix answers as a document (not its single-fetch data, manifest or a `?_data` request). */
function isDocumentRequest(req: express.Request) {
  return (
    req.method === 'GET' &&
    !req.path.endsWith('.data') &&
    !req.path.startsWith('/__') &&
    req.query._data === undefined
  )
}

export function pageEndpoint({
  build,
  remix,
  loadContext,
  keptAnswers,
}: {
  build: ServerBuild
  remix: RemixFetchHandler
  loadContext: (req: express.Request, res: express.Response) => AppLoadContext
  /** Pages answered again after one statement (decision 040); undefined: never. */
  keptAnswers?: KeptAnswers
}): express.RequestHandler {
  const entry = build.entry.module as {
    answerFromKeptTemplate?: AnswerFromKeptTemplate
  } & Partial<KeptAnswerFunctions>
  const { answerFromKeptTemplate, answerFromKeptSource, keptAnswerSourceOf } = entry
  const { keptAnswerSourceAfterRender } = entry
  const routes = createRoutes(build.routes)
  const buildVersion = build.assets.version

  // Matching a path walks every route branch until one fits (a tenth of a kept list page's CPU went
  // to the router): the matches of the paths asked for lately are kept, read-only, as Remix's are.
  const recentMatches = new Map<string, ReturnType<typeof matchServerRoutes>>()
  const matchesOf = (pathname: string) => {
    let matches = recentMatches.get(pathname)
    if (matches === undefined) {
      if (recentMatches.size >= MATCHES_KEPT) recentMatches.clear()
      matches = matchServerRoutes(routes, pathname, build.basename)
      recentMatches.set(pathname, matches)
    }
    return matches
  }

  /** The loaders of the matched routes, run as Remix would run them, settled. */
  async function runLoaders(
    matches: NonNullable<ReturnType<typeof matchServerRoutes>>,
    request: Request,
    context: AppLoadContext,
  ) {
    const withLoader = matches.filter((match) => match.route.module.loader)
    const settled = await Promise.allSettled(
      // async: a loader that throws at once (a wrapper's refusal) settles as a rejection too.
      withLoader.map(async (match) =>
        (match.route.module.loader as DataFunction)({
          request,
          params: match.params,
          context,
        } as LoaderFunctionArgs),
      ),
    )
    const plain = settled.map(plainData)
    let loaderData: Record<string, unknown> | null = null
    if (plain.every((result) => result !== null)) {
      // As Remix's static handler orders them: the loaders' data, then null for routes without one.
      loaderData = {}
      withLoader.forEach((match, index) => (loaderData![match.route.id] = plain[index]!.data))
      for (const match of matches)
        if (!(match.route.id in loaderData)) loaderData[match.route.id] = null
    }
    return { withLoader, settled, loaderData }
  }

  /** This request's kept-answer key, read in one statement, when its route is answered that way. */
  async function keptKeyOf(
    req: express.Request,
    match: NonNullable<ReturnType<typeof matchServerRoutes>>[number],
    context: AppLoadContext,
  ) {
    const route = keptRoutes.get(match.route.id)
    if (!route || !keptAnswers?.answerable(match.route.id)) return null
    const readAt = Date.now()
    const search = req.originalUrl.indexOf('?')
    // A version that cannot be read (the database out of reach) leaves the page to its loaders,
    // which answer as they would without this way (a "temporarily unavailable" page, 503).
    const read = await route
      .version({
        params: match.params,
        query:
          search < 0 ? {} : Object.fromEntries(new URLSearchParams(req.originalUrl.slice(search))),
        cookie: req.get('cookie') ?? '',
        context,
      })
      .catch((error: unknown) => {
        if (isDatabaseUnavailableError(error)) return null
        throw error
      })
    return read === null
      ? null
      : {
          key: keptAnswerKey(req, buildVersion, read.version),
          strings: read.strings,
          readAt,
        }
  }

  /**
   * Whether a kept answer differs from what its loaders give now (when no write came between):
   * then the route runs its loaders from now on in this instance, and a strict run fails.
   */
  async function differsFromLoaders(
    req: express.Request,
    res: express.Response,
    matches: NonNullable<ReturnType<typeof matchServerRoutes>>,
    context: AppLoadContext,
    key: string,
    source: KeptAnswerSource,
  ) {
    const started = performance.now()
    const request = createRemixRequest(req, res)
    const routeIds = matches.map((match) => match.route.id)
    const routeId = matches.at(-1)!.route.id
    const { loaderData } = await runLoaders(matches, request, context)
    const now = loaderData && keptAnswerSourceOf!({ request, buildVersion, routeIds, loaderData })
    const again = await keptKeyOf(req, matches.at(-1)!, context)
    keptAnswers!.stats.checked += 1
    keptAnswers!.checked(routeId, performance.now() - started)
    // A write between the two reads of the versions makes the comparison say nothing.
    if (again?.key !== key || sameSource(now, source)) return false
    keptAnswers!.distrust(routeId)
    keptAnswers!.forget(key)
    const message = `[kept answers] ${routeId}: a kept answer differed from its loaders' answer for ${req.path}; this route runs its loaders from now on`
    console.error(message)
    if (keptAnswers!.strict) throw new Error(message)
    return true
  }

  /**
   * The kept answers this instance is making now, by key: a request for the same page meanwhile
   * waits for it and is answered from it, instead of running the same loaders and rendering the same
   * page again (the bench's triage queue, one moderator at 50 connections: 50 renders of its 157 KB
   * page at once, and nothing answered in its first second).
   */
  const making = new Map<string, Promise<void>>()

  async function answer(req: express.Request, res: express.Response, next: express.NextFunction) {
    const matches = matchesOf(req.path)
    const page = matches?.at(-1)?.route.module
    if (!matches || !page || (page.default == null && page.ErrorBoundary == null)) return next()
    const context = loadContext(req, res)
    const routeIds = matches.map((match) => match.route.id)
    const kept = await keptKeyOf(req, matches.at(-1)!, context)
    let keptPage = kept && keptAnswers!.get(kept.key)
    const pending = kept && !keptPage ? making.get(kept.key) : undefined
    if (kept && pending) {
      await pending
      keptPage = keptAnswers!.get(kept.key)
    }
    const source = kept && keptPage && { ...keptPage, strings: kept.strings }
    const fromSource = source ? answerFromKeptSource!({ source, nonce: context.nonce }) : null
    const differed =
      kept && source && fromSource && keptAnswers!.check(routeIds.at(-1)!)
        ? await differsFromLoaders(req, res, matches, context, kept.key, source)
        : false
    // A kept answer, unless its check just found it different: then the loaders' answer below.
    if (kept && fromSource && !differed) {
      keptAnswers!.stats.given += 1
      res.status(200)
      for (const [name, value] of fromSource.headers) res.setHeader(name, value)
      sendChunks(res, fromSource.body)
      return
    }
    // Made here, once: whoever asks for it meanwhile waits until it is kept, not until it is sent
    // (a slow client must not hold the others up); if it cannot be kept, they make their own.
    const made = kept && !making.has(kept.key) ? madeOnce(kept.key) : () => {}
    try {
      await answerAfresh(req, res, matches, context, routeIds, kept, made)
    } finally {
      made()
    }
  }

  /**
   * Registers that the answer under `key` is being made; the function returned says it is kept (or
   * will not be), and may be called more than once.
   */
  function madeOnce(key: string) {
    let done = () => {}
    const pending = new Promise<void>((resolve) => {
      done = resolve
    })
    making.set(key, pending)
    return () => {
      if (making.get(key) === pending) making.delete(key)
      done()
    }
  }

  /** The page from its loaders (and its template, when kept), kept for the next request when it may be. */
  async function answerAfresh(
    req: express.Request,
    res: express.Response,
    matches: NonNullable<ReturnType<typeof matchesOf>>,
    context: AppLoadContext,
    routeIds: string[],
    kept: Awaited<ReturnType<typeof keptKeyOf>>,
    /** Called once the answer is kept, or known not to be, before it is sent. */
    release: () => void,
  ) {
    const request = createRemixRequest(req, res)
    const { withLoader, settled, loaderData } = await runLoaders(matches, request, context)
    if (loaderData) {
      const answered = await answerFromKeptTemplate!({
        request,
        buildVersion,
        routeIds,
        loaderData,
        nonce: context.nonce,
      })
      if (answered) {
        keepAnswer(kept, answered.source, context)
        release()
        res.status(200)
        for (const [name, value] of answered.headers) res.setHeader(name, value)
        res.end(answered.html)
        return
      }
    }
    const preloadedLoaders: PreloadedLoaders = new Map(
      withLoader.map((match, index) => [match.route.id, settled[index]!]),
    )
    const response = await remix(request, res, { preloadedLoaders, keptRoute: kept !== null })
    // Its templates made as Remix rendered it (a templated page's body is whole by now): answered
    // again after one statement from now on.
    if (kept && loaderData && response.status === 200 && keptAnswerSourceAfterRender)
      keepAnswer(
        kept,
        keptAnswerSourceAfterRender({ request, buildVersion, routeIds, loaderData }),
        context,
      )
    release()
    await sendRemixResponse(res, response)
  }

  /** Keeps a page's answer under its key, when the loaders gave the viewer the strings the versions' statement read. */
  function keepAnswer(
    kept: Awaited<ReturnType<typeof keptKeyOf>>,
    source: KeptAnswerSource | null,
    context: AppLoadContext,
  ) {
    if (!kept || !source || !sameStrings(source.strings, kept.strings)) return
    // Only as long as the loaders said their page holds (a route must say: none, not kept).
    const until = Math.min(kept.readAt + KEPT_ANSWER_MS, context.unchangedUntil ?? 0)
    const { templateKey, oneTimeStrings } = source
    if (until > Date.now()) keptAnswers!.keep(kept.key, { templateKey, oneTimeStrings }, until)
  }

  return (req, res, next) => {
    if (!answerFromKeptTemplate || !isDocumentRequest(req)) return next()
    answer(req, res, next).catch(next)
  }
}

/**
 * A body given as its chunks, written as they are (one `writev`, no copy into a buffer of its own),
 * with its length, as `res.end(buffer)` would say it (not chunked).
 */
function sendChunks(res: express.Response, chunks: readonly Buffer[]) {
  res.setHeader(
    'Content-Length',
    chunks.reduce((sum, chunk) => sum + chunk.length, 0),
  )
  res.cork()
  for (const chunk of chunks) res.write(chunk)
  res.end()
}
