// Database-backed fixed-window rate limits, shared by every instance behind the load balancer.
import { sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { failureDelays, rateLimits } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'

export type RateLimitRule = {
  /** What is limited, e.g. `vote:user`. */
  name: string
  limit: number
  windowSeconds: number
}

export type RateLimitResult = {
  allowed: boolean
  remaining: number
  retryAfterSeconds: number
}

export const rateLimitRules = {
  /** Password-reset requests per address (sign-in failures: signInDelayRules in failure-delays.rules.ts). */
  passwordResetPerIp: { name: 'password-reset:ip', limit: 30, windowSeconds: 15 * 60 },
  signUpPerIp: { name: 'sign-up:ip', limit: 20, windowSeconds: 60 * 60 },
  /** "Send the email again" on the sign-up's check-your-email page, per address. */
  signUpResendPerAddress: { name: 'sign-up-resend:address', limit: 3, windowSeconds: 60 * 60 },
  votePerUser: { name: 'vote:user', limit: 120, windowSeconds: 60 },
  ideaPerUser: { name: 'idea:user', limit: 10, windowSeconds: 60 * 60 },
  commentPerUser: { name: 'comment:user', limit: 30, windowSeconds: 10 * 60 },
  /** Comments posted by replying to an email, per person (on top of commentPerUser): tight, a burst of replies is a loop or an attack. Counted atomically (one statement) before posting. */
  emailReplyPerUser: { name: 'email-reply:user', limit: 5, windowSeconds: 10 * 60 },
  /** The explanation of a refused email reply, per token person and reason: one an hour, so no mail loop. */
  replyRefusalPerAddress: { name: 'reply-refused:address', limit: 1, windowSeconds: 60 * 60 },
  reportPerUser: { name: 'report:user', limit: 20, windowSeconds: 60 * 60 },
  apiPerToken: { name: 'api:token', limit: 120, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>

/** The row a rule keeps for one subject (an IP address, an account, a person's id). */
export function rateLimitBucket({ rule, subject }: { rule: RateLimitRule; subject: string }) {
  return `${rule.name}:${subject.toLowerCase()}`
}

/**
 * Counts one hit against `rule` for `subject` and says whether it is within the limit. One atomic
 * upsert (the database function hit_rate_limit, app/domain/rate-limits/hit-rate-limit.sql): parallel requests on
 * any instance cannot slip past the limit.
 */
export async function hitRateLimit({
  rule,
  subject,
}: {
  rule: RateLimitRule
  subject: string
}): Promise<RateLimitResult> {
  const [row] = await queryRows<{ hits: number; retry_after: number }>(
    db(),
    sql`select hits, retry_after from hit_rate_limit(${rateLimitBucket({ rule, subject })}::text, ${rule.windowSeconds}::int)`,
  )
  const hits = Number(row?.hits ?? 1)
  return {
    allowed: hits <= rule.limit,
    remaining: Math.max(0, rule.limit - hits),
    retryAfterSeconds: Math.max(1, Number(row?.retry_after ?? rule.windowSeconds)),
  }
}

const PRUNE_BATCH = 5_000
const PRUNE_EVERY_MS = 5 * 60_000
let lastPrunedAt = 0

/**
 * Deletes expired rate-limit windows and sign-in failure counters, a bounded batch of each (their
 * indexes on reset_at / forget_at find them), so neither table grows with every address that ever
 * came by. Any instance may do it, at most every five minutes; the worker calls it each round.
 */
export async function pruneExpiredLimits({ force = false }: { force?: boolean } = {}) {
  if (!force && Date.now() - lastPrunedAt < PRUNE_EVERY_MS)
    return { rateLimits: 0, failureDelays: 0 }
  lastPrunedAt = Date.now()
  const [windows, failures] = await Promise.all([
    queryRows<{ n: number }>(
      db(),
      sql`with gone as (delete from ${rateLimits} where ctid in (select ctid from ${rateLimits} where ${rateLimits.resetAt} < now() limit ${PRUNE_BATCH}) returning 1)
          select count(*)::int as n from gone`,
    ),
    queryRows<{ n: number }>(
      db(),
      sql`with gone as (delete from ${failureDelays} where ctid in (select ctid from ${failureDelays} where ${failureDelays.forgetAt} < now() limit ${PRUNE_BATCH}) returning 1)
          select count(*)::int as n from gone`,
    ),
  ])
  return { rateLimits: windows[0]?.n ?? 0, failureDelays: failures[0]?.n ?? 0 }
}
