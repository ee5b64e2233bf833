// Ideas: creating them, and the list, detail, roadmap and summary queries the public pages use.
import {
  and,
  type AnyColumn,
  asc,
  desc,
  eq,
  isNull,
  type Placeholder,
  type SQL,
  sql,
} from 'drizzle-orm'
import type { SelectedFields } from 'drizzle-orm/pg-core'

import { type Database, db, type Executor } from '#app/db/db.server'
import { preparedKeysetReads } from '#app/db/keyset.server'
import { referenceData } from '#app/db/reference-data.server'
import {
  categories,
  comments,
  follows,
  type IdeaKind,
  ideas,
  ideaTags,
  statuses,
  tags,
  users,
  votes,
} from '#app/db/schema'
import {
  literalLimit,
  literalRowCount,
  preparedRead,
  queryPreparedRows,
  queryRows,
} from '#app/db/sql.server'
import { firstResponseDue } from '#app/domain/promises/promises.server'
import { queueEventsSql } from '#app/domain/webhooks/webhooks.server'
import { type ContentLanguage, detectLanguage } from '#app/utils/content-language'
import { type Cursor, cursorValueFits, type PageAt, readKeysetPage } from '#app/utils/cursors'
import { publicBaseUrl } from '#app/utils/env.server'
import { HIGHLIGHT_END, HIGHLIGHT_START } from '#app/utils/highlight-marks'
import { markdownToText } from '#app/utils/markdown.server'
import { staleWhileRevalidate } from '#app/utils/stale-while-revalidate.server'

import {
  hotScore,
  hotScoreSql,
  ideaKinds,
  ideaPath,
  type IdeaSort,
  slugify,
  sortCursorCast,
} from './ideas.rules'
import { roadmapFiltersSchema } from './ideas.schema'
import { statusDisplayColumns } from './status-display.server'

export const IDEAS_PAGE_SIZE = 20

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
  /** Only the author's own list shows hidden and held ideas: marked there. */
  hiddenAt: ideas.hiddenAt,
  heldAt: ideas.heldAt,
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

/**
 * How far down an order a search walks (through the order's index, testing each idea against the
 * words) for a page of matches before it reads every match from the full-text index and sorts them
 * instead. A common word fills a page within a few hundred rows (one idea in 25 says "coffee"); a
 * word too rare for that has at most ~2,100 matches at 100,000 ideas (page × ideas ÷ this), cheap
 * to sort. Either way a page reads ~3,000 rows at most, whatever the word (issue 19). Kept well
 * below the table's size, or the planner reads the table whole and sorts instead of walking.
 */
export const SEARCH_WALK_ROWS = 1000

/**
 * The walk of relevance's first tier, the ideas whose title matches: titles are short, so a word
 * common in descriptions is rarer in them, and a page of them takes 21 × ideas ÷ title matches
 * (one title in 65 says "koffie": ~1,400, past a walk of 1,000, which then read all 2,277 matches,
 * 4 ms of PostgreSQL's time; issue 19). A word too rare to fill a page pays the whole walk the first
 * time this process reads it, then reads its matches first (rareSearches, decision 052).
 */
export const TITLE_WALK_ROWS = 2000

/**
 * How many matches a search that matched fewer than a page last time reads from the full-text index
 * at most before it walks its order after all (`rareSearch`).
 */
export const RARE_SEARCH_PROBE_ROWS = 200
const RARE_SEARCHES_KEPT = 10_000

/**
 * The searches (words and filters) whose first page this process last found not full: fewer
 * matches than a page holds. The next read of such a search asks the full-text index for its
 * matches first (a word with 7 matches: ~0.1 ms) and walks its order only when that finds more than
 * RARE_SEARCH_PROBE_ROWS; any other search walks first, as a probe would cost a common word more
 * than the walk it could save (the bitmap of thousands of matches, 1–1.6 ms for "coffee"), and a
 * word too rare to fill a page walks the whole TITLE_WALK_ROWS before it reads its matches (3.6 ms of
 * PostgreSQL for "oatmeal", 2026-12-07). Both ways answer the same rows (ideas.server.test.ts reads
 * searches both ways; lists-invariants' walks read many twice); a hint, not a record: another instance
 * keeps its own, and a search forgotten (the oldest past RARE_SEARCHES_KEPT) walks first again.
 */
export const rareSearches = new Map<string, true>()

/** The key of a search in rareSearches: its words and filters. */
function rareSearchKey(args: {
  search: string
  kind?: IdeaKind
  statusId: number | null
  categoryId?: number
  tagSlug?: string
  limit: number
}) {
  return JSON.stringify([
    args.search,
    args.kind,
    args.statusId,
    args.categoryId,
    args.tagSlug,
    args.limit,
  ])
}

/** Whether this search's first page was last found not full (rareSearches). */
export function rareSearch(args: Parameters<typeof rareSearchKey>[0]) {
  return rareSearches.has(rareSearchKey(args))
}

/**
 * Notes how many rows a search's first page read (`rows`: up to the page size and one more, which
 * says there is a next page): fewer than `limit + 1`, and the next read of it probes first.
 */
export function noteSearchFirstPage(args: Parameters<typeof rareSearchKey>[0], rows: number) {
  const key = rareSearchKey(args)
  rareSearches.delete(key)
  if (rows > args.limit) return
  rareSearches.set(key, true)
  if (rareSearches.size > RARE_SEARCHES_KEPT) rareSearches.delete(rareSearches.keys().next().value!)
}

