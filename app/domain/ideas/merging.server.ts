// Merging duplicates: the duplicate's votes and followers move to the original (a person who voted
// on both keeps their vote on the original), its comments stay where they are, and it is closed as
// Duplicate pointing at the original. Safe to repeat. The original may be closed (launched,
// declined): its votes then count there as support, though nobody can add one (decision 037).
import { asc, eq, inArray, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { follows, ideaResponses, ideas, statuses, votes } from '#app/db/schema'
import type { StaffActor } from '#app/domain/accounts/accounts.rules'
import { backOfficeRoles, hasRole } from '#app/domain/accounts/accounts.rules'
import { recordAudit } from '#app/domain/audit/audit.server'
import { notify } from '#app/domain/notifications/notifications.server'
import { recountPoints } from '#app/domain/points/points.server'

import { recountIdeas } from './ideas.server'
import {
  type MergeDuplicateRefusal,
  mergeDuplicateRefusal,
  type MergeTargetRefusal,
  mergeTargetRefusal,
} from './merging.rules'
import { statusDisplayColumns } from './status-display.server'

export type MergeResult =
  | { ok: true; alreadyMerged: boolean; movedVotes: number; movedFollowers: number }
  | {
      ok: false
      reason: 'forbidden' | 'notFound' | 'sameIdea' | MergeDuplicateRefusal | MergeTargetRefusal
    }

export async function mergeIdeas({
  actor,
  duplicateId,
  originalId,
  response = '',
  notifyPeople = true,
}: {
  actor: StaffActor
  duplicateId: number
  originalId: number
  response?: string
  notifyPeople?: boolean
}): Promise<MergeResult> {
  if (!hasRole(actor.role, backOfficeRoles)) return { ok: false, reason: 'forbidden' }
  if (duplicateId === originalId) return { ok: false, reason: 'sameIdea' }
  return db().transaction(async (tx) => {
    const rows = await tx
      .select({
        id: ideas.id,
        slug: ideas.slug,
        title: ideas.title,
        authorId: ideas.authorId,
        statusId: ideas.statusId,
        ...statusDisplayColumns,
        statusCategory: statuses.category,
        mergedIntoId: ideas.mergedIntoId,
        withdrawnAt: ideas.withdrawnAt,
        hiddenAt: ideas.hiddenAt,
        isPublic: ideas.isPublic,
        answeredAt: ideas.answeredAt,
      })
      .from(ideas)
      .innerJoin(statuses, eq(statuses.id, ideas.statusId))
      .where(inArray(ideas.id, [duplicateId, originalId]))
      .orderBy(asc(ideas.id))
      .for('update', { of: ideas })
    const duplicate = rows.find((row) => row.id === duplicateId)
    const original = rows.find((row) => row.id === originalId)
    if (!duplicate || !original) return { ok: false, reason: 'notFound' } as const
    if (duplicate.mergedIntoId === originalId)
      return { ok: true, alreadyMerged: true, movedVotes: 0, movedFollowers: 0 } as const
    const refusal =
      mergeDuplicateRefusal(duplicate) ??
      mergeTargetRefusal({ ...original, isPublic: original.isPublic ?? false })
    if (refusal) return { ok: false, reason: refusal } as const

    const [duplicateStatus] = await tx.select().from(statuses).where(eq(statuses.slug, 'duplicate'))
    const now = new Date()
    // Tell the duplicate's people first, while they are still its followers and voters.
    const [entry] = await tx
      .insert(ideaResponses)
      .values({
        ideaId: duplicateId,
        authorId: actor.id,
        fromStatusId: duplicate.statusId,
        toStatusId: duplicateStatus!.id,
        body: response,
        notified: notifyPeople,
        createdAt: now,
      })
      .returning({ id: ideaResponses.id })
    if (notifyPeople) {
      await notify({
        executor: tx,
        type: 'status',
        ideaId: duplicateId,
        actorId: actor.id,
        // Names the original, with its status, and leads there: that is where their vote went and
        // where to follow it, or, when it is launched or declined, what became of what they asked.
        payload: {
          status: 'duplicate',
          nameEn: duplicateStatus!.nameEn,
          nameNl: duplicateStatus!.nameNl,
          responseId: entry!.id,
          originalId,
          originalSlug: original.slug,
          originalTitle: original.title,
          originalStatus: original.statusSlug,
          originalCategory: original.statusCategory,
          originalNameEn: original.statusNameEn,
          originalNameNl: original.statusNameNl,
        },
        dedupeKey: `status:${entry!.id}`,
        recipients: {
          followersOf: duplicateId,
          upVotersOf: duplicateId,
          userIds: [duplicate.authorId],
        },
      })
    }

    const moved = await tx.execute(sql`
      insert into ${votes} (idea_id, user_id, value, created_at, updated_at)
      select ${originalId}::int, user_id, value, created_at, updated_at from ${votes} where idea_id = ${duplicateId}
      on conflict (idea_id, user_id) do nothing`)
    await tx.delete(votes).where(eq(votes.ideaId, duplicateId))
    const movedFollows = await tx.execute(sql`
      insert into ${follows} (idea_id, user_id, created_at)
      select ${originalId}::int, user_id, created_at from ${follows} where idea_id = ${duplicateId}
      on conflict (idea_id, user_id) do nothing`)
    await tx.delete(follows).where(eq(follows.ideaId, duplicateId))

    await tx
      .update(ideas)
      .set({
        statusId: duplicateStatus!.id,
        mergedIntoId: originalId,
        statusChangedAt: now,
        answeredAt: duplicate.answeredAt ?? now,
        updatedAt: now,
      })
      .where(eq(ideas.id, duplicateId))
    await recountIdeas({ ideaIds: [duplicateId, originalId], executor: tx })
    await recountPoints({
      executor: tx,
      userIds: [...new Set([duplicate.authorId, original.authorId])],
    })
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'idea.merge',
      targetType: 'idea',
      targetId: duplicateId,
      before: { status: duplicate.statusSlug },
      after: { status: 'duplicate', mergedInto: originalId },
    })
    const count = (result: unknown) => {
      const value = result as { affectedRows?: number; count?: number }
      return Number(value.affectedRows ?? value.count ?? 0)
    }
    return {
      ok: true,
      alreadyMerged: false,
      movedVotes: count(moved),
      movedFollowers: count(movedFollows),
    } as const
  })
}

