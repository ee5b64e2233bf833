// Statuses and categories are data the admins manage: add, rename, recolour, reorder, retire.
// Something in use is never deleted, only retired; the statuses the product's rules name (New,
// Launched, Declined, Duplicate) cannot be retired either.
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import {
  categories,
  type IdeaKind,
  ideaResponses,
  ideas,
  type StatusCategory,
  statuses,
} from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import type { StaffActor } from '#app/domain/accounts/accounts.rules'
import { recordAudit } from '#app/domain/audit/audit.server'

import { slugify } from './ideas.rules'
import { categoryOrder } from './ideas.server'

export const coreStatusSlugs = ['new', 'implemented', 'declined', 'duplicate'] as const

export type TaxonomyResult =
  { ok: true } | { ok: false; reason: 'forbidden' | 'notFound' | 'taken' | 'inUse' | 'core' }

const forbidden = { ok: false, reason: 'forbidden' } as const

export async function saveStatus({
  actor,
  id,
  nameEn,
  nameNl,
  color,
  category,
  onRoadmap,
}: {
  actor: StaffActor
  id?: number
  nameEn: string
  nameNl: string
  color: string
  category: StatusCategory
  onRoadmap: boolean
}): Promise<TaxonomyResult> {
  if (actor.role !== 'admin') return forbidden
  return db().transaction(async (tx) => {
    if (id) {
      const [before] = await tx.select().from(statuses).where(eq(statuses.id, id)).for('update')
      if (!before) return { ok: false, reason: 'notFound' } as const
      // The rules depend on what the core statuses mean: their category stays.
      const keepCategory = (coreStatusSlugs as readonly string[]).includes(before.slug)
        ? before.category
        : category
      await tx
        .update(statuses)
        .set({ nameEn, nameNl, color, category: keepCategory, onRoadmap })
        .where(eq(statuses.id, id))
      await recordAudit({
        tx,
        actorId: actor.id,
        action: 'status.update',
        targetType: 'status',
        targetId: id,
        before,
        after: { nameEn, nameNl, color, category: keepCategory, onRoadmap },
      })
      return { ok: true } as const
    }
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${statuses.position}), 0) + 10` })
      .from(statuses)) as [{ next: number }]
    const [created] = await tx
      .insert(statuses)
      .values({
        slug: slugify(nameEn),
        nameEn,
        nameNl,
        color,
        category,
        onRoadmap,
        position: Number(next),
      })
      .onConflictDoNothing()
      .returning({ id: statuses.id })
    if (!created) return { ok: false, reason: 'taken' } as const
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'status.create',
      targetType: 'status',
      targetId: created.id,
      after: { nameEn, nameNl, color, category, onRoadmap },
    })
    return { ok: true } as const
  })
}

/** Swaps a status with its neighbour in the order. */
export async function moveStatus({
  actor,
  id,
  direction,
}: {
  actor: StaffActor
  id: number
  direction: 'up' | 'down'
}): Promise<TaxonomyResult> {
  if (actor.role !== 'admin') return forbidden
  return db().transaction(async (tx) => {
    const [current] = await tx.select().from(statuses).where(eq(statuses.id, id)).for('update')
    if (!current) return { ok: false, reason: 'notFound' } as const
    const [neighbour] = await tx
      .select()
      .from(statuses)
      .where(
        direction === 'up'
          ? lt(statuses.position, current.position)
          : gt(statuses.position, current.position),
      )
      .orderBy(direction === 'up' ? sql`${statuses.position} desc` : asc(statuses.position))
      .limit(1)
      .for('update')
    if (!neighbour) return { ok: true } as const
    await tx
      .update(statuses)
      .set({ position: neighbour.position })
      .where(eq(statuses.id, current.id))
    await tx
      .update(statuses)
      .set({ position: current.position })
      .where(eq(statuses.id, neighbour.id))
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'status.move',
      targetType: 'status',
      targetId: id,
      before: { position: current.position },
      after: { position: neighbour.position },
    })
    return { ok: true } as const
  })
}

/** Retires (or brings back) a status: it can no longer be chosen, and leaves the roadmap. */
export async function setStatusRetired({
  actor,
  id,
  retired,
}: {
  actor: StaffActor
  id: number
  retired: boolean
}): Promise<TaxonomyResult> {
  if (actor.role !== 'admin') return forbidden
  return db().transaction(async (tx) => {
    const [status] = await tx.select().from(statuses).where(eq(statuses.id, id)).for('update')
    if (!status) return { ok: false, reason: 'notFound' } as const
    if (retired && (coreStatusSlugs as readonly string[]).includes(status.slug))
      return { ok: false, reason: 'core' } as const
    await tx.update(statuses).set({ retired }).where(eq(statuses.id, id))
    await recordAudit({
      tx,
      actorId: actor.id,
      action: retired ? 'status.retire' : 'status.restore',
      targetType: 'status',
      targetId: id,
    })
    return { ok: true } as const
  })
}

/** Deletes a status nobody ever used; one in use must be retired instead. */
export async function deleteStatus({
  actor,
  id,
}: {
  actor: StaffActor
  id: number
}): Promise<TaxonomyResult> {
  if (actor.role !== 'admin') return forbidden
  return db().transaction(async (tx) => {
    const [status] = await tx.select().from(statuses).where(eq(statuses.id, id)).for('update')
    if (!status) return { ok: false, reason: 'notFound' } as const
    if ((coreStatusSlugs as readonly string[]).includes(status.slug))
      return { ok: false, reason: 'core' } as const
    const [use] = await queryRows<{ used: boolean }>(
      tx,
      sql`select exists (select 1 from ${ideas} where status_id = ${id})
              or exists (select 1 from ${ideaResponses} where from_status_id = ${id} or to_status_id = ${id}) as used`,
    )
    if (use?.used) return { ok: false, reason: 'inUse' } as const
    await tx.delete(statuses).where(eq(statuses.id, id))
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'status.delete',
      targetType: 'status',
      targetId: id,
      before: status,
    })
    return { ok: true } as const
  })
}

export async function saveCategory({
  actor,
  id,
  kind,
  nameEn,
  nameNl,
}: {
  actor: StaffActor
  id?: number
  kind: IdeaKind
  nameEn: string
  nameNl: string
}): Promise<TaxonomyResult> {
  if (actor.role !== 'admin') return forbidden
  return db().transaction(async (tx) => {
    if (id) {
      const [before] = await tx.select().from(categories).where(eq(categories.id, id)).for('update')
      if (!before) return { ok: false, reason: 'notFound' } as const
      await tx.update(categories).set({ nameEn, nameNl }).where(eq(categories.id, id))
      await recordAudit({
        tx,
        actorId: actor.id,
        action: 'category.update',
        targetType: 'category',
        targetId: id,
        before,
        after: { nameEn, nameNl },
      })
      return { ok: true } as const
    }
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${categories.position}), 0) + 10` })
      .from(categories)
      .where(eq(categories.kind, kind))) as [{ next: number }]
    const [created] = await tx
      .insert(categories)
      .values({ kind, slug: slugify(nameEn), nameEn, nameNl, position: Number(next) })
      .onConflictDoNothing()
      .returning({ id: categories.id })
    if (!created) return { ok: false, reason: 'taken' } as const
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'category.create',
      targetType: 'category',
      targetId: created.id,
      after: { kind, nameEn, nameNl },
    })
    return { ok: true } as const
  })
}

export async function setCategoryRetired({
  actor,
  id,
  retired,
}: {
  actor: StaffActor
  id: number
  retired: boolean
}): Promise<TaxonomyResult> {
  if (actor.role !== 'admin') return forbidden
  return db().transaction(async (tx) => {
    const [category] = await tx
      .update(categories)
      .set({ retired })
      .where(and(eq(categories.id, id)))
      .returning({ id: categories.id })
    if (!category) return { ok: false, reason: 'notFound' } as const
    await recordAudit({
      tx,
      actorId: actor.id,
      action: retired ? 'category.retire' : 'category.restore',
      targetType: 'category',
      targetId: id,
    })
    return { ok: true } as const
  })
}

export async function listAllCategories() {
  return db()
    .select()
    .from(categories)
    .orderBy(...categoryOrder())
}
