// Owns what a request sees while the database is out of reach: every route's loader and action is
// wrapped once, at start-up, so that a connection-level database error becomes a 503 with
// Retry-After (rendered by the error boundary as the site's "temporarily unavailable" page) instead
// of a 500. Other errors pass through untouched. Recovery needs nothing: the next query reconnects.
import type { ActionFunctionArgs, LoaderFunctionArgs, ServerBuild } from '@remix-run/node'

import {
  databaseErrorCode,
  databaseUnavailableResponse,
  isDatabaseUnavailableError,
} from '#app/utils/database-errors.server'
import { getLocale } from '#app/utils/i18n/i18n.server'

import { audienceOf, type DataFunction, type RouteModule, wrapRouteData } from './route-data.server'

// An outage fails every request: log the first and then at most one summary line per interval.
const LOG_INTERVAL_MS = 5_000
let lastLoggedAt = 0
let unlogged = 0

/** Logs that a request was answered 503 for want of the database, throttled as above. */
export function logDatabaseOutage(error: unknown, requestId: string) {
  const now = Date.now()
  if (now - lastLoggedAt < LOG_INTERVAL_MS) {
    unlogged++
    return
  }
  const more = unlogged ? ` (and ${unlogged} more since the last line)` : ''
  console.warn(
    `[request ${requestId}] database unavailable (${databaseErrorCode(error) ?? 'unknown'}): answered 503${more}`,
  )
  lastLoggedAt = now
  unlogged = 0
}

function logOutage(error: unknown, args: LoaderFunctionArgs | ActionFunctionArgs) {
  logDatabaseOutage(error, (args.context as { requestId?: string }).requestId ?? 'unknown')
}

function guarded(run: DataFunction, module: RouteModule): DataFunction {
  return async (args) => {
    try {
      return await run(args)
    } catch (error) {
      if (!isDatabaseUnavailableError(error)) throw error
      logOutage(error, args)
      throw databaseUnavailableResponse({
        audience: audienceOf(args.request, module),
        locale: getLocale(args.request),
      })
    }
  }
}

/** The same build with every loader and action answering 503 during a database outage. */
export function answerDatabaseOutagesWith503(build: ServerBuild): ServerBuild {
  return wrapRouteData(build, (run, route) => guarded(run, route.module))
}
