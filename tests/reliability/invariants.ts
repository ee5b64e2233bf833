// Owns what the database must say after the crash check: counters equal to their rows, contributor
// points equal to what the repair would compute, every acknowledged vote, idea and comment present,
// and every outbox message received exactly once. Each function returns a named check result.
import { sql, TransactionRollbackError } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { queryRows } from '#app/db/sql.server'
import { recountPoints } from '#app/domain/points/points.server'

import type { CheckResult } from './report'
import type { MailSink } from './smtp-sink'
import type { VoteDirection, WriteLoad } from './write-load'

const SHOWN_FAILURES = 10

function result(
  name: string,
  failures: string[],
  summary: string,
  details: Record<string, unknown> = {},
): CheckResult {
  return {
    name,
    passed: failures.length === 0,
    summary: failures.length ? `${failures.length} problem(s); ${summary}` : summary,
    failures: failures.slice(0, SHOWN_FAILURES),
    details,
  }
}

type CounterRow = {
  id: number
  up_votes: number
  down_votes: number
  score: number
  comment_count: number
  follower_count: number
  ups: number
  downs: number
  live_comments: number
  followers: number
}

/** Every idea's up_votes, down_votes, score, comment_count and follower_count equal the rows they count. */
export async function checkIdeaCounters(): Promise<CheckResult> {
  const rows = await queryRows<CounterRow>(
    db(),
    sql`select i.id, i.up_votes, i.down_votes, i.score, i.comment_count, i.follower_count,
          (select count(*)::int from votes v where v.idea_id = i.id and v.value = 1) as ups,
          (select count(*)::int from votes v where v.idea_id = i.id and v.value = -1) as downs,
          (select count(*)::int from comments c where c.idea_id = i.id and c.deleted_at is null and c.hidden_at is null) as live_comments,
          (select count(*)::int from follows f where f.idea_id = i.id) as followers
        from ideas i order by i.id`,
  )
  const failures: string[] = []
  for (const row of rows) {
    const expected = {
      up_votes: row.ups,
      down_votes: row.downs,
      score: row.ups - row.downs,
      comment_count: row.live_comments,
      follower_count: row.followers,
    }
    for (const [column, value] of Object.entries(expected)) {
      const actual = Number(row[column as keyof CounterRow])
      if (actual !== value)
        failures.push(`idea ${row.id}: ${column} = ${actual}, rows say ${value}`)
    }
  }
  const votes = rows.reduce((sum, row) => sum + row.ups + row.downs, 0)
  return result(
    'votes: counters equal rows',
    failures,
    `${rows.length} ideas, ${votes} vote rows`,
    { ideas: rows.length, voteRows: votes },
  )
}

const valueOf = (direction: VoteDirection) =>
  direction === 'up' ? 1 : direction === 'down' ? -1 : 0

/** The last acknowledged direction of every (person, idea) pair is what the votes table holds. */
export async function checkAcknowledgedVotes(load: WriteLoad): Promise<CheckResult> {
  const finals = [...load.voteFinals.values()]
  const userIds = [...new Set(finals.map((final) => final.userId))]
  const rows = await queryRows<{ user_id: number; idea_id: number; value: number }>(
    db(),
    sql`select user_id, idea_id, value from votes where user_id in ${userIds.length ? userIds : [0]}`,
  )
  const stored = new Map(rows.map((row) => [`${row.user_id}:${row.idea_id}`, Number(row.value)]))
  const failures: string[] = []
  let uncertain = 0
  for (const final of finals) {
    const actual = stored.get(`${final.userId}:${final.ideaId}`) ?? 0
    // An unacknowledged later request may or may not have landed: either outcome is honest.
    const allowed = new Set([
      valueOf(final.acknowledged),
      ...(final.unconfirmed ? [valueOf(final.unconfirmed)] : []),
    ])
    if (final.unconfirmed) uncertain++
    if (!allowed.has(actual))
      failures.push(
        `user ${final.userId} on idea ${final.ideaId}: acknowledged ${final.acknowledged}, table holds ${actual}`,
      )
  }
  return result(
    'votes: acknowledged final states kept',
    failures,
    `${finals.length} (person, idea) pairs, ${uncertain} ended unacknowledged`,
    { pairs: finals.length, unacknowledgedEnds: uncertain },
  )
}

