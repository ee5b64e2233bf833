// The back office's working lists and tools: the triage queue and idea lists with filters,
// assignment, tags and internal notes (with @mentions that notify a colleague).
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { keysetRead } from '#app/db/keyset.server'
import {
  categories,
  type IdeaKind,
  ideas,
  ideaTags,
  internalNotes,
  reports,
  statuses,
  tags,
  users,
} from '#app/db/schema'
import { literalRowCount, queryRows } from '#app/db/sql.server'
import type { StaffActor } from '#app/domain/accounts/accounts.rules'
import { backOfficeRoles, hasRole } from '#app/domain/accounts/accounts.rules'
import { recordAudit } from '#app/domain/audit/audit.server'
import { slugify } from '#app/domain/ideas/ideas.rules'
import { listStatuses } from '#app/domain/ideas/ideas.server'
import { statusDisplayColumns } from '#app/domain/ideas/status-display.server'
import { notify } from '#app/domain/notifications/notifications.server'
import { type Cursor, type CursorCast, type PageAt, readKeysetPage } from '#app/utils/cursors'

import {
  defaultTriageSort,
  mayBeMentioned,
  mentionableRoles,
  mentionedHandles,
  QUEUE_COUNT_CAP,
  type TriageSort,
} from './triage.rules'

const TRIAGE_PAGE_SIZE = 50

export const triageViews = ['queue', 'mine', 'all'] as const
export type TriageView = (typeof triageViews)[number]

const triageOrders: Record<
  TriageSort,
  { value: SQL; ascending: boolean; cast: Exclude<CursorCast, 'tier:float8'> }
> = {
  due: {
    value: sql`coalesce(${ideas.firstResponseDueAt}, 'infinity'::timestamptz)`,
    ascending: true,
    cast: 'timestamptz',
  },
  oldest: { value: sql`${ideas.createdAt}`, ascending: true, cast: 'timestamptz' },
  newest: { value: sql`${ideas.createdAt}`, ascending: false, cast: 'timestamptz' },
  votes: { value: sql`${ideas.score}`, ascending: false, cast: 'int4' },
}

/** The type of each sort's keyset value, to read a cursor from the URL safely. */
export function triageCursorCast(sort: TriageSort) {
  return triageOrders[sort].cast
}

/**
 * Ideas for the back office. `queue`: not yet answered by the team (by promised answer date by
 * default: the partial index ideas_triage_queue_idx serves it); `mine`: assigned to the viewer;
 * `all`: everything (newest first by default). Any view can be sorted by any of `triageSorts`.
 * A page after `cursor`, or going back, before `before` (past the start: the first page).
 */
export async function listTriage({
  view,
  viewerId,
  statusSlug,
  kind,
  categoryId,
  tagId,
  search,
  cursor,
  before,
  sort = defaultTriageSort(view),
  limit = TRIAGE_PAGE_SIZE,
}: {
  view: TriageView
  sort?: TriageSort
  viewerId: number
  statusSlug?: string
  kind?: IdeaKind
  categoryId?: number
  tagId?: number
  search?: string
  cursor?: Cursor | null
  before?: Cursor | null
  limit?: number
}) {
  const conditions: SQL[] = []
  if (view === 'queue') conditions.push(waitingForAnswer)
  if (view === 'mine') conditions.push(eq(ideas.assigneeId, viewerId))
  // The status by its id (kept reference data): the planner sees which status, and can use its index.
  if (statusSlug) {
    const status = (await listStatuses()).find((s) => s.slug === statusSlug)
    conditions.push(status ? eq(ideas.statusId, status.id) : sql`false`)
  }
  if (kind) conditions.push(eq(ideas.kind, kind))
  if (categoryId) conditions.push(eq(ideas.categoryId, categoryId))
  if (tagId)
    conditions.push(
      sql`exists (select 1 from ${ideaTags} where idea_id = ${ideas.id} and tag_id = ${tagId})`,
    )
  const text = search?.trim()
  if (text) {
    const asId = /^#?(\d{1,9})$/.exec(text)
    conditions.push(
      asId
        ? eq(ideas.id, Number(asId[1]))
        : sql`${ideas.searchVector} @@ (websearch_to_tsquery('english', ${text}) || websearch_to_tsquery('dutch', ${text}))`,
    )
  }
  // Each sort is a keyset over (sort value, id); the label the page shows names the same sort.
  const order = triageOrders[sort]
  const page = await readKeysetPage({ cursor, before }, limit, (at) =>
    readTriageRows({ conditions, order, at, limit }),
  )
  return { ideas: page.rows, ...page.links }
}

