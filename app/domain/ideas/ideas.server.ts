// Ideas: creating them, and the list, detail, roadmap and summary queries the public pages use.
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { db, type Executor } from '#app/db/db.server'
import { categories, comments, follows, ideas, statuses, users, votes, type IdeaKind } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { encodeCursor, hotScore, hotScoreSql, slugify, type Cursor, type IdeaSort } from './ideas.rules'

export const IDEAS_PAGE_SIZE = 20

const sortColumns = {
  trending: { column: ideas.hotScore, cast: 'float8' },
  top: { column: ideas.score, cast: 'int4' },
  new: { column: ideas.createdAt, cast: 'timestamptz' },
  discussed: { column: ideas.commentCount, cast: 'int4' },
} as const

/** The columns an idea card shows, joined in one query (no query per row). */
const cardColumns = {
  id: ideas.id,
  slug: ideas.slug,
  title: ideas.title,
  kind: ideas.kind,
  upVotes: ideas.upVotes,
  downVotes: ideas.downVotes,
  score: ideas.score,
  commentCount: ideas.commentCount,
  createdAt: ideas.createdAt,
  hotScore: ideas.hotScore,
  categoryNameEn: categories.nameEn,
  categoryNameNl: categories.nameNl,
  statusSlug: statuses.slug,
  statusNameEn: statuses.nameEn,
  statusNameNl: statuses.nameNl,
  statusColor: statuses.color,
  statusCategory: statuses.category,
  authorName: users.displayName,
  authorHandle: users.handle,
}

function cardQuery(executor: Executor) {
  return executor
    .select(cardColumns)
    .from(ideas)
    .innerJoin(categories, eq(categories.id, ideas.categoryId))
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    .innerJoin(users, eq(users.id, ideas.authorId))
}

export type IdeaCard = Awaited<ReturnType<typeof listIdeas>>['ideas'][number]

/**
 * One page of ideas in the chosen order, after the cursor (keyset pagination: the page costs the
 * same at page 1 and page 5,000). Ties on the sort value are broken by id.
 */
export async function listIdeas({
  sort,
  kind,
  statusSlug,
  cursor,
  limit = IDEAS_PAGE_SIZE,
}: {
  sort: IdeaSort
  kind?: IdeaKind
  statusSlug?: string
  cursor?: Cursor | null
  limit?: number
}) {
  const { column, cast } = sortColumns[sort]
  const conditions: SQL[] = []
  conditions.push(isNull(ideas.withdrawnAt))
  if (kind) conditions.push(eq(ideas.kind, kind))
  if (statusSlug) conditions.push(eq(statuses.slug, statusSlug))
  if (cursor) {
    conditions.push(
      sql`(${column}, ${ideas.id}) < (${cursor.value}::${sql.raw(cast)}, ${cursor.id})`,
    )
  }
  const rows = await cardQuery(db())
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(column), desc(ideas.id))
    .limit(limit + 1)
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ value: cursorValue(sort, last), id: last.id }) : null
  return { ideas: page, nextCursor }
}

function cursorValue(sort: IdeaSort, idea: { hotScore: number; score: number; createdAt: Date; commentCount: number }) {
  switch (sort) {
    case 'trending':
      return String(idea.hotScore)
    case 'top':
      return String(idea.score)
    case 'new':
      return idea.createdAt.toISOString()
    case 'discussed':
      return String(idea.commentCount)
  }
}

export async function getIdea({ id }: { id: number }) {
  const [idea] = await db()
    .select({
      ...cardColumns,
      description: ideas.description,
      withdrawnAt: ideas.withdrawnAt,
      editedAt: ideas.editedAt,
      followerCount: ideas.followerCount,
      authorId: ideas.authorId,
      categorySlug: categories.slug,
    })
    .from(ideas)
    .innerJoin(categories, eq(categories.id, ideas.categoryId))
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(eq(ideas.id, id))
    .limit(1)
  return idea
}

/**
 * The comments on an idea, oldest first, with their authors (one query). A deleted comment is kept
 * as a placeholder only while it has live replies.
 */
