// Ideas: creating them, and the list, detail, roadmap and summary queries the public pages use.
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { SelectedFields } from 'drizzle-orm/pg-core'
import { db, type Executor } from '#app/db/db.server'
import { categories, comments, follows, ideas, ideaTags, statuses, tags, users, votes, type IdeaKind } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { firstResponseDue } from '#app/domain/promises/promises.server'
import { emitEvent } from '#app/domain/webhooks/webhooks.server'
import { publicBaseUrl } from '#app/utils/env.server'
import { markdownToText } from '#app/utils/markdown.server'
import { staleWhileRevalidate } from '#app/utils/stale-while-revalidate.server'
import { detectLanguage, type ContentLanguage } from '#app/utils/content-language'
import { hotScore, hotScoreSql, ideaKinds, ideaPath, slugify, sortCursorCast, type IdeaSort } from './ideas.rules'
import { sharedPerTurn } from '#app/utils/batch-per-turn.server'
import { cursorValueFits, encodeCursor, type Cursor } from '#app/utils/cursors'
import { statusDisplayColumns } from './status-display.server'

const IDEAS_PAGE_SIZE = 20

// Their SQL types, which a cursor's value is cast to, are sortCursorCast's (ideas.rules).
const sortColumns = {
  trending: ideas.hotScore,
  top: ideas.score,
  new: ideas.createdAt,
  discussed: ideas.commentCount,
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
  ...statusDisplayColumns,
  statusCategory: statuses.category,
  authorName: users.displayName,
  authorHandle: users.handle,
  withdrawnAt: ideas.withdrawnAt,
  language: ideas.language,
}

/** Idea cards with their category, status and author joined in, plus any extra columns. */
function cardQuery<Extra extends SelectedFields>(executor: Executor, extra: Extra) {
  return executor
    .select({ ...cardColumns, ...extra })
    .from(ideas)
    .innerJoin(categories, eq(categories.id, ideas.categoryId))
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    .innerJoin(users, eq(users.id, ideas.authorId))
}

/** Private-use characters around highlighted words: they cannot clash with what people type. */
export const HIGHLIGHT_START = '\uE000'
export const HIGHLIGHT_END = '\uE001'

/** How many of the most popular matches a search ranks by relevance (other orders list every match). */
const RELEVANCE_CANDIDATES = 1000

/** The search words as a query in both languages (websearch syntax: quotes, OR, -word). */
function searchQuery(text: string) {
  return sql`(websearch_to_tsquery('english', ${text}) || websearch_to_tsquery('dutch', ${text}))`
}

/**
 * One page of ideas in the chosen order, after the cursor (keyset pagination: the page costs the
 * same at page 1 and page 5,000). Ties on the sort value are broken by id. With a search text,
 * only matching ideas come back, with the matched words marked, and `relevance` ranks them.
 */