type PointsRow = {
  user_id: number
  period: string
  votes_received: number
  ideas_implemented: number
}

const pointsKey = (row: PointsRow) => `${row.user_id}/${row.period}`
const pointsValue = (row: PointsRow) => `${row.votes_received}+${row.ideas_implemented}`
const readPoints = (executor: Parameters<typeof queryRows>[0]) =>
  queryRows<PointsRow>(
    executor,
    sql`select user_id, period, votes_received, ideas_implemented from contributor_points where votes_received <> 0 or ideas_implemented <> 0`,
  )

/** Contributor points kept by the votes equal what recountPoints (the repair) computes from the rows. */
export async function checkContributorPoints(): Promise<CheckResult> {
  const kept = await readPoints(db())
  let recounted: PointsRow[] = []
  // Recount inside a transaction that is rolled back: the check looks, it does not repair.
  await db()
    .transaction(async (tx) => {
      await recountPoints({ executor: tx })
      recounted = await readPoints(tx)
      tx.rollback()
    })
    .catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error
    })
  const keptByKey = new Map(kept.map((row) => [pointsKey(row), pointsValue(row)]))
  const recountedByKey = new Map(recounted.map((row) => [pointsKey(row), pointsValue(row)]))
  const failures: string[] = []
  for (const key of new Set([...keptByKey.keys(), ...recountedByKey.keys()])) {
    if (keptByKey.get(key) !== recountedByKey.get(key))
      failures.push(
        `${key}: kept ${keptByKey.get(key) ?? 'nothing'}, recount says ${recountedByKey.get(key) ?? 'nothing'}`,
      )
  }
  return result(
    'points: kept equal recount',
    failures,
    `${recounted.length} non-zero (person, period) rows`,
    { rows: recounted.length },
  )
}

/** Every idea and comment whose post was acknowledged exists, by its author, with its submission key. */
export async function checkAcknowledgedPosts(load: WriteLoad): Promise<CheckResult> {
  const failures: string[] = []
  const ideaIds = load.ideas.map((idea) => idea.ideaId)
  const ideaRows = await queryRows<{ id: number; author_id: number; submission_key: string }>(
    db(),
    sql`select id, author_id, submission_key from ideas where id in ${ideaIds.length ? ideaIds : [0]}`,
  )
  const ideasById = new Map(ideaRows.map((row) => [row.id, row]))
  for (const idea of load.ideas) {
    const row = ideasById.get(idea.ideaId)
    if (!row || row.author_id !== idea.posterId || row.submission_key !== idea.submissionKey)
      failures.push(`idea ${idea.ideaId} (${idea.submissionKey}) missing or changed`)
  }
  const commentIds = load.comments.map((comment) => comment.commentId)
  const commentRows = await queryRows<{
    id: number
    author_id: number
    idea_id: number
    body: string
    deleted_at: Date | null
  }>(
    db(),
    sql`select id, author_id, idea_id, body, deleted_at from comments where id in ${commentIds.length ? commentIds : [0]}`,
  )
  const commentsById = new Map(commentRows.map((row) => [row.id, row]))
  for (const comment of load.comments) {
    const row = commentsById.get(comment.commentId)
    if (
      !row ||
      row.deleted_at ||
      row.author_id !== comment.authorId ||
      row.idea_id !== comment.ideaId ||
      row.body !== comment.body
    )
      failures.push(`comment ${comment.commentId} missing or changed`)
  }
  // A retried submission must not have created a second idea or comment.
  const [dupes] = await queryRows<{ ideas: number; comments: number }>(
    db(),
    sql`select (select count(*)::int from (select submission_key from ideas where submission_key is not null group by author_id, submission_key having count(*) > 1) d) as ideas,
               (select count(*)::int from (select submission_key from comments where submission_key is not null group by author_id, submission_key having count(*) > 1) d) as comments`,
  )
  if (dupes && (dupes.ideas || dupes.comments))
    failures.push(`duplicated submissions: ${dupes.ideas} ideas, ${dupes.comments} comments`)
  return result(
    'crash: acknowledged ideas and comments kept',
    failures,
    `${load.ideas.length} ideas, ${load.comments.length} comments acknowledged`,
    { ideas: load.ideas.length, comments: load.comments.length },
  )
}

