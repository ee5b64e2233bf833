// Notifications: every event that concerns people goes through `notify`, set-based and exactly once
// per person per event (the dedupe key). Later channels (email) hang off the same rows.
import { and, type AnyColumn, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'

import { type Database, db, type Executor } from '#app/db/db.server'
import { preparedKeysetReads } from '#app/db/keyset.server'
import {
  comments,
  follows,
  ideaResponses,
  ideas,
  internalNotes,
  notificationPreferences,
  notifications,
  type NotificationType,
  updates,
  users,
  votes,
} from '#app/db/schema'
import { intArray, literalLimit, queryRows } from '#app/db/sql.server'
import { enqueueStatement } from '#app/domain/outbox/enqueue.server'
import { batchPerTurnOf } from '#app/utils/batch-per-turn.server'
import { type PageAt, readKeysetPage } from '#app/utils/cursors'
import { env } from '#app/utils/env.server'
import { markdownToText } from '#app/utils/markdown.server'

import {
  COMMENT_EMAIL_WAIT_MINUTES,
  commentGone,
  emailWaitMinutes,
  eventContent,
  type NotificationEvent,
  notificationPath,
} from './notifications.rules'

export type NotifyInput = {
  executor?: Executor
  type: NotificationType
  ideaId?: number | null
  /** For update notifications: the published update. */
  updateId?: number | null
  commentId?: number | null
  actorId?: number | null
  payload?: Record<string, string | number>
  /** Names the event; the same event for the same person is stored once. */
  dedupeKey: string
  /** Who to tell: explicit people, the idea's followers, and/or its up-voters. */
  recipients: {
    userIds?: number[]
    followersOf?: number
    upVotersOf?: number
    /** Several ideas at once (an update linking them): a person in more than one still gets one. */
    followersOfAny?: number[]
    upVotersOfAny?: number[]
    authorsOf?: number[]
  }
  /** People not to tell (the actor is always left out). */
  except?: number[]
  /**
   * False: in the app only, no email, whatever the person's settings (another email of the same
   * event says it already: a captured idea's confirmation carries its acknowledgement).
   */
  email?: boolean
}

/**
 * Creates the notifications for one event in one statement, and queues an email for each new one
 * whose recipient wants this type by email in a second (through the outbox's one writer; sent by the
 * worker after commit). Returns how many notifications were new.
 */
export async function notify({ executor = db(), ...input }: NotifyInput) {
  const ctes = notificationCtes(input)
  if (!ctes) return 0
  const [result] = await queryRows<{ created: number }>(
    executor,
    sql`with ${ctes} select count(*)::int as created from notified`,
  )
  return Number(result?.created ?? 0)
}

/**
 * `notify` as two data-modifying CTEs (`notified`, then `notified_emails`) for a command that does
 * its other writes in the same statement; `onlyIf` guards them (e.g. "the idea was inserted").
 * Undefined when there is nobody to tell.
 */
export function notificationCtes({
  type,
  ideaId = null,
  updateId = null,
  commentId = null,
  actorId = null,
  payload = {},
  dedupeKey,
  recipients,
  except = [],
  onlyIf,
  email = true,
}: Omit<NotifyInput, 'executor'> & { onlyIf?: SQL }) {
  const sources: SQL[] = []
  if (recipients.userIds?.length) {
    // A parameter, not literal ids: the statement's text stays the same for every person (prepared once).
    sources.push(sql`select unnest(${intArray(recipients.userIds)}) as user_id`)
  }
  const followersOf = [recipients.followersOf, ...(recipients.followersOfAny ?? [])].filter(
    (id): id is number => Boolean(id),
  )
  const upVotersOf = [recipients.upVotersOf, ...(recipients.upVotersOfAny ?? [])].filter(
    (id): id is number => Boolean(id),
  )
  if (followersOf.length)
    sources.push(sql`select user_id from ${follows} where idea_id = any(${intArray(followersOf)})`)
  if (upVotersOf.length)
    sources.push(
      sql`select user_id from ${votes} where idea_id = any(${intArray(upVotersOf)}) and value = 1`,
    )
  if (recipients.authorsOf?.length)
    sources.push(
      sql`select author_id as user_id from ${ideas} where id = any(${intArray(recipients.authorsOf)})`,
    )
  if (sources.length === 0) return undefined
  const left = [...except, ...(actorId ? [actorId] : [])].map(Number)
  const conditions = [
    ...(left.length ? [sql`user_id <> all(${intArray(left)})`] : []),
    ...(onlyIf ? [onlyIf] : []),
  ]
  return notificationRowsCtes(
    email,
    sql`select distinct user_id, ${type}::text, ${ideaId}::int, ${updateId}::int, ${commentId}::int, ${actorId}::int, ${JSON.stringify(payload)}::jsonb, ${dedupeKey}::text
        from (${sql.join(sources, sql` union `)}) recipients
        ${conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}`,
  )
}

/**
 * Notifications of several events at once, one per person and event (posting a batch of ideas
 * acknowledges each to its author): `notificationCtes` where every row brings its own event. `onlyIf`
 * may read the row as `notification_row` (e.g. "its idea was inserted").
 */
export function eachNotificationCtes({
  rows,
  onlyIf,
}: {
  rows: (Omit<NotifyInput, 'executor' | 'recipients' | 'except'> & { userId: number })[]
  onlyIf?: SQL
}) {
  const values = rows.map((row) => ({
    user_id: row.userId,
    type: row.type,
    idea_id: row.ideaId ?? null,
    update_id: row.updateId ?? null,
    comment_id: row.commentId ?? null,
    actor_id: row.actorId ?? null,
    payload: row.payload ?? {},
    dedupe_key: row.dedupeKey,
  }))
  return notificationRowsCtes(
    true,
    sql`select * from json_to_recordset(${JSON.stringify(values)}::json) as notification_row(
          user_id int, type text, idea_id int, update_id int, comment_id int, actor_id int, payload jsonb, dedupe_key text)
        ${onlyIf ? sql`where ${onlyIf}` : sql``}`,
  )
}

/** How long emails about a comment wait: COMMENT_EMAIL_WAIT_MINUTES, else past the edit window. */
export function commentEmailWaitMinutes() {
  return env().COMMENT_EMAIL_WAIT_MINUTES ?? COMMENT_EMAIL_WAIT_MINUTES
}

/**
 * The notifications `rows` selects (user, type, idea, update, comment, actor, payload, dedupe key,
 * in that order) for everyone but deleted accounts, once per person and dedupe key, and an email
 * queued for each new one whose recipient wants this type by email (none when `email` is false),
 * due when its type's wait is over (`emailWaitMinutes`: a comment's once its edit window closed).
 */
function notificationRowsCtes(email: boolean, rows: SQL) {
  return sql`notified as (
          insert into ${notifications} (user_id, type, idea_id, update_id, comment_id, actor_id, payload, dedupe_key)
          select * from (${rows}) as recipients (user_id, type, idea_id, update_id, comment_id, actor_id, payload, dedupe_key)
          where not exists (select 1 from ${users} gone where gone.id = recipients.user_id and gone.deleted_at is not null)
          on conflict (user_id, dedupe_key) do nothing
          returning id, user_id, type
        ),
        notified_emails as (
          ${enqueueStatement({
            kind: 'notification',
            columns: ['user_id', 'notification_id', 'dedupe_key', 'next_attempt_at'],
            select: sql`select c.user_id, c.id, 'notification:' || c.id,
                now() + make_interval(mins => coalesce((${JSON.stringify(emailWaitMinutes(commentEmailWaitMinutes()))}::jsonb ->> c.type)::int, 0))
              from notified c
              left join ${notificationPreferences} p on p.user_id = c.user_id and p.type = c.type
              where coalesce(p.email, true)${email ? sql`` : sql` and false`}`,
          })}
        )`
}

/**
 * The notifications listed in the app and counted as unread: not those whose subject left the
 * recipient's view (`out_of_view`: an idea hidden, withdrawn or held that is not theirs, a comment
 * deleted or hidden, an update taken back from publication; back when it is), nor those of types
 * the person switched off in the app (their emails may still go).
 */
const shownInApp = sql`not ${notifications.outOfView} and not exists (select 1 from ${notificationPreferences} p where p.user_id = ${notifications.userId} and p.type = ${notifications.type} and not p.in_app)`

const actors = alias(users, 'actors')

/**
 * Notifications with what their event was about (the idea, the update, the comment, the team's
 * answer, the note): what the /notifications page lists and what the emails say. The answer and
 * the note are named in the payload (`responseId`, `noteId`) by the command that notified.
 */
export function selectNotificationEvents(database: Database = db()) {
  return database
    .select({
      id: notifications.id,
      userId: notifications.userId,
      type: notifications.type,
      payload: notifications.payload,
      dedupeKey: notifications.dedupeKey,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      ideaId: ideas.id,
      ideaSlug: ideas.slug,
      ideaTitle: ideas.title,
      /** A withdrawn idea's acknowledgement no longer promises an answer. */
      ideaWithdrawn: sql<boolean>`${ideas.withdrawnAt} is not null`,
      ideaDescription: ideas.description,
      updateSlug: updates.slug,
      updateTitle: updates.title,
      updateSummary: updates.summary,
      commentId: notifications.commentId,
      commentBody: comments.body,
      commentDeleted: comments.deletedAt,
      commentHidden: comments.hiddenAt,
      responseBody: ideaResponses.body,
      noteBody: internalNotes.body,
      actorName: actors.displayName,
    })
    .from(notifications)
    .leftJoin(ideas, eq(ideas.id, notifications.ideaId))
    .leftJoin(updates, eq(updates.id, notifications.updateId))
    .leftJoin(actors, eq(actors.id, notifications.actorId))
    .leftJoin(comments, eq(comments.id, notifications.commentId))
    .leftJoin(
      ideaResponses,
      sql`${ideaResponses.id} = (${notifications.payload} ->> 'responseId')::int`,
    )
    .leftJoin(
      internalNotes,
      sql`${internalNotes.id} = (${notifications.payload} ->> 'noteId')::int`,
    )
}

export const NOTIFICATIONS_PAGE_SIZE = 30

/**
 * A person's notifications, newest first (keyset on id), each with a short excerpt of its event and
 * where it leads: a page after `cursor`, or going back, before `before`.
 */
export async function listNotifications({
  userId,
  ...at
}: PageAt & {
  userId: number
}) {
  const page = await readKeysetPage(at, NOTIFICATIONS_PAGE_SIZE, async (near) => {
    const read = notificationPages(near)
    const rows = await read.statement.execute({ userId, ...read.cursor })
    return read.inListOrder(rows).map((row) => ({ ...row, sortValue: String(row.id) }))
  })
  return {
    ...page.links,
    notifications: page.rows.map((row) => {
      const event = { ...row, payload: row.payload as NotificationEvent['payload'] }
      // A deleted or hidden comment's text is not repeated here.
      const content = commentGone(row) ? '' : eventContent(event)
      return {
        id: row.id,
        type: row.type,
        payload: row.payload,
        readAt: row.readAt,
        createdAt: row.createdAt,
        ideaId: row.ideaId,
        ideaTitle: row.ideaTitle,
        ideaWithdrawn: row.ideaWithdrawn,
        updateTitle: row.updateTitle,
        actorName: row.actorName,
        excerpt: content ? markdownToText(content, 280) : '',
        href: notificationPath(event),
      }
    }),
  }
}

/**
 * Where one of a person's notifications leads, read as it is opened from the list, and marked read
 * (`markAsRead`: when the person opened it themselves, from this site). Null: no such notification
 * of theirs, or one no longer shown to them.
 */
export async function openNotification({
  userId,
  notificationId,
  markAsRead,
}: {
  userId: number
  notificationId: number
  markAsRead: boolean
}) {
  const [row] = await selectNotificationEvents()
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId), shownInApp))
    .limit(1)
  if (!row) return null
  if (markAsRead && !row.readAt) await markRead({ userId, ids: [notificationId] })
  return notificationPath({ ...row, payload: row.payload as NotificationEvent['payload'] })
}

