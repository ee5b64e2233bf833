// Owns one question: is this error the database being out of reach (down, restarting, network gone),
// rather than a bug or a bad query? Such errors deserve a 503 that says "try again soon", not a 500.
// Also builds that 503 answer, so every door (pages, resource routes, the API) says it the same way.
import { type Locale, translator } from '#app/utils/i18n/i18n'

/** How long clients are asked to wait before trying again (Retry-After), in seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 10

// Socket-level failures reported by Node (the server is gone, refused, or unreachable).
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
])
// postgres.js's own codes for a connection that closed, ended or never opened.
const clientCodes = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
])
// SQLSTATEs that mean "this database cannot serve you right now", not "your query is wrong":
// class 08 connection exception, class 53 insufficient resources (too many connections, out of
// memory, disk full), 57P operator intervention (shutting down, crashed, starting up, database
// dropped, idle session timeout) and 3D000 invalid_catalog_name (the database is not there, as
// while it is being restored). Not 57014 query_canceled: that is the query's own statement timeout.
const unavailableStates = /^(?:08|53)[0-9A-Z]{3}$|^57P[0-9A-Z]{2}$|^3D000$/
// 55000 object_not_in_prerequisite_state is about the connection only when the server ends the
// session with it (FATAL), as for a database that does not allow connections ("ALTER DATABASE …
// ALLOW_CONNECTIONS false": not currently accepting connections). The same code from a query
// (currval before nextval, …) is a bug. `severity` is the untranslated field (PostgreSQL ≥ 9.6).
const NOT_ACCEPTING_CONNECTIONS = '55000'

const MAX_DEPTH = 8

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : undefined
}

function refusesConnections(error: object) {
  const { severity, message } = error as { severity?: unknown; message?: unknown }
  return (
    severity === 'FATAL' ||
    (typeof message === 'string' && /not currently accepting connections/.test(message))
  )
}

/** The code of this one error when it says the database is out of reach, else undefined. */
function unavailableCode(error: object) {
  const code = codeOf(error)
  if (!code) return undefined
  if (networkCodes.has(code) || clientCodes.has(code) || unavailableStates.test(code)) return code
  if (code === NOT_ACCEPTING_CONNECTIONS && refusesConnections(error)) return code
  return undefined
}

/** The error itself and what it wraps (drizzle's `cause`, an AggregateError's `errors`), breadth first. */
function* causeChain(error: unknown): Generator<object> {
  const queue: { value: unknown; depth: number }[] = [{ value: error, depth: 0 }]
  const seen = new Set<unknown>()
  while (queue.length) {
    const { value, depth } = queue.shift()!
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > MAX_DEPTH)
      continue
    seen.add(value)
    yield value
    queue.push({ value: (value as { cause?: unknown }).cause, depth: depth + 1 })
    const inner = (value as { errors?: unknown }).errors
    if (Array.isArray(inner))
      for (const item of inner) queue.push({ value: item, depth: depth + 1 })
  }
}

/** True when the error (or anything it wraps) says the database cannot be reached right now. */
export function isDatabaseUnavailableError(error: unknown): boolean {
  return databaseErrorCode(error) !== undefined
}

/** The code that made the decision (for one log line), without message or query text. */
export function databaseErrorCode(error: unknown): string | undefined {
  for (const link of causeChain(error)) {
    const code = unavailableCode(link)
    if (code) return code
  }
  return undefined
}

export type UnavailableAudience = 'page' | 'resource' | 'api'

const retryHeaders = {
  'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS),
  'Cache-Control': 'no-store',
}

/**
 * The 503 to throw from a loader or action. Pages get JSON data that their error boundary renders
 * as the site's "temporarily unavailable" page in the visitor's language; the API gets its usual
 * JSON error shape; other resource routes (forms posting to an endpoint, feeds) a plain sentence.
 */
export function databaseUnavailableResponse({
  audience,
  locale,
}: {
  audience: UnavailableAudience
  locale: Locale
}) {
  if (audience === 'page') {
    return new Response(JSON.stringify({ reason: 'database', locale }), {
      status: 503,
      statusText: 'Service Unavailable',
      headers: { ...retryHeaders, 'Content-Type': 'application/json; charset=utf-8' },
    })
  }
  if (audience === 'api') {
    const body = {
      error: 'unavailable',
      message: 'The service cannot reach its database right now. Try again shortly.',
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    }
    return new Response(JSON.stringify(body), {
      status: 503,
      headers: { ...retryHeaders, 'Content-Type': 'application/json; charset=utf-8' },
    })
  }
  const t = translator(locale)
  const sentence = `${t('error.unavailableTitle')}. ${t('error.unavailableText')}`
  return new Response(sentence, {
    status: 503,
    headers: { ...retryHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
  })
}