/** Up to limit + 1 rows of the back office's list nearest `at`, in the list's order. */
async function readTriageRows({
  conditions,
  order,
  at,
  limit,
}: {
  conditions: SQL[]
  order: (typeof triageOrders)[TriageSort]
  at: PageAt
  limit: number
}) {
  const read = keysetRead({
    value: order.value,
    id: ideas.id,
    cast: order.cast,
    descending: !order.ascending,
    ...at,
  })
  const assignee = sql`(select display_name from ${users} where id = ${ideas.assigneeId})`
  const rows = await db()
    .select({
      id: ideas.id,
      slug: ideas.slug,
      title: ideas.title,
      kind: ideas.kind,
      channel: ideas.channel,
      createdAt: ideas.createdAt,
      sortValue: sql<string>`${order.value}::text`,
      dueAt: ideas.firstResponseDueAt,
      answeredAt: ideas.answeredAt,
      score: ideas.score,
      upVotes: ideas.upVotes,
      downVotes: ideas.downVotes,
      commentCount: ideas.commentCount,
      categoryNameEn: categories.nameEn,
      categoryNameNl: categories.nameNl,
      ...statusDisplayColumns,
      authorName: users.displayName,
      assigneeName: sql<string | null>`${assignee}`,
      openReports: sql<number>`(select count(*)::int from ${reports} where idea_id = ${ideas.id} and comment_id is null and resolved_at is null)`,
      // Both names: the row shows them in the viewer's language (fresh-eyes review: always English).
      tagNames: sql<
        { nameEn: string; nameNl: string }[]
      >`coalesce((select json_agg(json_build_object('nameEn', t.name_en, 'nameNl', t.name_nl) order by t.name_en) from ${ideaTags} it join ${tags} t on t.id = it.tag_id where it.idea_id = ${ideas.id}), '[]')`,
      hidden: sql<boolean>`${ideas.hiddenAt} is not null`,
      held: sql<boolean>`${ideas.heldAt} is not null`,
      withdrawn: sql<boolean>`${ideas.withdrawnAt} is not null`,
    })
    .from(ideas)
    .innerJoin(categories, eq(categories.id, ideas.categoryId))
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(and(...conditions, read.where))
    .orderBy(...read.orderBy)
    .limit(limit + 1)
  return read.inListOrder(rows)
}

/** The triage queue: public ideas the team has not answered yet. */
const waitingForAnswer = sql`${ideas.answeredAt} is null and ${ideas.isPublic}`

/**
 * How many ideas wait for the team's first answer, counted up to QUEUE_COUNT_CAP, as a scalar
 * subquery (the back office's version reads it too).
 */
export const triageCount = triageCountUpTo(QUEUE_COUNT_CAP)

function triageCountUpTo(upTo: number) {
  return sql<number>`(select count(*)::int from (select 1 from ${ideas}
    where ${waitingForAnswer} limit ${literalRowCount(upTo)}) as waiting)`
}

/** How many ideas wait for the team's first answer, counted up to QUEUE_COUNT_CAP. */
export async function countTriage({ upTo = QUEUE_COUNT_CAP }: { upTo?: number } = {}) {
  const count = upTo === QUEUE_COUNT_CAP ? triageCount : triageCountUpTo(upTo)
  const [row] = await queryRows<{ count: number }>(db(), sql`select ${count} as count`)
  return Number(row?.count ?? 0)
}