const MERGE_CANDIDATES_LIMIT = 10

/**
 * Ideas a duplicate could be merged into, found by number or by the words of their title or
 * description (the full-text index; no substring search, see docs/decisions/007-search.md): not the
 * idea itself, only ideas that mergeTargetRefusal accepts (not merged elsewhere, public), in any
 * status, with it (a launched one is often the answer); most voted first.
 */
export async function findMergeCandidates({
  search,
  excludeId,
  limit = MERGE_CANDIDATES_LIMIT,
}: {
  search: string
  excludeId: number
  limit?: number
}) {
  const text = search.trim()
  if (!text) return []
  const asId = /^#?(\d{1,9})$/.exec(text)
  const matches = asId
    ? sql`${ideas.id} = ${Number(asId[1])}`
    : sql`(${ideas.searchVector} @@ (websearch_to_tsquery('english', ${text}) || websearch_to_tsquery('dutch', ${text})))`
  return db()
    .select({ id: ideas.id, title: ideas.title, score: ideas.score, ...statusDisplayColumns })
    .from(ideas)
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    .where(
      sql`${matches} and ${ideas.id} <> ${excludeId} and ${ideas.mergedIntoId} is null and ${ideas.isPublic}`,
    )
    .orderBy(sql`${ideas.score} desc`, asc(ideas.id))
    .limit(limit)
}