/** A page of a person's notifications, newest first (prepared: one statement per way of reading). */
const notificationPages = preparedKeysetReads(
  { value: notifications.id, id: notifications.id, cast: 'int4', descending: true },
  (database, keyset, way) =>
    selectNotificationEvents(database)
      .where(and(eq(notifications.userId, sql.placeholder('userId')), shownInApp, keyset.where))
      .orderBy(...keyset.orderBy)
      // In the text: its seven joins cost ~5 ms to plan, so the statement must settle on one plan.
      .limit(literalLimit(NOTIFICATIONS_PAGE_SIZE + 1))
      .prepare(`notifications_page_${way}`),
)

/**
 * The notification rows of person `userId`'s first page, their own columns only, newest first: the
 * rows listNotifications' first page shows (a subquery of its version, decisions 041 and 050).
 */
export function firstNotificationRows(database: Database, userId: AnyColumn) {
  return database
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), shownInApp))
    .orderBy(desc(notifications.id))
    .limit(literalLimit(NOTIFICATIONS_PAGE_SIZE + 1))
}

/**
 * The count of a person's unread notifications as a subquery of another statement (a page's version,
 * decision 040): the same rows as the root loader's count.
 */
export function unreadCountOf(userId: SQL | AnyColumn) {
  return sql<number>`(select count(*)::int from ${notifications} where ${notifications.userId} = ${userId} and ${notifications.readAt} is null and ${shownInApp})`
}

function unreadCountsFor(database: Database) {
  return database
    .select({ userId: notifications.userId, count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        sql`${notifications.userId} = any(${sql.placeholder('userIds')}::int[])`,
        isNull(notifications.readAt),
        shownInApp,
      ),
    )
    .groupBy(notifications.userId)
    .prepare('notifications_unread_counts')
}

/**
 * Every signed-in page shows the count (the root loader): the counts asked for in one event-loop
 * turn are read together, as one prepared statement, so the requests that arrive together share a
 * round trip. The read starts after every caller asked: a notification read before asking is seen.
 */
const unreadInTurn = batchPerTurnOf<Database, number, number>((database) => {
  const statement = unreadCountsFor(database)
  return {
    handle: async (batch) => {
      const rows = await statement.execute({
        userIds: [...new Set(batch.map((call) => call.item))],
      })
      const counts = new Map(rows.map((row) => [row.userId, Number(row.count)]))
      for (const call of batch) call.resolve(counts.get(call.item) ?? 0)
    },
  }
})

export async function countUnread({ userId }: { userId: number }) {
  return unreadInTurn(db(), Number(userId))
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