/**
 * The ideas of the triage queue's first page in its default order (by promised answer date), one
 * more for the next page's link, as `(id, page_version, assignee_id, sort_value)`, ordered by
 * `(sort_value, id)` as the list is: for the
 * statement that reads the queue's version (decision 042).
 */
export function firstQueuePageRows() {
  const order = triageOrders[defaultTriageSort('queue')]
  const read = keysetRead({
    value: order.value,
    id: ideas.id,
    cast: order.cast,
    descending: !order.ascending,
  })
  return sql`select ${ideas.id} as id, ${ideas.pageVersion} as page_version,
    ${ideas.assigneeId} as assignee_id, ${order.value} as sort_value from ${ideas}
    where ${waitingForAnswer} order by ${sql.join(read.orderBy, sql`, `)}
    limit ${literalRowCount(TRIAGE_PAGE_SIZE + 1)}`
}

/** The people an idea can be assigned to (the product team). */
export async function listTeam() {
  return db()
    .select({ id: users.id, displayName: users.displayName, handle: users.handle })
    .from(users)
    .where(inArray(users.role, mentionableRoles))
    .orderBy(asc(users.displayName), asc(users.id))
}

export type TriageResult =
  { ok: true } | { ok: false; reason: 'forbidden' | 'notFound' | 'invalid' }

/** Assigns ideas to a team member (or nobody, with null). */
export async function assignIdeas({
  actor,
  ideaIds,
  assigneeId,
}: {
  actor: StaffActor
  ideaIds: number[]
  assigneeId: number | null
}): Promise<TriageResult> {
  if (!hasRole(actor.role, backOfficeRoles)) return { ok: false, reason: 'forbidden' }
  return db().transaction(async (tx) => {
    if (assigneeId) {
      const [member] = await tx
        .select({ role: users.role })
        .from(users)
        .where(eq(users.id, assigneeId))
      if (!member || !hasRole(member.role, backOfficeRoles))
        return { ok: false, reason: 'invalid' } as const
    }
    const updated = await tx
      .update(ideas)
      .set({ assigneeId })
      .where(inArray(ideas.id, ideaIds.length ? ideaIds : [0]))
      .returning({ id: ideas.id })
    if (updated.length === 0) return { ok: false, reason: 'notFound' } as const
    for (const { id } of updated) {
      await recordAudit({
        tx,
        actorId: actor.id,
        action: 'idea.assign',
        targetType: 'idea',
        targetId: id,
        after: { assigneeId },
      })
    }
    return { ok: true } as const
  })
}

export async function createTag({
  actor,
  nameEn,
  nameNl,
  isPublic,
}: {
  actor: StaffActor
  nameEn: string
  nameNl: string
  isPublic: boolean
}): Promise<TriageResult | { ok: false; reason: 'taken' }> {
  if (!hasRole(actor.role, backOfficeRoles)) return { ok: false, reason: 'forbidden' }
  return db().transaction(async (tx) => {
    const [tag] = await tx
      .insert(tags)
      .values({ slug: slugify(nameEn), nameEn, nameNl, isPublic })
      .onConflictDoNothing()
      .returning({ id: tags.id })
    if (!tag) return { ok: false, reason: 'taken' } as const
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'tag.create',
      targetType: 'tag',
      targetId: tag.id,
      after: { nameEn, nameNl, isPublic },
    })
    return { ok: true } as const
  })
}