/**
 * A text without the highlight marks (which anyone can type): the only marks in a search's
 * highlights are ts_headline's, around words it found (fresh-eyes review: a title holding them
 * showed words highlighted that nobody searched for).
 */
function unmarked(column: AnyColumn) {
  return sql`translate(${column}, ${sql.raw(`'${HIGHLIGHT_START}${HIGHLIGHT_END}'`)}, '')`
}

/** A search's words in a statement: a value, or a prepared statement's placeholder (`search`). */
type SearchWords = string | Placeholder

/** The words a search looks for: what was typed, trimmed, its first 200 characters; null: none. */
export function searchText(search: string | undefined) {
  return search?.trim() ? search.trim().slice(0, 200) : null
}

/**
 * The search words as a query in both languages (websearch syntax: quotes, OR, -word); `text` a
 * value or a prepared statement's placeholder.
 */
function searchQuery(text: SearchWords) {
  return sql`(websearch_to_tsquery('english', ${text}) || websearch_to_tsquery('dutch', ${text}))`
}

/**
 * Whether a search's words leave nothing to look for in either language (each a word too common to
 * search for, such as "in" or "was"): the page says so instead of "no ideas match".
 */
export async function searchWordsAllTooCommon(search: string) {
  const text = searchText(search)
  if (text === null) return false
  const [row] = await queryPreparedRows<{ empty: boolean }>(
    db(),
    sql`select numnode(${searchQuery(text)}) = 0 as empty`,
  )
  return Boolean(row?.empty)
}

/**
 * The same query asked of titles only: every word limited to weight A, which the search vector gives
 * the title's words ('oat' & 'milk' becomes 'oat':A & 'milk':A).
 */
function titleQuery(query: SQL) {
  return sql`regexp_replace((${query})::text, '(''(?:[^'']|'''')*'')', '\\1:A', 'g')::tsquery`
}

/**
 * The first `count` ideas of a search in `order` (descending, then id) after the cursor, as rows of
 * (id, tier, sort_key). First a walk down the order's index over at most SEARCH_WALK_ROWS ideas
 * that pass `filters` and come after `walkAfter`, keeping those that pass `walkMatch` (of `tier`);
 * when it finds `count`, they are the page. Only when it finds fewer are all the ideas that pass
 * `filters` and `match` read (through the full-text index: a materialized CTE with no order and no
 * cursor, which no order's index can serve) and sorted by (tier, sort_key, id) after `after` (a rare
 * word has few). Either way the answer is the exact first `count`. The conditions may only use the
 * idea's own columns. `back`: the `count` nearest before the cursor instead (`walkAfter` and `after`
 * then name what comes before it), read up the index the other way.
 */
function firstMatches(page: {
  filters: SQL[]
  match: SQL
  /** Each match's tier in the fallback (relevance: 1 when the title matches). */
  tierOf: SQL
  walkAfter: SQL | undefined
  walkMatch: SQL
  /** How many ideas of the order the walk tests at most. */
  walkRows: number
  /** Read the matches first, and walk only when there are more than RARE_SEARCH_PROBE_ROWS. */
  probeFirst: boolean
  tier: 0 | 1
  order: AnyColumn
  after: { tier: 0 | 1; value: SQL } | null
  afterId: number | undefined
  count: number
  back: boolean
}) {
  const { filters, match, tierOf, walkAfter, walkMatch, walkRows, probeFirst, tier, order } = page
  const { after, afterId, count, back } = page
  const [way, beyond] = back ? [sql.raw('asc'), sql.raw('>')] : [sql.raw('desc'), sql.raw('<')]
  // The walk's rows keep the table's name, so the conditions read them as they would the table.
  const walked = sql`select ${ideas.id}, ${ideas.searchVector}, ${ideas.hotScore}, ${ideas.score}, ${ideas.createdAt}, ${ideas.commentCount}
    from ${ideas} where ${and(...filters, walkAfter)} order by ${order} ${way}, ${ideas.id} ${way} limit ${literalRowCount(walkRows)}`
  // The counts written in (literalRowCount): a prepared statement's plan can see them.
  const rows = literalRowCount(count)
  const afterCursor = after
    ? sql`and (tier, sort_key, id) ${beyond} (${sql.raw(String(after.tier))}, ${after.value}, ${afterId})`
    : sql``
  const walk = sql`walk as (select ${ideas.id}, ${sql.raw(String(tier))} as tier, ${order} as sort_key from (${walked}) as ${ideas}
                           where ${walkMatch} order by ${order} ${way}, ${ideas.id} ${way} limit ${rows})`
  const matches = sql`matches as materialized (select ${ideas.id}, ${tierOf} as tier, ${order} as sort_key from ${ideas} where ${and(...filters, match)})`
  const sorted = sql`order by tier ${way}, sort_key ${way}, id ${way} limit ${rows}`
  if (!probeFirst)
    return sql`with ${walk}, ${matches}
    select id, tier, sort_key from walk where (select count(*) from walk) = ${rows}
    union all
    (select id, tier, sort_key from matches where (select count(*) from walk) < ${rows} ${afterCursor} ${sorted})`
  // The probe's matches are all of them when there are no more than it may read; only otherwise
  // are the walk and the matches read, as above (a condition false before them skips them).
  const probeRows = literalRowCount(RARE_SEARCH_PROBE_ROWS)
  const probed = sql`(select count(*) from probe) <= ${probeRows}`
  return sql`with probe as materialized (select ${ideas.id}, ${tierOf} as tier, ${order} as sort_key from ${ideas}
                                         where ${and(...filters, match)} limit ${literalRowCount(RARE_SEARCH_PROBE_ROWS + 1)}),
    ${walk}, ${matches}
    (select id, tier, sort_key from probe where ${probed} ${afterCursor} ${sorted})
    union all
    select id, tier, sort_key from walk where not ${probed} and (select count(*) from walk) = ${rows}
    union all
    (select id, tier, sort_key from matches where not ${probed} and (select count(*) from walk) < ${rows} ${afterCursor} ${sorted})`
}