type OutboxState = { unsettled: number; failed: number }

async function outboxState(): Promise<OutboxState> {
  const [row] = await queryRows<{ unsettled: number; failed: number }>(
    db(),
    sql`select count(*) filter (where state in ('pending', 'sending'))::int as unsettled, count(*) filter (where state = 'failed')::int as failed from outbox`,
  )
  return { unsettled: Number(row?.unsettled ?? 0), failed: Number(row?.failed ?? 0) }
}

/** Polls until no outbox message is pending or being sent; returns how long that took, or null on timeout. */
export async function waitForOutboxDrained({
  timeoutMs,
  pollMs = 250,
}: {
  timeoutMs: number
  pollMs?: number
}) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if ((await outboxState()).unsettled === 0) return Date.now() - started
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
  return null
}

/**
 * Every message the outbox recorded as sent over SMTP arrived exactly once; nothing arrived that
 * the outbox does not know; nothing is stuck or failed; and the message held while its sender was
 * killed arrived later, once.
 */
export async function checkOutboxExactlyOnce({
  sink,
  heldOutboxId,
  drainedInMs,
}: {
  sink: MailSink
  heldOutboxId: number | null
  drainedInMs: number | null
}): Promise<CheckResult> {
  const failures: string[] = []
  if (drainedInMs === null) failures.push('the outbox did not drain in time')
  const state = await outboxState()
  if (state.unsettled) failures.push(`${state.unsettled} messages still pending or sending`)
  if (state.failed) failures.push(`${state.failed} messages failed`)
  const sent = await queryRows<{ id: number; attempts: number }>(
    db(),
    sql`select id, attempts from outbox where state = 'sent' and delivered_via = 'smtp'`,
  )
  const counts = sink.countsByOutboxId()
  for (const row of sent) {
    const arrived = counts.get(row.id) ?? 0
    if (arrived !== 1) failures.push(`outbox ${row.id} arrived ${arrived} times`)
  }
  const known = new Set(sent.map((row) => row.id))
  for (const [id, arrived] of counts)
    if (!known.has(id))
      failures.push(`outbox ${id} arrived ${arrived} times but is not recorded as sent`)
  if (sink.unidentified.length)
    failures.push(`${sink.unidentified.length} messages without an X-Ideabox-Message header`)
  if (heldOutboxId === null)
    failures.push(
      'no message was in flight when the instance was killed (the kill did not hit a send)',
    )
  else if (counts.get(heldOutboxId) !== 1)
    failures.push(
      `the message held during the kill (outbox ${heldOutboxId}) arrived ${counts.get(heldOutboxId) ?? 0} times`,
    )
  const retried = sent.filter((row) => row.attempts > 1).length
  return result(
    'outbox: each message received exactly once',
    failures,
    `${sent.length} sent, ${retried} after a retry, drained in ${drainedInMs ?? '∞'} ms`,
    {
      sent: sent.length,
      retried,
      heldOutboxId,
      drainedInMs,
    },
  )
}

/** The outbox rows of the notification emails a comment queued. */
export async function outboxIdsForComment(commentId: number) {
  const rows = await queryRows<{ id: number }>(
    db(),
    sql`select o.id from outbox o join notifications n on n.id = o.notification_id where n.comment_id = ${commentId} order by o.id`,
  )
  return rows.map((row) => row.id)
}
