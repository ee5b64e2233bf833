// The intake API's door at the HTTP edge: the bearer header, JSON bodies checked for size and syntax,
// and JSON answers that say exactly what was wrong, with field paths, never a stack trace.
import type { z } from 'zod'

import type { ApiScope } from '#app/db/schema'
import { type ApiCaller, authenticateApiToken } from '#app/domain/api/api.server'
import { submissionKeyField } from '#app/utils/schemas'

const API_BODY_MAX_BYTES = 64 * 1024

export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
  })
}

/** A JSON error response thrown from anywhere in an API handler. */
export function apiError(
  status: number,
  error: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return json({ error, ...extra }, status, headers)
}

/** The caller behind the bearer token, if it may use `scope`; otherwise a thrown 401/403/429. */
export async function requireApiScope(request: Request, scope: ApiScope): Promise<ApiCaller> {
  const header = request.headers.get('Authorization') ?? ''
  const match = /^Bearer\s+(ibx_[\w-]{20,80})$/.exec(header.trim())
  if (!match)
    throw apiError(
      401,
      'unauthorized',
      { message: 'Send a token as "Authorization: Bearer ibx_…".' },
      { 'WWW-Authenticate': 'Bearer' },
    )
  const check = await authenticateApiToken({ token: match[1]!, scope })
  if (check.ok) return check.caller
  switch (check.reason) {
    case 'unknown':
      throw apiError(
        401,
        'unauthorized',
        { message: 'This token is unknown or revoked.' },
        { 'WWW-Authenticate': 'Bearer' },
      )
    case 'missingScope':
      throw apiError(403, 'forbidden', { message: `This token lacks the ${scope} scope.`, scope })
    case 'rateLimited':
      throw apiError(
        429,
        'rate_limited',
        { retryAfterSeconds: check.retryAfterSeconds },
        { 'Retry-After': String(check.retryAfterSeconds) },
      )
  }
}

/** The JSON body, checked for size and syntax, then validated with `schema` (400 with field paths). */
export async function readJson<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<z.infer<Schema>> {
  if (!(request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('application/json')) {
    throw apiError(415, 'unsupported_media_type', {
      message: 'Send JSON with Content-Type: application/json.',
    })
  }
  const declared = Number(request.headers.get('Content-Length') ?? 0)
  if (declared > API_BODY_MAX_BYTES)
    throw apiError(413, 'too_large', { maxBytes: API_BODY_MAX_BYTES })
  const text = await request.text()
  if (Buffer.byteLength(text) > API_BODY_MAX_BYTES)
    throw apiError(413, 'too_large', { maxBytes: API_BODY_MAX_BYTES })
  let value: unknown
  try {
    // PostgreSQL text cannot hold NUL ("\u0000" is valid JSON): strings lose it, as form fields do.
    value = JSON.parse(text, (_key, item: unknown) =>
      typeof item === 'string' && item.includes('\u0000') ? item.replace(/\u0000/g, '') : item,
    )
  } catch {
    throw apiError(400, 'invalid_json', { message: 'The body is not valid JSON.' })
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw apiError(400, 'validation', {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    })
  }
  return parsed.data
}

/**
 * The request's `Idempotency-Key` header, if it has one, as the submission key to file under: a
 * retry with the same key is answered with what the first request filed. Keys are the token's own
 * (two integrations may both number their requests from 1), so the token's id goes in front.
 */
export function readIdempotencyKey(request: Request, caller: ApiCaller) {
  const header = request.headers.get('Idempotency-Key')
  if (header === null) return undefined
  if (!submissionKeyField.safeParse(header.trim()).success) {
    throw apiError(400, 'validation', {
      issues: [{ path: 'Idempotency-Key', message: '8 to 64 letters, digits, - or _' }],
    })
  }
  return `api-${caller.tokenId}-${header.trim()}`
}