/**
 * One page of ideas in the chosen order, after the cursor (keyset pagination: the page costs the
 * same at page 1 and page 5,000). Ties on the sort value are broken by id. With a search text,
 * only matching ideas come back, with the matched words marked, and `relevance` ranks them: ideas
 * whose title matches first, then those that match in the description only, each most popular
 * (trending) first (docs/decisions/007-search.md). With `before` instead of `cursor`, the page
 * before that idea (the "previous page" link); going back past the start gives the first page.
 */
export async function listIdeas(args: IdeaListArgs) {
  // A cursor comes from the address: one whose value the sort's type cannot hold reads as page 1.
  const cast = sortCursorCast(args.sort, Boolean(args.search?.trim()))
  const fits = (cursor: Cursor | null | undefined) =>
    cursor && cursorValueFits(cursor.value, cast) ? cursor : null
  const at = { cursor: fits(args.cursor), before: fits(args.before) }
  const page = await readKeysetPage(at, args.limit ?? IDEAS_PAGE_SIZE, (read) =>
    readIdeasRows({ ...args, ...read }),
  )
  // The excerpt (a search's only) is cut from Markdown source: show it as text, without stray
  // emphasis markers. A row without one is kept as it is (copying every card cost the list page).
  const found = page.rows.map((idea) =>
    idea.snippet
      ? { ...idea, snippet: markdownToText(idea.snippet, 400).replace(/(\*\*|__|`|^#+ )/g, '') }
      : idea,
  )
  return { ideas: found, ...page.links }
}

type IdeaListArgs = {
  sort: IdeaSort | 'relevance'
  /** A public tag's slug. */
  tagSlug?: string
  kind?: IdeaKind
  statusSlug?: string
  categoryId?: number
  search?: string
  cursor?: Cursor | null
  /** Going back: the page before this idea. */
  before?: Cursor | null
  limit?: number
}

/** Up to limit + 1 rows of listIdeas nearest the cursor (or `before`), in the list's order. */
async function readIdeasRows({ statusSlug, ...args }: IdeaListArgs) {
  const { categoryId, tagSlug, limit = IDEAS_PAGE_SIZE } = args
  // The status by its id, from the kept reference data: behind a subquery (`= (select id …)`) the
  // planner could not see which status, and walked the whole trending index past thousands of
  // ideas of other statuses for a rare one (issue 19: "product + planned", 3.5 ms of PostgreSQL a
  // page instead of 0.3). No such status: no ideas.
  const statusId = statusSlug ? (await listStatuses()).find((s) => s.slug === statusSlug)?.id : null
  if (statusId === undefined) return []
  // A page size the app itself asks for, or a statement is built per call: the API's `limit` is
  // the caller's to choose, and each size would be one more prepared statement per connection.
  const text = searchText(args.search)
  const at = args.before ?? args.cursor
  // A search further on (its cursor names the tier it is in) or a size of the caller's: built for
  // the call, the words as values.
  if ((text && at) || !PREPARED_PAGE_SIZES.has(limit))
    return ideasRowsStatement(db(), { ...args, statusId }, text)
  // Without search words (browsing, the most asked pages): one prepared statement per shape of
  // the address — the order, which filters, which way from a cursor — built once, its values
  // placeholders (issue 19: building the statement was a tenth of the list's CPU). The kind and
  // the status are written into the statement (one of a handful each): with them as parameters,
  // PostgreSQL planned the statement afresh on every call (~1 ms), its generic plan never judged
  // good enough; written in, the generic plan is used, and it walks the status's index.
  // A search's first page too, its words a placeholder: the planner cannot see them in either
  // case (they are read once, as an InitPlan), and parsing and planning the statement cost as much
  // as running it (issue 19).
  const rarity = text === null ? null : { ...args, search: text, statusId, limit }
  const probeFirst = rarity !== null && rareSearch(rarity)
  const { shape, placeholders } = browsingStatementOf({ ...args, statusId, limit, probeFirst })
  const words = text === null ? null : SEARCH_WORDS
  const name = `ideas_list ${words ? 'search ' : ''}${shape}`
  let read = browsingReads.get(name)
  if (!read) {
    browsingReads.set(
      name,
      (read = preparedRead((database) =>
        ideasRowsStatement(database, placeholders, words).prepare(name),
      )),
    )
  }
  const rows = await read().execute({
    categoryId,
    tagSlug,
    cursorValue: at?.value,
    cursorId: at?.id,
    search: text,
  })
  if (rarity && !at) noteSearchFirstPage(rarity, rows.length)
  return rows
}

/**
 * A browsing read's shape (the order, which filters, which way from a cursor, the page size) and
 * its arguments for a statement prepared once per shape: the kind and the status written in, the
 * category, the tag and the cursor as placeholders (`categoryId`, `tagSlug`, `cursorValue`,
 * `cursorId`).
 */
function browsingStatementOf(args: IdeaRowsArgs & { statusId: number | null; limit: number }) {
  const { kind, statusId, categoryId, tagSlug, limit, probeFirst } = args
  const at = args.before ?? args.cursor
  const shape = [
    probeFirst ? 'probe' : '',
    args.sort,
    kind ? `kind=${kind}` : '',
    statusId === null ? '' : `status=${statusId}`,
    categoryId ? 'category' : '',
    tagSlug ? 'tag' : '',
    args.before ? 'before' : at ? 'after' : 'start',
    limit,
  ].join(' ')
  const placeholders: IdeaRowsArgs = {
    sort: args.sort,
    kind:
      kind && (sql.raw(`'${ideaKinds.find((known) => known === kind)}'`) as unknown as IdeaKind),
    statusId: statusId === null ? null : sql.raw(String(Math.trunc(statusId))),
    categoryId: categoryId && (sql.placeholder('categoryId') as unknown as number),
    tagSlug: tagSlug && (sql.placeholder('tagSlug') as unknown as string),
    limit,
    probeFirst,
  }
  const cursor = at && {
    value: sql.placeholder('cursorValue') as unknown as string,
    id: sql.placeholder('cursorId') as unknown as number,
  }
  if (args.before) placeholders.before = cursor
  else placeholders.cursor = cursor
  return { shape, placeholders }
}

/**
 * The rows of the first page of the list without search words (and the one after it) as the
 * list reads them, `(id, tier, sort_key)` in its order, for the statement that reads the page's
 * version (decision 041): its shape (one statement per shape) and its SQL (built when asked for),
 * whose placeholders are `categoryId` and `tagSlug`.
 */
export function firstBrowsingPageRows(args: {
  sort: IdeaSort | 'relevance'
  kind?: IdeaKind
  statusId: number | null
  categoryId?: number
  tagSlug?: string
  /** Whether the page is a search's: its words then the placeholder `search` (`searchText`). */
  searching?: boolean
  /** The page size the list asks for (the home page's lists: 6 and 3). */
  limit?: number
  /** A search's: read its matches first (rareSearch). */
  probeFirst?: boolean
}) {
  const { searching = false, limit = IDEAS_PAGE_SIZE, ...shapeArgs } = args
  const { shape, placeholders } = browsingStatementOf({ ...shapeArgs, limit })
  return {
    shape: searching ? `search ${shape}` : shape,
    rows: () =>
      searching ? searchPageRows(placeholders, SEARCH_WORDS) : browsingPageRows(placeholders),
    pageSize: limit,
  }
}

/** A prepared search's words. */
const SEARCH_WORDS = sql.placeholder('search')

/** The page sizes the app's own lists ask for: the list, the home page's two. */
const PREPARED_PAGE_SIZES = new Set([IDEAS_PAGE_SIZE, 6, 3])

/** The prepared statements of the list without search words, by shape (at most a few hundred). */
const browsingReads = new Map<
  string,
  (database?: Database) => { execute: (values: Record<string, unknown>) => Promise<IdeaRow[]> }
>()
type IdeaRow = Awaited<ReturnType<typeof ideasRowsStatement>>[number]

/** What readIdeasRows reads: the status by its id (a value, or written into a prepared statement). */
type IdeaRowsArgs = Omit<IdeaListArgs, 'statusSlug'> & {
  statusId: number | SQL | null
  /** A search's: read its matches first (rareSearch). */
  probeFirst?: boolean
}

/** What every list statement is made of: the order's column, the filters, the cursor's condition. */
function listRowsParts(args: IdeaRowsArgs, searching: boolean) {
  const { sort, kind, statusId, categoryId, tagSlug, limit = IDEAS_PAGE_SIZE } = args
  const column = sort === 'relevance' ? sortColumns.trending : sortColumns[sort]
  const cast = sortCursorCast(sort, searching)
  const back = Boolean(args.before)
  const at = args.before ?? args.cursor
  // Written in, not a parameter: a constant the planner can count on (see readIdeasRows).
  const conditions: SQL[] = [sql`${ideas.isPublic}`]
  if (kind) conditions.push(eq(ideas.kind, kind))
  if (statusId !== null) conditions.push(sql`${ideas.statusId} = ${statusId}`)
  if (categoryId) conditions.push(eq(ideas.categoryId, categoryId))
  if (tagSlug) {
    conditions.push(sql`exists (select 1 from ${ideaTags} it join ${tags} t on t.id = it.tag_id
                                where it.idea_id = ${ideas.id} and t.slug = ${tagSlug} and t.is_public)`)
  }
  const count = limit + 1
  const valueCast = sql.raw(cast === 'tier:float8' ? 'float8' : cast)
  // Past the cursor in the list's order (desc), or going back, before it.
  const [way, beyond] = back ? [sql.raw('asc'), sql.raw('>')] : [sql.raw('desc'), sql.raw('<')]
  const past = (value: string, id: number) =>
    sql`(${column}, ${ideas.id}) ${beyond} (${value}::${valueCast}, ${id})`
  return { column, conditions, count, valueCast, back, at, way, past }
}

/** The rows of a page without search words, `(id, tier, sort_key)` in the list's order. */
function browsingPageRows(args: IdeaRowsArgs) {
  const { column, conditions, count, at, way, past } = listRowsParts(args, false)
  return sql`select ${ideas.id}, 0 as tier, ${column} as sort_key from ${ideas}
             where ${and(...conditions, at ? past(at.value, at.id) : undefined)}
             order by ${column} ${way}, ${ideas.id} ${way} limit ${literalRowCount(count)}`
}

/**
 * The rows of a search's page, `(id, tier, sort_key)` in the list's order: only ideas that match
 * `text` (a value or a placeholder), ranked by `relevance` or in the chosen order.
 */
function searchPageRows(args: IdeaRowsArgs, text: SearchWords) {
  // Parsed once per statement (an InitPlan), not once per idea tested.
  const query = sql`(select ${searchQuery(text)})`
  const inTitleOnly = sql`(select ${titleQuery(searchQuery(text))})`
  const { column, conditions, count, valueCast, back, at, past } = listRowsParts(args, true)
  if (args.sort !== 'relevance') {
    const match = sql`${ideas.searchVector} @@ ${query}`
    return firstMatches({
      filters: conditions,
      match,
      tierOf: sql`0`,
      walkAfter: at ? past(at.value, at.id) : undefined,
      walkMatch: match,
      walkRows: SEARCH_WALK_ROWS,
      probeFirst: Boolean(args.probeFirst),
      tier: 0,
      order: column,
      after: at ? { tier: 0, value: sql`${at.value}::${valueCast}` } : null,
      afterId: at?.id,
      count,
      back,
    })
  }
  // Relevance: the title matches (tier 1), then the description-only matches (tier 0), each in
  // trending order. The cursor names its tier ("1:152.77", "0:98.1"). The walk looks in the
  // cursor's tier; the fallback reads every match once and orders both tiers.
  const tier = at?.value.startsWith('0:') ? 0 : 1
  const value = at?.value.slice(2)
  const inTitle = sql`${ideas.searchVector} @@ ${inTitleOnly}`
  const match = sql`${ideas.searchVector} @@ ${query}`
  return firstMatches({
    filters: conditions,
    match,
    tierOf: sql`(${inTitle})::int`,
    walkAfter: at ? past(value!, at.id) : undefined,
    walkMatch: sql`${match} and ${tier ? inTitle : sql`not ${inTitle}`}`,
    walkRows: tier ? TITLE_WALK_ROWS : SEARCH_WALK_ROWS,
    probeFirst: Boolean(args.probeFirst),
    tier,
    order: sortColumns.trending,
    after: at ? { tier, value: sql`${value}::float8` } : null,
    afterId: at?.id,
    count,
    back,
  })
}

/**
 * The statement of readIdeasRows, its values either values or (browsing, a search's first page)
 * placeholders; `text`: a search's words (`searchText`, or the placeholder `search`), null for none.
 */
function ideasRowsStatement(database: Database, args: IdeaRowsArgs, text: SearchWords | null) {
  const { sort } = args
  // The page's ideas in order first, from the ideas table alone, as (id, tier, sort_key); the card's
  // details are joined for those rows only (a common word matches thousands of ideas).
  const pageRows = text === null ? browsingPageRows(args) : searchPageRows(args, text)
  const options = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`
  const snippetOptions = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`
  // Qualified, so ORDER BY reads the page's typed value, not the text cursor value of the same name
  // (that ordered 9, 8, 28, 100 and made the next page repeat ideas, issue 16).
  const page = sql.identifier('page')
  const sortKey = sql`${page}.${sql.identifier('sort_key')}`
  const pageTier = sql`${page}.${sql.identifier('tier')}`
  const highlighted = text === null ? null : searchQuery(text)
  return cardQuery(database, {
    sortValue: (sort === 'relevance' && text !== null
      ? sql<string>`${pageTier} || ':' || (${sortKey})::text`
      : sql<string>`(${sortKey})::text`
    ).as('cursor_value'),
    titleHighlight: highlighted
      ? sql<
          string | null
        >`ts_headline('english', ${unmarked(ideas.title)}, ${highlighted}, ${options})`
      : sql<null>`null`,
    snippet: highlighted
      ? sql<
          string | null
        >`ts_headline('english', ${unmarked(ideas.description)}, ${highlighted}, ${snippetOptions})`
      : sql<null>`null`,
  })
    .innerJoin(sql`(${pageRows}) as ${page}`, sql`${page}.${sql.identifier('id')} = ${ideas.id}`)
    .orderBy(desc(pageTier), desc(sortKey), desc(ideas.id))
}

/** A person's ideas, newest first (keyset on creation time). Withdrawn ones only for the author. */
export async function listIdeasByAuthor({
  authorId,
  includeWithdrawn = false,
  limit = IDEAS_PAGE_SIZE,
  ...at
}: PageAt & {
  authorId: number
  includeWithdrawn?: boolean
  limit?: number
}) {
  const reads = preparedOnce(`ideas_by_author ${includeWithdrawn} ${limit}`, () =>
    preparedKeysetReads(newestIdeasOrder(ideas.createdAt, ideas.id), (database, keyset, way) =>
      cardQuery(database, { sortValue: sql<string>`${ideas.createdAt}::text` })
        .where(
          and(
            eq(ideas.authorId, sql.placeholder('authorId')),
            // The author's own list also shows what is withdrawn, hidden or waiting for approval.
            includeWithdrawn ? undefined : eq(ideas.isPublic, true),
            keyset.where,
          ),
        )
        .orderBy(...keyset.orderBy)
        .limit(literalLimit(limit + 1))
        .prepare(`ideas_by_author_${way}`),
    ),
  )
  return newestFirst(at, limit, reads, { authorId })
}

/** The ideas a person voted on, most recent vote first, with their vote (keyset on vote time). */
export async function listIdeasVotedBy({
  userId,
  limit = IDEAS_PAGE_SIZE,
  ...at
}: PageAt & {
  userId: number
  limit?: number
}) {
  const reads = preparedOnce(`ideas_voted_by ${limit}`, () =>
    preparedKeysetReads(newestIdeasOrder(votes.createdAt, votes.ideaId), (database, keyset, way) =>
      cardQuery(database, {
        sortValue: sql<string>`${votes.createdAt}::text`,
        voteValue: votes.value,
      })
        .innerJoin(votes, eq(votes.ideaId, ideas.id))
        .where(and(eq(votes.userId, sql.placeholder('userId')), keyset.where))
        .orderBy(...keyset.orderBy)
        .limit(literalLimit(limit + 1))
        .prepare(`ideas_voted_by_${way}`),
    ),
  )
  return newestFirst(at, limit, reads, { userId })
}

/** A person's latest comments with the idea each is on (profile page). */
export async function listCommentsByAuthor({
  authorId,
  limit = 10,
}: {
  authorId: number
  limit?: number
}) {
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
    .where(
      and(
        eq(comments.authorId, authorId),
        isNull(comments.deletedAt),
        isNull(comments.hiddenAt),
        eq(ideas.isPublic, true),
      ),
    )
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(limit)
}

const newestIdeasOrder = (value: AnyColumn, id: AnyColumn) =>
  ({ value, id, cast: 'timestamptz', descending: true }) as const

/** Each list's prepared reads, made on first use, by the list's shape (its options, not its values). */
const preparedLists = new Map<string, unknown>()
function preparedOnce<Reads>(shape: string, make: () => Reads): Reads {
  let reads = preparedLists.get(shape) as Reads | undefined
  if (!reads) preparedLists.set(shape, (reads = make()))
  return reads
}

/** A page of ideas with its links (readKeysetPage), going newest first, read by prepared statements. */
async function newestFirst<Row extends { id: number; sortValue: string }>(
  at: PageAt,
  limit: number,
  reads: ReturnType<
    typeof preparedKeysetReads<{ execute: (values: Record<string, unknown>) => Promise<Row[]> }>
  >,
  values: Record<string, unknown>,
) {
  const page = await readKeysetPage(at, limit, async (near) => {
    const read = reads(near)
    return read.inListOrder(await read.statement.execute({ ...values, ...read.cursor }))
  })
  return { ideas: page.rows, ...page.links }
}

/** The idea's one address (`/ideas/<id>-<slug>`), where every other address of it leads; null when there is no such idea. */
export async function getIdeaPath({ id }: { id: number }) {
  const [idea] = await db()
    .select({ id: ideas.id, slug: ideas.slug })
    .from(ideas)
    .where(eq(ideas.id, id))
  return idea ? ideaPath(idea) : null
}

export async function getIdea({ id }: { id: number }) {
  const [idea] = await ideaById().execute({ id })
  return idea
}

const ideaById = preparedRead((database) =>
  database
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
      mergedInto: sql<{
        id: number
        slug: string
        title: string
      } | null>`(select json_build_object('id', m.id, 'slug', m.slug, 'title', m.title) from ${ideas} m where m.id = ${ideas.mergedIntoId})`,
    })
    .from(ideas)
    .innerJoin(categories, eq(categories.id, ideas.categoryId))
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(eq(ideas.id, sql.placeholder('id')))
    .limit(literalLimit(1))
    .prepare('idea_by_id'),
)

/**
 * The comments on an idea, oldest first, with their authors (one query). A deleted comment is kept
 * as a placeholder only while it has live replies (always on the same idea, which lets the idea's
 * index find them).
 */
export async function listComments({ ideaId }: { ideaId: number }) {
  return commentsOfIdea().execute({ ideaId })
}

const commentsOfIdea = preparedRead((database) =>
  database
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
        eq(comments.ideaId, sql.placeholder('ideaId')),
        sql`(${comments.deletedAt} is null or exists (
          select 1 from ${comments} as replies
          where replies.idea_id = ${sql.placeholder('ideaId')} and replies.parent_id = ${comments.id} and replies.deleted_at is null))`,
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(literalLimit(500))
    .prepare('comments_of_idea'),
)

/** Roadmap columns: every status shown on the roadmap with its ideas, most voted first. */
/** How many ideas each roadmap column shows, and how long a launched idea stays on it. */
const ROADMAP_PER_COLUMN = 30
const ROADMAP_LAUNCHED_WITHIN_DAYS = 90

/**
 * The roadmap's ideas: each roadmap status's top ideas by score (as "Top" orders the idea list),
 * launched ones only while recent, columns in their order. The same rows are the kept roadmap's
 * version (roadmap-version.server.ts, decision 045), read in one statement with their page versions.
 */
export function roadmapIdeaRows({
  kind,
  categoryId,
  perColumn = ROADMAP_PER_COLUMN,
}: {
  /** A value, or a prepared statement's placeholder for it. */
  kind?: IdeaKind | ReturnType<typeof sql.placeholder>
  categoryId?: number | ReturnType<typeof sql.placeholder>
  perColumn?: number
}) {
  return sql`select s.position, ranked.status_id, ranked.id, ranked.slug, ranked.title, ranked.kind,
          ranked.score, ranked.language, ranked.page_version
        from ${statuses} s
        cross join lateral (
          select i.status_id, i.id, i.slug, i.title, i.kind, i.score, i.language, i.page_version
          from ${ideas} i
          where i.status_id = s.id
            and i.is_public
            ${kind ? sql`and i.kind = ${kind}` : sql``}
            ${categoryId ? sql`and i.category_id = ${categoryId}` : sql``}
            and (s.category <> 'closed'
              or i.status_changed_at > now() - make_interval(days => ${literalRowCount(ROADMAP_LAUNCHED_WITHIN_DAYS)}))
          order by i.score desc, i.id desc
          limit ${literalRowCount(perColumn)}
        ) ranked
        where s.on_roadmap and not s.retired`
}

/**
 * The roadmap's filters as its page applies them (the loader, and the kept roadmap's version): a
 * category the form does not offer (unknown, retired) is no filter, as the form then shows "All".
 */
export async function roadmapFiltersOf(query: Record<string, string>) {
  const filters = roadmapFiltersSchema.parse(query)
  const offered =
    filters.category !== undefined &&
    (await listCategories()).some((category) => category.id === filters.category)
  return { kind: filters.kind, categoryId: offered ? filters.category : undefined }
}

export async function getRoadmap({
  kind,
  categoryId,
  perColumn,
}: { kind?: IdeaKind; categoryId?: number; perColumn?: number } = {}) {
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
    /** What its card shows, and what each column is ordered by (as "Top" orders the idea list). */
    score: number
    /** The title's language, for its `lang` attribute (as idea cards have). */
    language: ContentLanguage | null
  }>(
    db(),
    sql`select r.status_id, r.id, r.slug, r.title, r.kind, r.score, r.language
        from (${roadmapIdeaRows({ kind, categoryId, perColumn })}) r
        order by r.position, r.score desc, r.id desc`,
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

/**
 * The totals of what visitors can see: public ideas, the votes on them, the launched among them
 * (the votes of hidden and withdrawn ideas were counted beside a count of ideas without them).
 */
export async function countSiteStats(): Promise<SiteStats> {
  const [row] = await queryRows<{ ideas: number; votes: number; launched: number }>(
    db(),
    sql`select count(*)::int as ideas,
               coalesce(sum(i.up_votes + i.down_votes), 0)::int as votes,
               (count(*) filter (where s.slug = 'implemented'))::int as launched
          from ${ideas} i join ${statuses} s on s.id = i.status_id
         where i.is_public`,
  )
  return {
    ideas: Number(row?.ideas ?? 0),
    votes: Number(row?.votes ?? 0),
    launched: Number(row?.launched ?? 0),
  }
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

// Reference data nearly every page shows: kept until it changes (db/reference-data.server.ts).
const categoriesInUse = preparedRead((database) =>
  database
    .select()
    .from(categories)
    .where(eq(categories.retired, false))
    .orderBy(...categoryOrder())
    .prepare('categories_in_use'),
)
export const listCategories = referenceData((database) => categoriesInUse(database).execute())

const everyStatus = preparedRead((database) =>
  database.select().from(statuses).orderBy(asc(statuses.position)).prepare('every_status'),
)
export const listStatuses = referenceData((database) => everyStatus(database).execute())

/**
 * Files a new idea with the author's own up-vote (the idea starts at score 1), in one statement.
 * Validation of the input happens before this (ideas.schema.ts).
 */
export async function createIdea(input: NewIdea) {
  const idea = await createIdeaOnce(input)
  if (!idea) throw new Error(`The submission key ${input.submissionKey} was used already`)
  return idea
}

type NewIdea = Parameters<typeof createIdeaOnce>[0]

/**
 * `createIdea`, except that an idea whose author used its submission key before is not filed:
 * undefined then. In a transaction, a parallel one filing under the same key is waited for.
 */
export async function createIdeaOnce({
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
  const firstResponseDueAt = await firstResponseDue({ executor, channel, at: createdAt })
  const [reserved] = await queryRows<{ id: string | number }>(
    executor,
    sql`select ${nextIdeaIdSql} as id`,
  )
  const row = newIdeaRow({
    id: Number(reserved!.id),
    authorId,
    kind,
    categoryId,
    title,
    description,
    statusSlug,
    createdAt,
    statusChangedAt,
    submissionKey,
    heldReason,
    channel,
    externalRef,
    language,
    firstResponseDueAt,
  })
  const [filed] = await queryRows<{ id: number }>(
    executor,
    sql`with ${fileIdeasCtes([row])} select id from new_idea`,
  )
  if (!filed) return undefined
  const [idea] = await executor.select().from(ideas).where(eq(ideas.id, row.id))
  return idea!
}

/** Reserves the id of an idea about to be filed (its webhook event and acknowledgement name it). */
export const nextIdeaIdSql = sql`nextval(pg_get_serial_sequence('ideas', 'id'))`

/** Everything an idea is filed with, its id reserved (`nextIdeaIdSql`) and its due date known. */
export type NewIdeaRow = ReturnType<typeof newIdeaRow>

export function newIdeaRow(input: {
  id: number
  authorId: number
  kind: IdeaKind
  categoryId: number
  title: string
  description: string
  statusSlug?: string
  createdAt?: Date
  statusChangedAt?: Date
  submissionKey?: string | null
  heldReason?: string | null
  channel?: string
  externalRef?: string | null
  language?: ContentLanguage | null
  firstResponseDueAt: Date | null
}) {
  const createdAt = input.createdAt ?? new Date()
  const title = input.title
  return {
    id: input.id,
    authorId: input.authorId,
    kind: input.kind,
    categoryId: input.categoryId,
    statusSlug: input.statusSlug ?? 'new',
    title,
    slug: slugify(title),
    description: input.description,
    language:
      input.language === undefined
        ? detectLanguage(`${title}\n${input.description}`)
        : input.language,
    createdAt,
    statusChangedAt: input.statusChangedAt ?? createdAt,
    submissionKey: input.submissionKey ?? null,
    heldReason: input.heldReason ?? null,
    channel: input.channel ?? 'web',
    externalRef: input.externalRef ?? null,
    firstResponseDueAt: input.firstResponseDueAt,
  }
}

/**
 * The data-modifying CTEs that file ideas: `new_idea` (a row for each idea filed; none for an idea
 * whose author used its submission key before, or for which `onlyIf` is false — it may read the idea
 * as `filing`), each author's own up-vote and follow, and the `idea.created` webhook events. All of it
 * commits with the statement that embeds them. The ideas are one parameter, so the statement's text
 * is the same for one idea or a batch of them (posting files the ideas of a moment together).
 */
export function fileIdeasCtes(rows: NewIdeaRow[], { onlyIf }: { onlyIf?: SQL } = {}) {
  const filing = rows.map((row) => {
    const at = row.createdAt.toISOString()
    return {
      id: row.id,
      author_id: row.authorId,
      kind: row.kind,
      category_id: row.categoryId,
      status_slug: row.statusSlug,
      title: row.title,
      slug: row.slug,
      description: row.description,
      language: row.language,
      hot_score: hotScore(1, row.createdAt),
      created_at: at,
      status_changed_at: row.statusChangedAt.toISOString(),
      submission_key: row.submissionKey,
      channel: row.channel,
      external_ref: row.externalRef,
      first_response_due_at: row.firstResponseDueAt?.toISOString() ?? null,
      held_at: row.heldReason ? at : null,
      held_reason: row.heldReason,
      // Ideas that start beyond New (seed data, imports) were answered when their status was set.
      answered_at: row.statusSlug === 'new' ? null : row.statusChangedAt.toISOString(),
    }
  })
  const events = queueEventsSql({
    event: 'idea.created',
    events: rows.map((row) => ({
      eventId: `idea.created:${row.id}`,
      subjectId: row.id,
      data: {
        id: row.id,
        title: row.title,
        kind: row.kind,
        channel: row.channel,
        status: row.statusSlug,
        held: Boolean(row.heldReason),
        url: `${publicBaseUrl()}/ideas/${row.id}-${row.slug}`,
      },
    })),
    onlyIf: sql`queued_event.subject_id in (select id from new_idea)`,
  })
  return sql`filing as (
      select * from json_to_recordset(${JSON.stringify(filing)}::json) as filing(
        id int, author_id int, kind text, category_id int, status_slug text, title text, slug text, description text,
        language text, hot_score double precision, created_at timestamptz, status_changed_at timestamptz, submission_key text,
        channel text, external_ref text, first_response_due_at timestamptz, held_at timestamptz, held_reason text, answered_at timestamptz)
    ),
    new_idea as (
      insert into ${ideas} (id, author_id, kind, category_id, status_id, title, slug, description, language, up_votes, score, follower_count, hot_score,
                            created_at, updated_at, status_changed_at, submission_key, channel, external_ref, first_response_due_at, held_at, held_reason, answered_at)
      overriding system value
      select id, author_id, kind, category_id, (select s.id from ${statuses} s where s.slug = filing.status_slug), title, slug, description, language, 1, 1, 1, hot_score,
             created_at, created_at, status_changed_at, submission_key, channel, external_ref, first_response_due_at, held_at, held_reason, answered_at
      from filing
      ${onlyIf ? sql`where ${onlyIf}` : sql``}
      on conflict (author_id, submission_key) do nothing
      returning id, author_id, channel, created_at
    ),
    new_idea_vote as (
      insert into ${votes} (idea_id, user_id, value, channel, created_at, updated_at)
      select id, author_id, 1, channel, created_at, created_at from new_idea
    ),
    new_idea_follow as (
      insert into ${follows} (idea_id, user_id, created_at) select id, author_id, created_at from new_idea
    ),
    new_idea_event as (${events})`
}

/**
 * Recomputes the denormalised counters of the given ideas (or all) from their rows, set-based.
 * Used by bulk loaders (seed data) and by repair tooling; normal writes keep counters in step.
 */
export async function recountIdeas({
  ideaIds,
  executor = db(),
}: { ideaIds?: number[]; executor?: Executor } = {}) {
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
