// Failed-attempt counters with growing delays, kept in the database so every instance sees the
// same counts. An attempt is counted before it is evaluated (a burst of parallel attempts cannot
// slip past the free failures) and given back when it turns out not to be a failure.
import { type SQL, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { failureDelays } from '#app/db/schema'
import { intArray, queryRows } from '#app/db/sql.server'

import { delaySchedule, type FailureDelayRule } from './failure-delays.rules'

export type FailureKey = { rule: FailureDelayRule; subject: string }

const keyOf = ({ rule, subject }: FailureKey) => `${rule.name}:${subject.toLowerCase()}`

export type ClaimResult =
  | { ok: true; failures: number }
  | { ok: false; reason: 'tooManyAttempts'; retryAfterSeconds: number }

/**
 * Counts one failure for the key in advance, unless the key is still waiting out its delay. One
 * atomic upsert: parallel attempts on any instance take turns on the row.
 */
export async function claimAttempt(key: FailureKey): Promise<ClaimResult> {
  const { rule } = key
  const schedule = delaySchedule(rule)
  // No wait is NULL, not now(): a statement that queued for the row lock started earlier than the
  // one it waited for, and would read that one's now() as still in the future.
  const waitUntil = (failures: SQL) => {
    const delay = sql`(${intArray(schedule)})[least(${failures}, ${schedule.length})]`
    return sql`case when ${delay} > 0 then now() + make_interval(secs => ${delay}) end`
  }
  const sliding = rule.memory === 'sliding'
  const failures = sql`(case when f.forget_at <= now() then 1 else f.failures + 1 end)`
  const [claimed] = await queryRows<{ failures: number }>(
    db(),
    sql`insert into failure_delays as f (key, failures, blocked_until, forget_at)
        values (${keyOf(key)}, 1, ${waitUntil(sql`1`)}, now() + make_interval(secs => ${rule.memorySeconds}))
        on conflict (key) do update set
          failures = ${failures},
          blocked_until = ${waitUntil(failures)},
          forget_at = case when ${sliding} or f.forget_at <= now() then now() + make_interval(secs => ${rule.memorySeconds}) else f.forget_at end
        where f.blocked_until is null or f.blocked_until <= now() or f.forget_at <= now()
        returning failures`,
  )
  if (claimed) return { ok: true, failures: Number(claimed.failures) }
  const [waiting] = await queryRows<{ seconds: number }>(
    db(),
    sql`select ceil(extract(epoch from blocked_until - now()))::int as seconds from failure_delays where key = ${keyOf(key)}`,
  )
  return {
    ok: false,
    reason: 'tooManyAttempts',
    retryAfterSeconds: Math.max(1, Number(waiting?.seconds ?? 1)),
  }
}

/** Gives back a failure counted in advance (the attempt succeeded, or was refused by another key). */
export async function unclaimAttempt(key: FailureKey) {
  await db()
    .update(failureDelays)
    .set({
      failures: sql`greatest(${failureDelays.failures} - 1, 0)`,
      blockedUntil: sql`case when ${failureDelays.failures} - 1 < ${key.rule.freeFailures} then null else ${failureDelays.blockedUntil} end`,
    })
    .where(sql`${failureDelays.key} = ${keyOf(key)}`)
}

/** Forgets the key's failures (the right password from this account and address or device). */
export async function clearFailures(key: FailureKey) {
  await db()
    .delete(failureDelays)
    .where(sql`${failureDelays.key} = ${keyOf(key)}`)
}