export async function listComments({ ideaId }: { ideaId: number }) {
  return db()
    .select({
      id: comments.id,
      parentId: comments.parentId,
      body: comments.body,
      createdAt: comments.createdAt,
      editedAt: comments.editedAt,
      deletedAt: comments.deletedAt,
      authorId: comments.authorId,
      authorName: users.displayName,
      authorHandle: users.handle,
      authorRole: users.role,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(
      and(
        eq(comments.ideaId, ideaId),
        sql`(${comments.deletedAt} is null or exists (
          select 1 from ${comments} as replies where replies.parent_id = ${comments.id} and replies.deleted_at is null))`,
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(500)
}

/** Roadmap columns: every status shown on the roadmap with its ideas, most voted first. */
export async function getRoadmap({ perColumn = 30, launchedWithinDays = 90 } = {}) {
  const columns = await db()
    .select()
    .from(statuses)
    .where(and(eq(statuses.onRoadmap, true), eq(statuses.retired, false)))
    .orderBy(asc(statuses.position))
  if (columns.length === 0) return []
  const rows = await queryRows<{
    status_id: number
    id: number
    slug: string
    title: string
    kind: IdeaKind
    score: number
    up_votes: number
  }>(
    db(),
    sql`select ranked.status_id, ranked.id, ranked.slug, ranked.title, ranked.kind, ranked.score, ranked.up_votes
        from ${statuses} s
        cross join lateral (
          select i.status_id, i.id, i.slug, i.title, i.kind, i.score, i.up_votes
          from ${ideas} i
          where i.status_id = s.id
            and i.withdrawn_at is null
            and (s.category <> 'closed' or i.status_changed_at > now() - make_interval(days => ${launchedWithinDays}))
          order by i.score desc, i.id desc
          limit ${perColumn}
        ) ranked
        where s.id in ${columns.map((column) => column.id)}`,
  )
  return columns.map((status) => ({
    status,
    ideas: rows.filter((row) => Number(row.status_id) === status.id),
  }))
}

export async function getSiteStats() {
  const [row] = await queryRows<{ ideas: number; votes: number; launched: number }>(
    db(),
    sql`select
          (select count(*)::int from ${ideas}) as ideas,
          (select coalesce(sum(up_votes + down_votes), 0)::int from ${ideas}) as votes,
          (select count(*)::int from ${ideas} i join ${statuses} s on s.id = i.status_id where s.slug = 'implemented') as launched`,
  )
  return { ideas: Number(row?.ideas ?? 0), votes: Number(row?.votes ?? 0), launched: Number(row?.launched ?? 0) }
}

export async function listCategories() {
  return db().select().from(categories).where(eq(categories.retired, false)).orderBy(asc(categories.kind), asc(categories.position))
}

export async function listStatuses() {
  return db().select().from(statuses).orderBy(asc(statuses.position))
}

/**
 * Files a new idea with the author's own up-vote (the idea starts at score 1), in one transaction.
 * Validation of the input happens before this (ideas.schema.ts).
 */
export async function createIdea({
  authorId,
  kind,
  categoryId,
  title,
  description,
  statusSlug = 'new',
  createdAt = new Date(),
  statusChangedAt = createdAt,
  submissionKey,
  executor = db(),
}: {
  authorId: number
  kind: IdeaKind
  categoryId: number
  title: string
  description: string
  statusSlug?: string
  createdAt?: Date
  statusChangedAt?: Date
  submissionKey?: string
  executor?: Executor
}) {
  return executor.transaction(async (tx) => {
    const [status] = await tx.select({ id: statuses.id }).from(statuses).where(eq(statuses.slug, statusSlug))
    if (!status) throw new Error(`Unknown status ${statusSlug}`)
    const [idea] = await tx
      .insert(ideas)
      .values({
        authorId,
        kind,
        categoryId,
        statusId: status.id,
        title,
        slug: slugify(title),
        description,
        upVotes: 1,
        score: 1,
        followerCount: 1,
        hotScore: hotScore(1, createdAt),
        createdAt,
        updatedAt: createdAt,
        statusChangedAt,
        submissionKey,
      })
      .returning()
    await tx.insert(votes).values({ ideaId: idea!.id, userId: authorId, value: 1, createdAt, updatedAt: createdAt })
    await tx.insert(follows).values({ ideaId: idea!.id, userId: authorId, createdAt })
    return idea!
  })
}

/**
 * Recomputes the denormalised counters of the given ideas (or all) from their rows, set-based.
 * Used by bulk loaders (seed data) and by repair tooling; normal writes keep counters in step.
 */
export async function recountIdeas({ ideaIds, executor = db() }: { ideaIds?: number[]; executor?: Executor } = {}) {
  const filter = ideaIds ? sql`where i.id in ${ideaIds.length ? ideaIds : [0]}` : sql``
  await executor.execute(sql`
    update ${ideas} i set
      up_votes = coalesce(v.ups, 0),
      down_votes = coalesce(v.downs, 0),
      score = coalesce(v.ups, 0) - coalesce(v.downs, 0),
      comment_count = coalesce(c.total, 0),
      follower_count = coalesce(f.total, 0),
      hot_score = ${sql.raw(hotScoreSql('(coalesce(v.ups, 0) - coalesce(v.downs, 0))', 'i.created_at'))}
    from (select id from ${ideas} i ${filter}) target
    left join lateral (
      select count(*) filter (where value = 1) as ups, count(*) filter (where value = -1) as downs
      from ${votes} where idea_id = target.id
    ) v on true
    left join lateral (
      select count(*) as total from ${comments} where idea_id = target.id and deleted_at is null
    ) c on true
    left join lateral (
      select count(*) as total from ${follows} where idea_id = target.id
    ) f on true
    where i.id = target.id`)
}

/** How many ideas each status holds (back-office overview). */
export async function countIdeasByStatus() {
  return db()
    .select({
      slug: statuses.slug,
      nameEn: statuses.nameEn,
      nameNl: statuses.nameNl,
      color: statuses.color,
      count: sql<number>`count(${ideas.id})::int`,
    })
    .from(statuses)
    .leftJoin(ideas, eq(ideas.statusId, statuses.id))
    .groupBy(statuses.id)
    .orderBy(asc(statuses.position))
}
