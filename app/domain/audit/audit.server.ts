// The audit log: `recordAudit` is called inside every staff command's transaction; admins read it.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import { db, type Executor } from '#app/db/db.server'
import { auditLog, users } from '#app/db/schema'

export type AuditEntry = {
  executor: Executor
  actorId: number
  action: string
  targetType: 'idea' | 'comment' | 'user' | 'setting' | 'status' | 'category' | 'tag' | 'report' | 'update'
  targetId?: number | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

export async function recordAudit({ executor, actorId, action, targetType, targetId = null, before = null, after = null }: AuditEntry) {
  // 0 stands for "no person" (a system job, or an API token whose creator is gone).
  await executor.insert(auditLog).values({ actorId: actorId || null, action, targetType, targetId, before, after })
}

export const AUDIT_PAGE_SIZE = 50

/** The log, newest first, optionally for one target, paged by id. */
export async function listAudit({
  before,
  targetType,
  targetId,
}: {
  before?: number | null
  targetType?: string
  targetId?: number
} = {}) {
  const conditions: SQL[] = []
  if (before) conditions.push(sql`${auditLog.id} < ${before}`)
  if (targetType) conditions.push(eq(auditLog.targetType, targetType))
  if (targetId) conditions.push(eq(auditLog.targetId, targetId))
  const rows = await db()
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
      actorName: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
  return {
    entries: rows.slice(0, AUDIT_PAGE_SIZE),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1]!.id : null,
  }
}
