// The audit log: `recordAudit` is called inside every staff command's transaction; admins read it,
// as sentences in their language (audit.rules.ts), filtered by person, action, target and date.
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { db, type Transaction } from '#app/db/db.server'
import { auditLog, categories, ideas, statuses, tags, updates, users } from '#app/db/schema'
import type { Locale } from '#app/utils/i18n/i18n'
import { translator } from '#app/utils/i18n/i18n'
import { describeAudit, type AuditAction, type AuditTargetType } from './audit.rules'
import type { AuditFilters } from './audit.schema'

export type AuditEntry = {
  /**
   * The staff action's own transaction. Only a transaction is accepted (not the root database), so
   * an audit row can never be written apart from the change it describes: passing `db()` is a type error.
   */
  tx: Transaction
  actorId: number
  action: AuditAction
  targetType: AuditTargetType
  targetId?: number | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

export async function recordAudit({ tx, actorId, action, targetType, targetId = null, before = null, after = null }: AuditEntry) {
  // 0 stands for "no person" (a system job, or an API token whose creator is gone).
  await tx.insert(auditLog).values({ actorId: actorId || null, action, targetType, targetId, before, after })
}

export const AUDIT_PAGE_SIZE = 50

const targetUsers = alias(users, 'target_users')

/**
 * The log, newest first, described for a reader in `locale`: filtered (see audit.schema.ts) and
 * paged by id (keyset: `before` is the last id of the previous page). One query for the page.
 */
export async function listAudit({ filters = {}, locale = 'en', limit = AUDIT_PAGE_SIZE }: { filters?: AuditFilters; locale?: Locale; limit?: number } = {}) {
  const conditions: SQL[] = []
  if (filters.before) conditions.push(lt(auditLog.id, filters.before))
  if (filters.actorId) conditions.push(eq(auditLog.actorId, filters.actorId))
  if (filters.action) conditions.push(eq(auditLog.action, filters.action))
  if (filters.targetType) conditions.push(eq(auditLog.targetType, filters.targetType))
  if (filters.targetId) conditions.push(eq(auditLog.targetId, filters.targetId))
  if (filters.from) conditions.push(gte(auditLog.createdAt, filters.from))
  // `to` is a day: everything before the next midnight (UTC) counts.
  if (filters.to) conditions.push(lt(auditLog.createdAt, new Date(filters.to.getTime() + 24 * 60 * 60 * 1000)))
  const nameColumn = locale === 'nl' ? 'name_nl' : 'name_en'
  const rows = await db()
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      targetName: sql<string | null>`coalesce(${ideas.title}, ${targetUsers.displayName}, ${updates.title}, ${sql.raw(`"statuses"."${nameColumn}"`)}, ${sql.raw(`"categories"."${nameColumn}"`)}, ${sql.raw(`"tags"."${nameColumn}"`)})`,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(ideas, and(eq(auditLog.targetType, 'idea'), eq(ideas.id, auditLog.targetId)))
    .leftJoin(targetUsers, and(eq(auditLog.targetType, 'user'), eq(targetUsers.id, auditLog.targetId)))
    .leftJoin(updates, and(eq(auditLog.targetType, 'update'), eq(updates.id, auditLog.targetId)))
    .leftJoin(statuses, and(eq(auditLog.targetType, 'status'), eq(statuses.id, auditLog.targetId)))
    .leftJoin(categories, and(eq(auditLog.targetType, 'category'), eq(categories.id, auditLog.targetId)))
    .leftJoin(tags, and(eq(auditLog.targetType, 'tag'), eq(tags.id, auditLog.targetId)))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit + 1)
  const statusRows = await db().select({ slug: statuses.slug, nameEn: statuses.nameEn, nameNl: statuses.nameNl }).from(statuses)
  const statusNames = new Map(statusRows.map((row) => [row.slug, locale === 'nl' ? row.nameNl : row.nameEn]))
  const context = { t: translator(locale), locale, statusName: (slug: string) => statusNames.get(slug) ?? slug }
  return {
    entries: rows.slice(0, limit).map((row) => ({
      id: row.id,
      action: row.action,
      actorId: row.actorId,
      actorName: row.actorName,
      targetType: row.targetType,
      targetId: row.targetId,
      createdAt: row.createdAt,
      ...describeAudit(row, context),
    })),
    nextBefore: rows.length > limit ? rows[limit - 1]!.id : null,
  }
}

/** The people who appear in the log, for the "who" filter. */
export async function listAuditActors() {
  return db()
    .selectDistinct({ id: users.id, displayName: users.displayName })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .orderBy(users.displayName, users.id)
}
