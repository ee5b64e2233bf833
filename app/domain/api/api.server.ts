// The intake API's door: bearer tokens (hashed, scoped, revocable, rate limited) and JSON answers
// that say exactly what was wrong, with field paths, never a stack trace.
import { createHash, randomBytes } from 'node:crypto'
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { z } from 'zod'
import { db } from '#app/db/db.server'
import { apiTokens, type ApiScope } from '#app/db/schema'
import { recordAudit } from '#app/domain/audit/audit.server'
import { hitRateLimit, rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'

export const API_BODY_MAX_BYTES = 64 * 1024

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers } })
}

/** A JSON error response thrown from anywhere in an API handler. */
export function apiError(status: number, error: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return json({ error, ...extra }, status, headers)
}

export type ApiCaller = { tokenId: number; actorId: number; scopes: ApiScope[] }

/** The caller behind the bearer token, if it may use `scope`; otherwise a thrown 401/403/429. */
export async function requireApiScope(request: Request, scope: ApiScope): Promise<ApiCaller> {
  const header = request.headers.get('Authorization') ?? ''
  const match = /^Bearer\s+(ibx_[\w-]{20,80})$/.exec(header.trim())
  if (!match) throw apiError(401, 'unauthorized', { message: 'Send a token as "Authorization: Bearer ibx_…".' }, { 'WWW-Authenticate': 'Bearer' })
  const [token] = await db().select().from(apiTokens).where(eq(apiTokens.tokenHash, hashOf(match[1]!)))
  if (!token || token.revokedAt) throw apiError(401, 'unauthorized', { message: 'This token is unknown or revoked.' }, { 'WWW-Authenticate': 'Bearer' })
  if (!token.scopes.includes(scope)) throw apiError(403, 'forbidden', { message: `This token lacks the ${scope} scope.`, scope })
  const limit = await hitRateLimit({ rule: rateLimitRules.apiPerToken, subject: String(token.id) })
  if (!limit.allowed) throw apiError(429, 'rate_limited', { retryAfterSeconds: limit.retryAfterSeconds }, { 'Retry-After': String(limit.retryAfterSeconds) })
  // Remember use, at most once a minute per token.
  await db().update(apiTokens).set({ lastUsedAt: sql`now()` }).where(and(eq(apiTokens.id, token.id), sql`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < now() - interval '1 minute')`))
  return { tokenId: token.id, actorId: token.createdById ?? 0, scopes: token.scopes }
}

/** The JSON body, checked for size and syntax, then validated with `schema` (400 with field paths). */
export async function readJson<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  if (!(request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('application/json')) {
    throw apiError(415, 'unsupported_media_type', { message: 'Send JSON with Content-Type: application/json.' })
  }
  const declared = Number(request.headers.get('Content-Length') ?? 0)
  if (declared > API_BODY_MAX_BYTES) throw apiError(413, 'too_large', { maxBytes: API_BODY_MAX_BYTES })
  const text = await request.text()
  if (Buffer.byteLength(text) > API_BODY_MAX_BYTES) throw apiError(413, 'too_large', { maxBytes: API_BODY_MAX_BYTES })
  let value: unknown
  try {
    // PostgreSQL text cannot hold NUL ("\u0000" is valid JSON): strings lose it, as form fields do.
    value = JSON.parse(text, (_key, item: unknown) => (typeof item === 'string' && item.includes('\u0000') ? item.replace(/\u0000/g, '') : item))
  } catch {
    throw apiError(400, 'invalid_json', { message: 'The body is not valid JSON.' })
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw apiError(400, 'validation', {
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    })
  }
  return parsed.data
}

/** Creates a token; the plain value is returned once and never stored. */
export async function createApiToken({ actor, name, scopes }: { actor: { id: number; role: string }; name: string; scopes: ApiScope[] }) {
  if (actor.role !== 'admin') return { ok: false as const, error: 'forbidden' as const }
  const token = `ibx_${randomBytes(32).toString('base64url')}`
  const id = await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ name, tokenHash: hashOf(token), prefix: token.slice(0, 10), scopes, createdById: actor.id })
      .returning({ id: apiTokens.id })
    await recordAudit({ tx, actorId: actor.id, action: 'api-token.create', targetType: 'setting', targetId: row!.id, after: { name, scopes } })
    return row!.id
  })
  return { ok: true as const, token, id }
}

export async function revokeApiToken({ actor, id }: { actor: { id: number; role: string }; id: number }) {
  if (actor.role !== 'admin') return { ok: false as const, error: 'forbidden' as const }
  await db().transaction(async (tx) => {
    await tx.update(apiTokens).set({ revokedAt: sql`now()` }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    await recordAudit({ tx, actorId: actor.id, action: 'api-token.revoke', targetType: 'setting', targetId: id })
  })
  return { ok: true as const }
}

export async function listApiTokens() {
  return db()
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, scopes: apiTokens.scopes, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .orderBy(desc(apiTokens.createdAt))
}