/** Adds or removes one tag on ideas (bulk-friendly). */
export async function setTag({
  actor,
  ideaIds,
  tagId,
  on,
}: {
  actor: StaffActor
  ideaIds: number[]
  tagId: number
  on: boolean
}): Promise<TriageResult> {
  if (!hasRole(actor.role, backOfficeRoles)) return { ok: false, reason: 'forbidden' }
  return db().transaction(async (tx) => {
    const [tag] = await tx.select({ id: tags.id }).from(tags).where(eq(tags.id, tagId))
    if (!tag) return { ok: false, reason: 'notFound' } as const
    const existing = await tx
      .select({ id: ideas.id })
      .from(ideas)
      .where(inArray(ideas.id, ideaIds.length ? ideaIds : [0]))
    if (existing.length === 0) return { ok: false, reason: 'notFound' } as const
    for (const { id } of existing) {
      if (on) await tx.insert(ideaTags).values({ ideaId: id, tagId }).onConflictDoNothing()
      else await tx.delete(ideaTags).where(and(eq(ideaTags.ideaId, id), eq(ideaTags.tagId, tagId)))
      await recordAudit({
        tx,
        actorId: actor.id,
        action: on ? 'idea.tag' : 'idea.untag',
        targetType: 'idea',
        targetId: id,
        after: { tagId },
      })
    }
    return { ok: true } as const
  })
}

export async function listInternalNotes({ ideaId }: { ideaId: number }) {
  return db()
    .select({
      id: internalNotes.id,
      body: internalNotes.body,
      createdAt: internalNotes.createdAt,
      authorName: users.displayName,
    })
    .from(internalNotes)
    .leftJoin(users, eq(users.id, internalNotes.authorId))
    .where(eq(internalNotes.ideaId, ideaId))
    .orderBy(asc(internalNotes.createdAt), asc(internalNotes.id))
}

/**
 * A staff-only note; colleagues named as @handle who can open the notes are notified. The handles
 * that reached no one are returned, so the writer is told: `unknown` (nobody has that handle) apart
 * from `unreached` (a person who cannot see the notes).
 */
export async function addInternalNote({
  actor,
  ideaId,
  body,
}: {
  actor: StaffActor
  ideaId: number
  body: string
}): Promise<
  | { ok: true; noteId: number; unknown: string[]; unreached: string[] }
  | { ok: false; reason: 'forbidden' | 'notFound' }
> {
  if (!hasRole(actor.role, backOfficeRoles)) return { ok: false, reason: 'forbidden' }
  return db().transaction(async (tx) => {
    const [idea] = await tx.select({ id: ideas.id }).from(ideas).where(eq(ideas.id, ideaId))
    if (!idea) return { ok: false, reason: 'notFound' } as const
    const [note] = await tx
      .insert(internalNotes)
      .values({ ideaId, authorId: actor.id, body })
      .returning({ id: internalNotes.id })
    const handles = mentionedHandles(body)
    const named = handles.length
      ? await tx
          .select({ id: users.id, handle: users.handle, role: users.role })
          .from(users)
          .where(inArray(users.handle, handles))
      : []
    const mentioned = named.filter((person) => mayBeMentioned(person.role))
    if (mentioned.length) {
      await notify({
        executor: tx,
        type: 'mention',
        ideaId,
        actorId: actor.id,
        payload: { noteId: note!.id },
        dedupeKey: `mention:${note!.id}`,
        recipients: { userIds: mentioned.map((person) => person.id) },
      })
    }
    const reached = new Set(mentioned.map((person) => person.handle.toLowerCase()))
    const known = new Set(named.map((person) => person.handle.toLowerCase()))
    return {
      ok: true,
      noteId: note!.id,
      unknown: handles.filter((handle) => !known.has(handle)),
      unreached: handles.filter((handle) => known.has(handle) && !reached.has(handle)),
    } as const
  })
}

/** Back-office search for people by name, handle or email. */
export async function findPeople({ search, limit = 50 }: { search: string; limit?: number }) {
  const text = search.trim()
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
  return db()
    .select({
      id: users.id,
      displayName: users.displayName,
      handle: users.handle,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      suspendedUntil: users.suspendedUntil,
      bannedAt: users.bannedAt,
    })
    .from(users)
    .where(
      text
        ? or(
            ilike(users.displayName, pattern),
            ilike(users.handle, pattern),
            ilike(users.email, pattern),
          )
        : undefined,
    )
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit)
}
