// Notifications: every event that concerns people goes through `notify`, set-based and exactly once
// per person per event (the dedupe key). Later channels (email) hang off the same rows.
import { and, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm'
import { db, type Executor } from '#app/db/db.server'
import { comments, follows, ideas, notifications, users, votes, type NotificationType } from '#app/db/schema'

export type NotifyInput = {
  executor?: Executor
  type: NotificationType
  ideaId: number
  commentId?: number | null
  actorId?: number | null
  payload?: Record<string, string | number>
  /** Names the event; the same event for the same person is stored once. */
  dedupeKey: string
  /** Who to tell: explicit people, the idea's followers, and/or its up-voters. */
  recipients: { userIds?: number[]; followersOf?: number; upVotersOf?: number }
  /** People not to tell (the actor is always left out). */
  except?: number[]
}

/** Creates the notifications for one event in one statement; returns how many were new. */
export async function notify({
  executor = db(),
  type,
  ideaId,
  commentId = null,
  actorId = null,
  payload = {},
  dedupeKey,
  recipients,
  except = [],
}: NotifyInput) {
  const sources: SQL[] = []
  if (recipients.userIds?.length) {
    sources.push(sql`select unnest(${sql.raw(`ARRAY[${recipients.userIds.map(Number).join(',')}]::int[]`)}) as user_id`)
  }
  if (recipients.followersOf) sources.push(sql`select user_id from ${follows} where idea_id = ${recipients.followersOf}`)
  if (recipients.upVotersOf) sources.push(sql`select user_id from ${votes} where idea_id = ${recipients.upVotersOf} and value = 1`)
  if (sources.length === 0) return 0
  const left = [...except, ...(actorId ? [actorId] : [])].map(Number)
  const exclusion = left.length ? sql`where user_id <> all(${sql.raw(`ARRAY[${left.join(',')}]::int[]`)})` : sql``
  const result = await executor.execute(sql`
    insert into ${notifications} (user_id, type, idea_id, comment_id, actor_id, payload, dedupe_key)
    select distinct user_id, ${type}::text, ${ideaId}::int, ${commentId}::int, ${actorId}::int, ${JSON.stringify(payload)}::jsonb, ${dedupeKey}::text
    from (${sql.join(sources, sql` union `)}) recipients
    ${exclusion}
    on conflict (user_id, dedupe_key) do nothing`)
  const affected = result as unknown as { affectedRows?: number; count?: number }
  return Number(affected.affectedRows ?? affected.count ?? 0)
}

export const NOTIFICATIONS_PAGE_SIZE = 30

export async function listNotifications({ userId, before }: { userId: number; before?: number | null }) {
  const rows = await db()
    .select({
      id: notifications.id,
      type: notifications.type,
      payload: notifications.payload,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      ideaId: ideas.id,
      ideaSlug: ideas.slug,
      ideaTitle: ideas.title,
      commentId: notifications.commentId,
      actorName: users.displayName,
      commentDeleted: comments.deletedAt,
    })
    .from(notifications)
    .innerJoin(ideas, eq(ideas.id, notifications.ideaId))
    .leftJoin(users, eq(users.id, notifications.actorId))
    .leftJoin(comments, eq(comments.id, notifications.commentId))
    .where(and(eq(notifications.userId, userId), before ? lt(notifications.id, before) : undefined))
    .orderBy(desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE + 1)
  return {
    notifications: rows.slice(0, NOTIFICATIONS_PAGE_SIZE),
    nextBefore: rows.length > NOTIFICATIONS_PAGE_SIZE ? rows[NOTIFICATIONS_PAGE_SIZE - 1]!.id : null,
  }
}

export async function countUnread({ userId }: { userId: number }) {
  const [row] = await db()
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
  return Number(row?.count ?? 0)
}

/** Marks the given notifications (or all) as read, only the person's own. */
export async function markRead({ userId, ids }: { userId: number; ids?: number[] }) {
  await db()
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids.length ? ids : [0]) : undefined,
      ),
    )
}