export async function listIdeas({
  sort,
  kind,
  statusSlug,
  categoryId,
  tagSlug,
  search,
  cursor,
  limit = IDEAS_PAGE_SIZE,
}: {
  sort: IdeaSort | 'relevance'
  /** A public tag's slug. */
  tagSlug?: string
  kind?: IdeaKind
  statusSlug?: string
  categoryId?: number
  search?: string
  cursor?: Cursor | null
  limit?: number
}) {
  const query = search?.trim() ? searchQuery(search.trim().slice(0, 200)) : null
  const rank = query ? sql<number>`ts_rank_cd(${ideas.searchVector}, ${query})` : null
  const column = sort === 'relevance' ? (rank ?? sortColumns.trending) : sortColumns[sort]
  const cast = sortCursorCast(sort, Boolean(rank))
  // A cursor comes from the address: one whose value the sort's type cannot hold reads as page 1.
  const after = cursor && cursorValueFits(cursor.value, cast) ? cursor : null
  const conditions: SQL[] = [eq(ideas.isPublic, true)]
  if (kind) conditions.push(eq(ideas.kind, kind))
  // Resolved once by the planner (an InitPlan), so the status-ordered indexes can serve the list.
  if (statusSlug) conditions.push(sql`${ideas.statusId} = (select id from ${statuses} where slug = ${statusSlug})`)
  if (categoryId) conditions.push(eq(ideas.categoryId, categoryId))
  if (tagSlug) {
    conditions.push(sql`exists (select 1 from ${ideaTags} it join ${tags} t on t.id = it.tag_id
                                where it.idea_id = ${ideas.id} and t.slug = ${tagSlug} and t.is_public)`)
  }
  if (query) conditions.push(sql`${ideas.searchVector} @@ ${query}`)
  if (query && sort === 'relevance') {
    // Ranking reads each match's text: a common word matches a fifth of the board (125 ms to rank
    // 21,000 ideas). Relevance orders the most popular matches, found through the trending index.
    conditions.push(sql`${ideas.id} in (select ${ideas.id} from ${ideas} where ${and(...conditions)}
                                        order by ${ideas.hotScore} desc, ${ideas.id} desc limit ${RELEVANCE_CANDIDATES})`)
  }
  if (after) conditions.push(sql`(${column}, ${ideas.id}) < (${after.value}::${sql.raw(cast)}, ${after.id})`)
  const options = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`
  const snippetOptions = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`
  // The page's ideas in order first, from the ideas table alone; the card's details are joined for
  // those rows only (a common search word matches thousands of ideas, too many to join before ranking).
  const pageRows = db()
    .select({ id: ideas.id, sortKey: sql`${column}`.as('sort_key') })
    .from(ideas)
    .where(and(...conditions))
    .orderBy(desc(column), desc(ideas.id))
    .limit(limit + 1)
    .as('page')
  // Qualified, so ORDER BY reads the page's typed value. Drizzle writes the bare "sort_key", which
  // PostgreSQL first matches against the output columns: the text cursor value, named "sort_key"
  // after its source, ordered 9, 8, 28, 100 and made the next page repeat ideas (issue 16).
  const sortKey = sql`${sql.identifier('page')}.${sql.identifier('sort_key')}`
  const rows = await cardQuery(db(), {
    sortValue: sql<string>`(${sortKey})::text`.as('cursor_value'),
    titleHighlight: query ? sql<string | null>`ts_headline('english', ${ideas.title}, ${query}, ${options})` : sql<null>`null`,
    snippet: query ? sql<string | null>`ts_headline('english', ${ideas.description}, ${query}, ${snippetOptions})` : sql<null>`null`,
  })
    .innerJoin(pageRows, eq(pageRows.id, ideas.id))
    .orderBy(desc(sortKey), desc(ideas.id))
  const page = rows.slice(0, limit).map(({ sortValue: _sortValue, snippet, ...idea }) => ({
    ...idea,
    // The excerpt is cut from Markdown source: show it as text, without stray emphasis markers.
    snippet: snippet ? markdownToText(snippet, 400).replace(/(\*\*|__|`|^#+ )/g, '') : null,
  }))
  const last = rows[limit - 1]
  const nextCursor = rows.length > limit && last ? encodeCursor({ value: last.sortValue, id: last.id }) : null
  return { ideas: page, nextCursor }
}

/** A person's ideas, newest first (keyset on creation time). Withdrawn ones only for the author. */
export async function listIdeasByAuthor({
  authorId,
  includeWithdrawn = false,
  cursor,
  limit = IDEAS_PAGE_SIZE,
}: {
  authorId: number
  includeWithdrawn?: boolean
  cursor?: Cursor | null
  limit?: number
}) {
  const conditions: SQL[] = [eq(ideas.authorId, authorId)]
  // The author's own list also shows what is withdrawn, hidden or waiting for approval.
  if (!includeWithdrawn) conditions.push(eq(ideas.isPublic, true))
  if (cursor) conditions.push(sql`(${ideas.createdAt}, ${ideas.id}) < (${cursor.value}::timestamptz, ${cursor.id})`)
  const rows = await cardQuery(db(), { sortValue: sql<string>`${ideas.createdAt}::text` })
    .where(and(...conditions))
    .orderBy(desc(ideas.createdAt), desc(ideas.id))
    .limit(limit + 1)
  return pageOf(rows, limit)
}

/** The ideas a person voted on, most recent vote first, with their vote (keyset on vote time). */
export async function listIdeasVotedBy({ userId, cursor, limit = IDEAS_PAGE_SIZE }: { userId: number; cursor?: Cursor | null; limit?: number }) {
  const conditions: SQL[] = [eq(votes.userId, userId)]
  if (cursor) conditions.push(sql`(${votes.createdAt}, ${votes.ideaId}) < (${cursor.value}::timestamptz, ${cursor.id})`)
  const rows = await cardQuery(db(), { sortValue: sql<string>`${votes.createdAt}::text`, voteValue: votes.value })
    .innerJoin(votes, eq(votes.ideaId, ideas.id))
    .where(and(...conditions))
    .orderBy(desc(votes.createdAt), desc(votes.ideaId))
    .limit(limit + 1)
  return pageOf(rows, limit)
}

/** A person's latest comments with the idea each is on (profile page). */
export async function listCommentsByAuthor({ authorId, limit = 10 }: { authorId: number; limit?: number }) {
  return db()
    .select({
      id: comments.id,
      body: comments.body,
      createdAt: comments.createdAt,
      ideaId: ideas.id,
      ideaSlug: ideas.slug,
      ideaTitle: ideas.title,
    })
    .from(comments)
    .innerJoin(ideas, eq(ideas.id, comments.ideaId))
    .where(and(eq(comments.authorId, authorId), isNull(comments.deletedAt), isNull(comments.hiddenAt), eq(ideas.isPublic, true)))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(limit)
}

function pageOf<Row extends { id: number; sortValue: string }>(rows: Row[], limit: number) {
  const last = rows[limit - 1]
  return {
    ideas: rows.slice(0, limit).map(({ sortValue: _sortValue, ...idea }) => idea),
    nextCursor: rows.length > limit && last ? encodeCursor({ value: last.sortValue, id: last.id }) : null,
  }
}

/** The idea's one address (`/ideas/<id>-<slug>`), where every other address of it leads; null when there is no such idea. */
export async function getIdeaPath({ id }: { id: number }) {
  const [idea] = await db().select({ id: ideas.id, slug: ideas.slug }).from(ideas).where(eq(ideas.id, id))
  return idea ? ideaPath(idea) : null
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
      categoryId: ideas.categoryId,
      categorySlug: categories.slug,
      channel: ideas.channel,
      isPublic: ideas.isPublic,
      hiddenAt: ideas.hiddenAt,
      hiddenReason: ideas.hiddenReason,
      heldAt: ideas.heldAt,
      heldReason: ideas.heldReason,
      commentsLockedAt: ideas.commentsLockedAt,
      mergedIntoId: ideas.mergedIntoId,
      assigneeId: ideas.assigneeId,
      answeredAt: ideas.answeredAt,
      firstResponseDueAt: ideas.firstResponseDueAt,
      mergedInto: sql<{ id: number; slug: string; title: string } | null>`(select json_build_object('id', m.id, 'slug', m.slug, 'title', m.title) from ${ideas} m where m.id = ${ideas.mergedIntoId})`,
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
 * as a placeholder only while it has live replies (always on the same idea, which lets the idea's
 * index find them).
 */
export async function listComments({ ideaId }: { ideaId: number }) {
  return db()
    .select({
      id: comments.id,
      parentId: comments.parentId,
      body: comments.body,
      language: comments.language,
      channel: comments.channel,
      createdAt: comments.createdAt,
      editedAt: comments.editedAt,
      deletedAt: comments.deletedAt,
      hiddenAt: comments.hiddenAt,
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
          select 1 from ${comments} as replies
          where replies.idea_id = ${ideaId} and replies.parent_id = ${comments.id} and replies.deleted_at is null))`,
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(500)
}

/** Roadmap columns: every status shown on the roadmap with its ideas, most voted first. */
export async function getRoadmap({
  perColumn = 30,
  launchedWithinDays = 90,
  kind,
  categoryId,
}: { perColumn?: number; launchedWithinDays?: number; kind?: IdeaKind; categoryId?: number } = {}) {
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
    /** The title's language, for its `lang` attribute (as idea cards have). */
    language: ContentLanguage | null
  }>(
    db(),
    sql`select ranked.status_id, ranked.id, ranked.slug, ranked.title, ranked.kind, ranked.score, ranked.up_votes, ranked.language
        from ${statuses} s
        cross join lateral (
          select i.status_id, i.id, i.slug, i.title, i.kind, i.score, i.up_votes, i.language
          from ${ideas} i
          where i.status_id = s.id
            and i.is_public
            ${kind ? sql`and i.kind = ${kind}` : sql``}
            ${categoryId ? sql`and i.category_id = ${categoryId}` : sql``}
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

export type SiteStats = { ideas: number; votes: number; launched: number }

/** The home page's totals, at most a minute old: counting 100,000 ideas is no job for every view. */
const siteStatsCache = staleWhileRevalidate<SiteStats>({ maxAgeMs: 60_000, maxEntries: 1 })

/** The board's totals for the home page (counted at most once a minute per instance). */
export function getSiteStats(): Promise<SiteStats> {
  return siteStatsCache('all', countSiteStats)
}

async function countSiteStats(): Promise<SiteStats> {
  const [row] = await queryRows<{ ideas: number; votes: number; launched: number }>(
    db(),
    sql`select
          (select count(*)::int from ${ideas} where is_public) as ideas,
          (select coalesce(sum(up_votes + down_votes), 0)::int from ${ideas}) as votes,
          (select count(*)::int from ${ideas} i join ${statuses} s on s.id = i.status_id where s.slug = 'implemented') as launched`,
  )
  return { ideas: Number(row?.ideas ?? 0), votes: Number(row?.votes ?? 0), launched: Number(row?.launched ?? 0) }
}

/**
 * The one order of categories, wherever they are listed (the public form, the filters, intake, the
 * back office, settings): by kind in the order `ideaKinds` gives them (the public form's groups),
 * then by the position staff set, then id. Ordering by the kind's text put "experience" first in
 * the back office and "product" first on the public form.
 */
export const categoryOrder = (): SQL[] => [
  sql`array_position(${sql.raw(`array[${ideaKinds.map((kind) => `'${kind}'`).join(', ')}]::text[]`)}, ${categories.kind})`,
  asc(categories.position),
  asc(categories.id),
]

// Reference data nearly every page shows: read once per event-loop turn for all who ask in it.
export const listCategories = sharedPerTurn(() =>
  db().select().from(categories).where(eq(categories.retired, false)).orderBy(...categoryOrder()),
)

export const listStatuses = sharedPerTurn(() => db().select().from(statuses).orderBy(asc(statuses.position)))

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
  heldReason = null,
  channel = 'web',
  externalRef = null,
  language = detectLanguage(`${title}\n${description}`),
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
  /** Set when the idea must wait for approval (pre-moderation, spam signals). */
  heldReason?: string | null
  channel?: string
  externalRef?: string | null
  /** Detected from the words unless given. */
  language?: ContentLanguage | null
  executor?: Executor
}) {
  return executor.transaction(async (tx) => {
    const [status] = await tx.select({ id: statuses.id }).from(statuses).where(eq(statuses.slug, statusSlug))
    if (!status) throw new Error(`Unknown status ${statusSlug}`)
    const firstResponseDueAt = await firstResponseDue({ executor: tx, channel, at: createdAt })
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
        language,
        upVotes: 1,
        score: 1,
        followerCount: 1,
        hotScore: hotScore(1, createdAt),
        createdAt,
        updatedAt: createdAt,
        statusChangedAt,
        submissionKey,
        channel,
        externalRef,
        firstResponseDueAt,
        heldAt: heldReason ? createdAt : null,
        heldReason,
        // Ideas that start beyond New (seed data, imports) were answered when their status was set.
        answeredAt: statusSlug === 'new' ? null : statusChangedAt,
      })
      .returning()
    await tx.insert(votes).values({ ideaId: idea!.id, userId: authorId, value: 1, channel, createdAt, updatedAt: createdAt })
    await tx.insert(follows).values({ ideaId: idea!.id, userId: authorId, createdAt })
    await emitEvent({
      executor: tx,
      event: 'idea.created',
      eventId: `idea.created:${idea!.id}`,
      data: { id: idea!.id, title, kind, channel, status: statusSlug, held: Boolean(heldReason), url: `${publicBaseUrl()}/ideas/${idea!.id}-${idea!.slug}` },
    })
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
      select count(*) as total from ${comments} where idea_id = target.id and deleted_at is null and hidden_at is null
    ) c on true
    left join lateral (
      select count(*) as total from ${follows} where idea_id = target.id
    ) f on true
    where i.id = target.id`)
}
