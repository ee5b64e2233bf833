// The team's answers on ideas: status changes with a public response, and official responses
// without a change. Each writes the timeline row, the audit row and the notifications in one
// transaction, under the idea's row lock.
import { asc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'

import { db, type Executor } from '#app/db/db.server'
import { ideaResponses, ideas, notifications, statuses, users } from '#app/db/schema'
import { literalLimit, preparedRead } from '#app/db/sql.server'
import { mayChangeStatus, type StaffActor } from '#app/domain/accounts/accounts.rules'
import { recordAudit } from '#app/domain/audit/audit.server'
import { notify } from '#app/domain/notifications/notifications.server'
import { awardImplemented } from '#app/domain/points/points.server'
import { emitEvent } from '#app/domain/webhooks/webhooks.server'

import { implementedDelta, statusChangeProblem } from './responses.rules'

// Actor types belong to accounts; re-exported for the callers that still import it from here.
export type { StaffActor } from '#app/domain/accounts/accounts.rules'

export type StatusChangeResult =
  | {
      ok: true
      changed: number[]
      /** How many different people were told (once each, however many ideas they follow). */ notified: number
    }
  | {
      ok: false
      reason:
        | 'forbidden'
        | 'notFound'
        | 'sameStatus'
        | 'responseRequired'
        | 'retired'
        | 'useMerge'
        | 'merged'
        | 'unknownStatus'
      ideaId?: number
    }

function isBackOffice(actor: StaffActor) {
  return mayChangeStatus(actor.role)
}

/**
 * Moves ideas to a status with one public response (bulk when several ids are given). All or
 * nothing: one idea that cannot move stops the whole change. Followers and up-voters of each idea
 * are told unless `notifyPeople` is false.
 */
export async function changeStatus({
  actor,
  ideaIds,
  statusId,
  response,
  notifyPeople = true,
  executor = db(),
}: {
  actor: StaffActor
  ideaIds: number[]
  statusId: number
  response: string
  notifyPeople?: boolean
  executor?: Executor
}): Promise<StatusChangeResult> {
  if (!isBackOffice(actor)) return { ok: false, reason: 'forbidden' }
  const ids = [...new Set(ideaIds)].sort((a, b) => a - b)
  if (ids.length === 0) return { ok: false, reason: 'notFound' }
  return executor.transaction(async (tx) => {
    const [target] = await tx.select().from(statuses).where(eq(statuses.id, statusId))
    if (!target) return { ok: false, reason: 'unknownStatus' } as const
    // Locked in id order, so two bulk changes over overlapping ideas cannot deadlock.
    const rows = await tx
      .select({
        id: ideas.id,
        authorId: ideas.authorId,
        statusId: ideas.statusId,
        slug: statuses.slug,
        answeredAt: ideas.answeredAt,
        mergedIntoId: ideas.mergedIntoId,
      })
      .from(ideas)
      .innerJoin(statuses, eq(statuses.id, ideas.statusId))
      .where(inArray(ideas.id, ids))
      .orderBy(asc(ideas.id))
      .for('update', { of: ideas })
    if (rows.length !== ids.length) return { ok: false, reason: 'notFound' } as const
    for (const row of rows) {
      const problem = statusChangeProblem({
        toSlug: target.slug,
        response,
        fromStatusId: row.statusId,
        toStatusId: target.id,
        toRetired: target.retired,
        merged: row.mergedIntoId !== null,
      })
      if (problem) return { ok: false, reason: problem, ideaId: row.id } as const
    }
    const now = new Date()
    const dedupeKeys: string[] = []
    for (const row of rows) {
      await tx
        .update(ideas)
        .set({
          statusId: target.id,
          statusChangedAt: now,
          answeredAt: row.answeredAt ?? now,
          updatedAt: now,
        })
        .where(eq(ideas.id, row.id))
      const [entry] = await tx
        .insert(ideaResponses)
        .values({
          ideaId: row.id,
          authorId: actor.id,
          fromStatusId: row.statusId,
          toStatusId: target.id,
          body: response,
          notified: notifyPeople,
          createdAt: now,
        })
        .returning({ id: ideaResponses.id })
      await emitEvent({
        executor: tx,
        event: 'idea.status_changed',
        eventId: `status:${entry!.id}`,
        data: { id: row.id, from: row.slug, to: target.slug, response },
      })
      const launched = implementedDelta(row.slug, target.slug)
      if (launched)
        await awardImplemented({ executor: tx, userId: row.authorId, at: now, delta: launched })
      await recordAudit({
        tx,
        actorId: actor.id,
        action: 'idea.status',
        targetType: 'idea',
        targetId: row.id,
        before: { status: row.slug },
        after: { status: target.slug, response, notified: notifyPeople },
      })
      if (notifyPeople) {
        dedupeKeys.push(`status:${entry!.id}`)
        await notify({
          executor: tx,
          type: 'status',
          ideaId: row.id,
          actorId: actor.id,
          payload: {
            status: target.slug,
            nameEn: target.nameEn,
            nameNl: target.nameNl,
            responseId: entry!.id,
          },
          dedupeKey: `status:${entry!.id}`,
          recipients: { followersOf: row.id, upVotersOf: row.id, userIds: [row.authorId] },
        })
      }
    }
    const [told] = dedupeKeys.length
      ? await tx
          .select({ count: sql<number>`count(distinct ${notifications.userId})::int` })
          .from(notifications)
          .where(inArray(notifications.dedupeKey, dedupeKeys))
      : [{ count: 0 }]
    return {
      ok: true,
      changed: rows.map((row) => row.id),
      notified: Number(told?.count ?? 0),
    } as const
  })
}

/** Carries a rehearsed change's result out of the transaction it rolls back. */
class Rehearsal extends Error {
  constructor(readonly result: StatusChangeResult) {
    super('status change rehearsed and rolled back')
  }
}

/**
 * What `changeStatus` would do (how many ideas move, how many different people are told), for the
 * confirmation asked before a bulk change: the change itself is made and rolled back, so the
 * numbers come from the same rules (who follows, who switched the email off) and nothing is kept.
 */
export async function rehearseStatusChange(
  input: Omit<Parameters<typeof changeStatus>[0], 'executor'>,
): Promise<StatusChangeResult> {
  try {
    await db().transaction(async (tx) => {
      throw new Rehearsal(await changeStatus({ ...input, executor: tx }))
    })
  } catch (error) {
    if (error instanceof Rehearsal) return error.result
    throw error
  }
  throw new Error('a rehearsal always rolls back')
}

/** An official response without a status change; shown highlighted in the idea's timeline. */
export async function postOfficialResponse({
  actor,
  ideaId,
  response,
  notifyPeople = true,
}: {
  actor: StaffActor
  ideaId: number
  response: string
  notifyPeople?: boolean
}): Promise<{ ok: true } | { ok: false; reason: 'forbidden' | 'notFound' | 'responseRequired' }> {
  if (!isBackOffice(actor)) return { ok: false, reason: 'forbidden' }
  if (response.trim() === '') return { ok: false, reason: 'responseRequired' }
  return db().transaction(async (tx) => {
    const [idea] = await tx
      .select({ id: ideas.id, authorId: ideas.authorId, answeredAt: ideas.answeredAt })
      .from(ideas)
      .where(eq(ideas.id, ideaId))
      .for('update')
    if (!idea) return { ok: false, reason: 'notFound' } as const
    const now = new Date()
    const [entry] = await tx
      .insert(ideaResponses)
      .values({
        ideaId,
        authorId: actor.id,
        body: response,
        notified: notifyPeople,
        createdAt: now,
      })
      .returning({ id: ideaResponses.id })
    if (!idea.answeredAt)
      await tx.update(ideas).set({ answeredAt: now }).where(eq(ideas.id, ideaId))
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'idea.response',
      targetType: 'idea',
      targetId: ideaId,
      after: { response },
    })
    if (notifyPeople) {
      await notify({
        executor: tx,
        type: 'response',
        ideaId,
        actorId: actor.id,
        payload: { responseId: entry!.id },
        dedupeKey: `response:${entry!.id}`,
        recipients: { followersOf: ideaId, userIds: [idea.authorId] },
      })
    }
    return { ok: true } as const
  })
}

