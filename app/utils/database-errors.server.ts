// Owns one question: is this error the database being out of reach (down, restarting, network gone),
// rather than a bug or a bad query? Such errors deserve a 503 that says "try again soon", not a 500.
// Also builds that 503 answer, so every door (pages, resource routes, the API) says it the same way.
import { translator, type Locale } from '#app/utils/i18n/i18n'

/** How long clients are asked to wait before trying again (Retry-After), in seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 10

// Socket-level failures reported by Node (the server is gone, refused, or unreachable).
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN'])
// postgres.js's own codes for a connection that closed, ended or never opened.
const clientCodes = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT'])
// SQLSTATEs sent by a server that is shutting down, starting up, or full; class 08 is "connection exception".
const serverStates = new Set(['57P01', '57P02', '57P03', '53300'])

const MAX_DEPTH = 8

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : undefined
}

function isUnavailableCode(code: string | undefined) {
  if (!code) return false
  return networkCodes.has(code) || clientCodes.has(code) || serverStates.has(code) || /^08[0-9A-Z]{3}$/.test(code)
}

/** The error itself and what it wraps (drizzle's `cause`, an AggregateError's `errors`), breadth first. */
function* causeChain(error: unknown): Generator<object> {
  const queue: { value: unknown; depth: number }[] = [{ value: error, depth: 0 }]
  const seen = new Set<unknown>()
  while (queue.length) {
    const { value, depth } = queue.shift()!
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > MAX_DEPTH) continue
    seen.add(value)
    yield value
    queue.push({ value: (value as { cause?: unknown }).cause, depth: depth + 1 })
    const inner = (value as { errors?: unknown }).errors
    if (Array.isArray(inner)) for (const item of inner) queue.push({ value: item, depth: depth + 1 })
  }
}

/** True when the error (or anything it wraps) says the database cannot be reached right now. */
export function isDatabaseUnavailableError(error: unknown): boolean {
  for (const link of causeChain(error)) {
    if (isUnavailableCode(codeOf(link))) return true
  }
  return false
}

/** The code that made the decision (for one log line), without message or query text. */
export function databaseErrorCode(error: unknown): string | undefined {
  for (const link of causeChain(error)) {
    const code = codeOf(link)
    if (isUnavailableCode(code)) return code
  }
  return undefined
}

export type UnavailableAudience = 'page' | 'resource' | 'api'

const retryHeaders = { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' }

/**
 * The 503 to throw from a loader or action. Pages get JSON data that their error boundary renders
 * as the site's "temporarily unavailable" page in the visitor's language; the API gets its usual
 * JSON error shape; other resource routes (forms posting to an endpoint, feeds) a plain sentence.
 */
export function databaseUnavailableResponse({ audience, locale }: { audience: UnavailableAudience; locale: Locale }) {
  if (audience === 'page') {
    return new Response(JSON.stringify({ reason: 'database', locale }), {
      status: 503,
      statusText: 'Service Unavailable',
      headers: { ...retryHeaders, 'Content-Type': 'application/json; charset=utf-8' },
    })
  }
  if (audience === 'api') {
    const body = { error: 'unavailable', message: 'The service cannot reach its database right now. Try again shortly.', retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS }
    return new Response(JSON.stringify(body), { status: 503, headers: { ...retryHeaders, 'Content-Type': 'application/json; charset=utf-8' } })
  }
  const t = translator(locale)
  const sentence = `${t('error.unavailableTitle')}. ${t('error.unavailableText')}`
  return new Response(sentence, { status: 503, headers: { ...retryHeaders, 'Content-Type': 'text/plain; charset=utf-8' } })
}
