// API tokens: hashed, scoped, revocable, rate limited. The HTTP side (bearer header, JSON answers
// that say exactly what was wrong) lives at the edge, in app/utils/http/api.server.ts.
import { createHash, randomBytes } from 'node:crypto'

import { and, desc, eq, isNull, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { type ApiScope, apiTokens } from '#app/db/schema'
import { recordAudit } from '#app/domain/audit/audit.server'
import { hitRateLimit, rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

export type ApiCaller = { tokenId: number; actorId: number; scopes: ApiScope[] }

type ApiTokenRefusal = 'unknown' | 'missingScope' | 'rateLimited'
export type ApiTokenCheck =
  | { ok: true; caller: ApiCaller }
  | { ok: false; reason: ApiTokenRefusal; retryAfterSeconds?: number }

/** The caller behind a token, if it is live and may use `scope` (and its rate limit allows one more request). */
export async function authenticateApiToken({
  token,
  scope,
}: {
  token: string
  scope: ApiScope
}): Promise<ApiTokenCheck> {
  const [row] = await db()
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashOf(token)))
  if (!row || row.revokedAt) return { ok: false, reason: 'unknown' }
  if (!row.scopes.includes(scope)) return { ok: false, reason: 'missingScope' }
  const limit = await hitRateLimit({ rule: rateLimitRules.apiPerToken, subject: String(row.id) })
  if (!limit.allowed)
    return { ok: false, reason: 'rateLimited', retryAfterSeconds: limit.retryAfterSeconds }
  // Remember use, at most once a minute per token.
  await db()
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, row.id),
        sql`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < now() - interval '1 minute')`,
      ),
    )
  return {
    ok: true,
    caller: { tokenId: row.id, actorId: row.createdById ?? 0, scopes: row.scopes },
  }
}

/** Creates a token; the plain value is returned once and never stored. */
export async function createApiToken({
  actor,
  name,
  scopes,
}: {
  actor: { id: number; role: string }
  name: string
  scopes: ApiScope[]
}) {
  if (actor.role !== 'admin') return { ok: false as const, reason: 'forbidden' as const }
  const token = `ibx_${randomBytes(32).toString('base64url')}`
  const id = await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name,
        tokenHash: hashOf(token),
        prefix: token.slice(0, 10),
        scopes,
        createdById: actor.id,
      })
      .returning({ id: apiTokens.id })
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'api-token.create',
      targetType: 'setting',
      targetId: row!.id,
      after: { name, scopes },
    })
    return row!.id
  })
  return { ok: true as const, token, id }
}

export async function revokeApiToken({
  actor,
  id,
}: {
  actor: { id: number; role: string }
  id: number
}) {
  if (actor.role !== 'admin') return { ok: false as const, reason: 'forbidden' as const }
  await db().transaction(async (tx) => {
    await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'api-token.revoke',
      targetType: 'setting',
      targetId: id,
    })
  })
  return { ok: true as const }
}

export async function listApiTokens() {
  return db()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .orderBy(desc(apiTokens.createdAt))
}