const fromStatus = alias(statuses, 'from_status')
const toStatus = alias(statuses, 'to_status')

/** An idea's timeline of team answers, oldest first (one query). */
export async function listResponses({ ideaId }: { ideaId: number }) {
  return responsesOfIdea().execute({ ideaId })
}

const responsesOfIdea = preparedRead((database) =>
  database
    .select({
      id: ideaResponses.id,
      body: ideaResponses.body,
      createdAt: ideaResponses.createdAt,
      authorName: users.displayName,
      fromNameEn: fromStatus.nameEn,
      fromNameNl: fromStatus.nameNl,
      toSlug: toStatus.slug,
      toNameEn: toStatus.nameEn,
      toNameNl: toStatus.nameNl,
      toColor: toStatus.color,
    })
    .from(ideaResponses)
    .leftJoin(users, eq(users.id, ideaResponses.authorId))
    .leftJoin(fromStatus, eq(fromStatus.id, ideaResponses.fromStatusId))
    .leftJoin(toStatus, eq(toStatus.id, ideaResponses.toStatusId))
    .where(eq(ideaResponses.ideaId, sql.placeholder('ideaId')))
    .orderBy(asc(ideaResponses.createdAt), asc(ideaResponses.id))
    .limit(literalLimit(200))
    .prepare('responses_of_idea'),
)
