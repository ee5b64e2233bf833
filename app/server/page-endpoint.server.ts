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

import type { RemixFetchHandler } from './express-fetch.server'
import { type DataFunction, wrapRouteData } from './route-data.server'

type AnswerFromKeptTemplate = (input: {
  request: Request
  buildVersion: string
  routeIds: string[]
  loaderData: Record<string, unknown>
  nonce: string
}) => Promise<{ html: string; headers: [string, string][] } | null>

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
}: {
  build: ServerBuild
  remix: RemixFetchHandler
  loadContext: (req: express.Request, res: express.Response) => AppLoadContext
}): express.RequestHandler {
  const answerFromKeptTemplate = (
    build.entry.module as { answerFromKeptTemplate?: AnswerFromKeptTemplate }
  ).answerFromKeptTemplate
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

  async function answer(req: express.Request, res: express.Response, next: express.NextFunction) {
    const matches = matchesOf(req.path)
    const page = matches?.at(-1)?.route.module
    if (!matches || !page || (page.default == null && page.ErrorBoundary == null)) return next()
    const request = createRemixRequest(req, res)
    const context = loadContext(req, res)
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
    if (plain.every((result) => result !== null)) {
      // As Remix's static handler orders them: the loaders' data, then null for routes without one.
      const loaderData: Record<string, unknown> = {}
      withLoader.forEach((match, index) => (loaderData[match.route.id] = plain[index]!.data))
      for (const match of matches)
        if (!(match.route.id in loaderData)) loaderData[match.route.id] = null
      const kept = await answerFromKeptTemplate!({
        request,
        buildVersion,
        routeIds: matches.map((match) => match.route.id),
        loaderData,
        nonce: context.nonce,
      })
      if (kept) {
        res.status(200)
        for (const [name, value] of kept.headers) res.setHeader(name, value)
        res.end(kept.html)
        return
      }
    }
    const preloadedLoaders: PreloadedLoaders = new Map(
      withLoader.map((match, index) => [match.route.id, settled[index]!]),
    )
    await sendRemixResponse(res, await remix(request, res, { preloadedLoaders }))
  }

  return (req, res, next) => {
    if (!answerFromKeptTemplate || !isDocumentRequest(req)) return next()
    answer(req, res, next).catch(next)
  }
}
