// Every list, walked page by page, shows every idea it should exactly once and in its order
// (Ideabox issue 16: "Top" ordered scores as text, 9 before 28, and the next page repeated ideas).
// fast-check writes the counters, times, statuses and visibility of a pool of ideas straight into
// the table, with ties, negative scores, 9/10/99/100/10,000 and equal timestamps; then each list is
// walked through its domain function (small pages) and through its route loader, following the
// next-page address the page itself builds (listPageHref: the no-JavaScript link and "Load more"
// both load it), to the end and back again (docs/decisions/032). Each walk is compared with an order
// computed here: sort key, then id. The same holds for the lists of other records: updates, an
// idea's voters, notifications, the audit log (formerly audit-invariants.test.ts) and the mail logs.
// The sorts, filters, views and languages come from the code, and so do the lists: every page with
// a Pager must be walked here, so a new one cannot be forgotten.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import type { LoaderFunctionArgs } from '@remix-run/node'
import { eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import {
  auditLog,
  ideaTags,
  notifications,
  outbox,
  outboxStates,
  tags,
  updates,
  votes,
} from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { listAudit } from '#app/domain/audit/audit.server'
import { hotScore, type IdeaKind, ideaKinds, ideaSorts } from '#app/domain/ideas/ideas.rules'
import { ideaListQuerySchema } from '#app/domain/ideas/ideas.schema'
import {
  getRoadmap,
  listCategories,
  listIdeas,
  listIdeasByAuthor,
  listIdeasVotedBy,
  listStatuses,
} from '#app/domain/ideas/ideas.server'
import { listMail } from '#app/domain/mail/outbox.server'
import { enqueue } from '#app/domain/outbox/enqueue.server'
import { type TriageSort, triageSortsFor } from '#app/domain/triage/triage.rules'
import { triageFiltersSchema } from '#app/domain/triage/triage.schema'
import { listTriage, type TriageView, triageViews } from '#app/domain/triage/triage.server'
import { listPublishedUpdates } from '#app/domain/updates/updates.server'
import { listVoters } from '#app/domain/votes/voters.server'
import { loader as queueLoader } from '#app/routes/admin._index'
import { loader as auditLoader } from '#app/routes/admin.audit'
import { loader as triageIdeasLoader } from '#app/routes/admin.ideas._index'
import { loader as adminIdeaLoader } from '#app/routes/admin.ideas.$ideaId'
import { loader as adminMailLoader } from '#app/routes/admin.mail'
import { loader as devMailLoader } from '#app/routes/dev.mail'
import { loader as ideasLoader } from '#app/routes/ideas._index'
import { loader as myIdeasLoader } from '#app/routes/my.ideas'
import { loader as myVotesLoader } from '#app/routes/my.votes'
import { loader as notificationsLoader } from '#app/routes/notifications'
import { loader as roadmapLoader } from '#app/routes/roadmap'
import { loader as profileLoader } from '#app/routes/u.$handle'
import { loader as updatesLoader } from '#app/routes/updates._index'
import { decodePage } from '#app/utils/cursors'
import { resetEnvCache } from '#app/utils/env.server'
import { supportedLocales } from '#app/utils/i18n/i18n'
import { listPageHref } from '#app/utils/page-href'
import { makeContext } from '#tests/setup/request'

const POOL = 36
/**
 * Update posts, people voting on one idea and notifications: most runs give three pages of each at
 * the pages' own sizes (10, 25, 30), as going back only tells a page from the first from page 3 on.
 */
const UPDATES_POOL = 36
const CROWD = 64
const NOTIFICATIONS = 95
const COUNTS = [9, 10, 99, 100, 10_000]
const DAY = 86_400_000
/** Few distinct moments, so many ideas share one; .123 s and 100 days old test precision and the roadmap's 90 days. */
const MOMENT_OFFSETS = [0, 0, 1_000, 3_600_000, 3_600_123, DAY, 7 * DAY, 100 * DAY]
/** Title words: an English and a Dutch search, and ideas neither finds. */
const searches = {
  espresso: 'Espresso bar idea',
  bekers: 'Herbruikbare bekers idee',
  none: 'Quiet corner idea',
} as const
type TitleWord = keyof typeof searches
/** Descriptions: every other idea neither title finds says one of the words in its description only. */
const describing = {
  espresso: 'An espresso machine here would help.',
  bekers: 'Graag herbruikbare bekers hier.',
} as const

// The filters each list reads from its address, from the lists' own schemas: a filter added there
// fails here until the reference below knows it.
const paging = ['q', 'sort', 'cursor', 'before', 'view']
const ideaFilters = Object.keys(ideaListQuerySchema.shape).filter((key) => !paging.includes(key))
// `select` ticks every row's box (select all): it shows every idea, it filters none.
const triageFilters = Object.keys(triageFiltersSchema.shape).filter(
  (key) => ![...paging, 'select'].includes(key),
)

type PoolIdea = {
  id: number
  kind: IdeaKind
  categoryId: number
  word: TitleWord
  /** The search word its description (not its title) says, if any. */
  described: keyof typeof describing | null
  authorId: number
}
type Status = Awaited<ReturnType<typeof listStatuses>>[number]

const ideaArb = fc.record({
  score: fc.oneof(
    fc.constantFrom(...COUNTS, ...COUNTS.map((count) => -count)),
    fc.integer({ min: -3, max: 12 }),
  ),
  comments: fc.oneof(fc.constantFrom(0, ...COUNTS), fc.integer({ min: 0, max: 12 })),
  moment: fc.nat({ max: MOMENT_OFFSETS.length - 1 }),
  state: fc.constantFrom('public', 'public', 'public', 'public', 'hidden', 'withdrawn', 'held'),
  status: fc.nat({ max: 99 }),
  tagged: fc.boolean(),
  due: fc.option(fc.nat({ max: MOMENT_OFFSETS.length - 1 })),
  answered: fc.boolean(),
  assigned: fc.boolean(),
  vote: fc.option(
    fc.record({
      value: fc.constantFrom(1 as const, -1 as const),
      moment: fc.nat({ max: MOMENT_OFFSETS.length - 1 }),
    }),
  ),
})

const runArb = fc.record({
  ideas: fc.array(ideaArb, { minLength: POOL, maxLength: POOL }),
  limit: fc.integer({ min: 4, max: 8 }),
  language: fc.constantFrom(...supportedLocales),
  kind: fc.constantFrom(...ideaKinds),
  category: fc.nat({ max: 99 }),
  status: fc.nat({ max: 99 }),
})
type Run = typeof runArb extends fc.Arbitrary<infer R> ? R : never

/** One idea as this run wrote it: what the reference orders and filters on. */
type Row = PoolIdea & {
  score: number
  comments: number
  hot: number
  createdAt: number
  statusId: number
  isPublic: boolean
  withdrawn: boolean
  tagged: boolean
  due: number | null
  answered: boolean
  assigned: boolean
  vote: { value: 1 | -1; at: number } | null
}

/** Keyset order: the key high to low, then id high to low (ascending for the triage queue). */
const ordered = <Item extends { id: number }>(
  rows: Item[],
  key: (row: Item) => number,
  direction: 1 | -1 = -1,
) =>
  [...rows]
    .sort((a, b) => direction * (key(a) - key(b)) || direction * (a.id - b.id))
    .map((row) => row.id)

type Page = {
  ideas: { id: number }[]
  nextCursor: string | null
  previousCursor: string | null
  isFirstPage: boolean
}
type PageAt = { cursor: string | null; before: string | null }

/**
 * Follows next-page cursors to the end (a repeating cursor fails instead of looping), then the
 * previous-page cursors from there: going back shows the same pages in reverse order, and ends on
 * the first page. The pages seen going forward, each its rows' ids in order.
 */
async function walkPages(page: (at: PageAt) => Promise<Page>) {
  const idsOf = (result: Page) => result.ideas.map((idea) => idea.id)
  const forward: number[][] = []
  const cursors = new Set<string>()
  let result = await page({ cursor: null, before: null })
  for (;;) {
    forward.push(idsOf(result))
    const cursor = result.nextCursor
    if (!cursor) break
    if (cursors.has(cursor)) throw new Error(`cursor ${cursor} handed out twice`)
    cursors.add(cursor)
    result = await page({ cursor, before: null })
  }
  const back: number[][] = [idsOf(result)]
  while (result.previousCursor) {
    if (back.length > forward.length) throw new Error('going back passes the first page')
    result = await page({ cursor: null, before: result.previousCursor })
    back.unshift(idsOf(result))
  }
  expect(back, 'going back shows the pages seen going forward').toEqual(forward)
  expect(result.isFirstPage, 'going back ends on the first page').toBe(true)
  return forward
}

/** The rows seen walking a list forward and back (walkPages), in order. */
const walk = async (page: (at: PageAt) => Promise<Page>) => (await walkPages(page)).flat()

/** A list's page (its rows and links) as walk reads it: the rows' ids as `ideas`. */
const asPage = <Item>(
  items: Item[],
  idOf: (item: Item) => number,
  links: Omit<Page, 'ideas'>,
): Page => ({
  ideas: items.map((item) => ({ id: idOf(item) })),
  nextCursor: links.nextCursor,
  previousCursor: links.previousCursor,
  isFirstPage: links.isFirstPage,
})

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>

/** What the browser receives: loader data as JSON (undefined fields dropped, dates as text). */
async function load<Data>(
  loader: Loader,
  path: string,
  {
    cookie,
    language,
    params = {},
  }: { cookie?: string; language: string; params?: Record<string, string> },
) {
  const headers: Record<string, string> = { 'Accept-Language': language }
  if (cookie) headers.Cookie = cookie
  const request = new Request(`http://localhost${path}`, { headers })
  return JSON.parse(
    JSON.stringify(await loader({ request, params, context: makeContext() })),
  ) as Data
}

type FeedPage = Page

/** The page loaders walked here, both ways: the last test holds every paged page to it. */
const walkedLoaders = new Set<unknown>()

/** Walks a list page by page as a visitor does: by the address the page links to next. */
async function walkLoader<Data>(
  loader: Loader,
  firstPath: string,
  pagePath: (data: Data, cursor: string, direction: 'after' | 'before') => string,
  options: { cookie?: string; language: string; params?: Record<string, string> },
  pageOf: (data: Data) => Page = (data) => data as Page,
) {
  walkedLoaders.add(loader)
  // Each page's address is the one the page before it linked to (first, next or previous).
  let shown: Data | null = null
  return walk(async (at) => {
    const path =
      shown && (at.cursor ?? at.before)
        ? pagePath(shown, (at.cursor ?? at.before)!, at.before ? 'before' : 'after')
        : firstPath
    shown = await load<Data>(loader, path, options)
    return pageOf(shown)
  })
}

/**
 * How many generated cases a property checks: all of them on a PostgreSQL server; a quarter on the
 * embedded database (one connection, WASM, several times slower per case), whose pass is there for
 * what PGlite does differently (collation, search, ordering), not for more cases of the same: with
 * half, this file was a third of that pass (a whole CI run is held to 10 minutes).
 */
const casesOnThisDatabase = (numRuns: number) =>
  process.env.DATABASE_URL ? numRuns : Math.max(2, Math.ceil(numRuns / 4))

describe('every list shows every idea once, in order', () => {
  const pool: PoolIdea[] = []
  let statuses: Status[] = []
  let categoryIds: number[] = []
  let tag = { id: 0, slug: '' }
  let author = { id: 0, handle: '', cookie: '' }
  let voter = { id: 0, cookie: '' }
  let moderator = { id: 0, cookie: '' }
  const now = Date.now()

  beforeAll(async () => {
    const [first, second] = [
      await createTestUser({ password: null }),
      await createTestUser({ password: null }),
    ]
    const voterUser = await createTestUser({ password: null })
    const moderatorUser = await createTestUser({ password: null, role: 'moderator' })
    const cookie = async (id: number) => (await startSession(id)).cookie.split(';')[0]!
    author = { id: first.id, handle: first.handle, cookie: await cookie(first.id) }
    voter = { id: voterUser.id, cookie: await cookie(voterUser.id) }
    moderator = { id: moderatorUser.id, cookie: await cookie(moderatorUser.id) }
    const categories = await listCategories()
    categoryIds = categories.map((category) => category.id)
    statuses = (await listStatuses()).filter((status) => !status.retired)
    const words = Object.keys(searches) as TitleWord[]
    for (let index = 0; index < POOL; index++) {
      const kind = ideaKinds[index % ideaKinds.length]!
      const ofKind = categories.filter((category) => category.kind === kind)
      const category = ofKind[Math.floor(index / ideaKinds.length) % ofKind.length]!
      const word = words[index % words.length]!
      const authorId = index % 2 ? first.id : second.id
      const described =
        word === 'none' && index % 2 ? (index % 4 === 1 ? 'espresso' : 'bekers') : null
      const idea = await createTestIdea({
        authorId,
        kind,
        categorySlug: category.slug,
        title: `${searches[word]} ${index}`,
        ...(described ? { description: describing[described] } : {}),
      })
      pool.push({ id: idea.id, kind, categoryId: category.id, word, described, authorId })
    }
    const [created] = await db()
      .insert(tags)
      .values({ slug: 'invariant-tag', nameEn: 'Invariant', nameNl: 'Invariant', isPublic: true })
      .returning()
    tag = { id: created!.id, slug: created!.slug }
  })

  /** Writes the run's counters and states into the table, set-based, and returns them as rows. */
  async function write(run: Run): Promise<Row[]> {
    const at = (moment: number) => now - MOMENT_OFFSETS[moment]!
    const rows = pool.map((idea, index): Row => {
      const data = run.ideas[index]!
      const createdAt = at(data.moment)
      return {
        ...idea,
        score: data.score,
        comments: data.comments,
        hot: hotScore(data.score, new Date(createdAt)),
        createdAt,
        statusId: statuses[data.status % statuses.length]!.id,
        isPublic: data.state === 'public',
        withdrawn: data.state === 'withdrawn',
        tagged: data.tagged,
        due: data.due === null ? null : at(data.due),
        answered: data.answered,
        assigned: data.assigned,
        vote: data.vote ? { value: data.vote.value, at: at(data.vote.moment) } : null,
      }
    })
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
    const values = rows.map((row, index) => {
      const state = run.ideas[index]!.state
      const when = (flag: boolean) => (flag ? iso(row.createdAt) : null)
      return sql`(${row.id}::int, ${row.score}::int, ${row.comments}::int, ${row.hot}::float8, ${iso(row.createdAt)}::timestamptz,
                  ${row.statusId}::int, ${when(state === 'hidden')}::timestamptz, ${when(state === 'withdrawn')}::timestamptz,
                  ${when(state === 'held')}::timestamptz, ${iso(row.due)}::timestamptz, ${when(row.answered)}::timestamptz,
                  ${row.assigned ? moderator.id : null}::int)`
    })
    await db().execute(sql`
      update ideas i set score = v.score, comment_count = v.comments, hot_score = v.hot, created_at = v.created_at,
        status_changed_at = v.created_at, status_id = v.status_id, hidden_at = v.hidden_at, withdrawn_at = v.withdrawn_at,
        held_at = v.held_at, first_response_due_at = v.due, answered_at = v.answered_at, assignee_id = v.assignee_id
      from (values ${sql.join(values, sql`, `)}) as v(id, score, comments, hot, created_at, status_id, hidden_at, withdrawn_at, held_at, due, answered_at, assignee_id)
      where i.id = v.id`)
    await db()
      .delete(ideaTags)
      .where(sql`${ideaTags.tagId} = ${tag.id}`)
    const tagged = rows.filter((row) => row.tagged)
    if (tagged.length)
      await db()
        .insert(ideaTags)
        .values(tagged.map((row) => ({ ideaId: row.id, tagId: tag.id })))
    await db()
      .delete(votes)
      .where(sql`${votes.userId} = ${voter.id}`)
    const ballots = rows.flatMap((row) =>
      row.vote
        ? [
            {
              ideaId: row.id,
              userId: voter.id,
              value: row.vote.value,
              createdAt: new Date(row.vote.at),
              updatedAt: new Date(row.vote.at),
            },
          ]
        : [],
    )
    if (ballots.length) await db().insert(votes).values(ballots)
    return rows
  }

  /** The property: for each generated run, written into the table, the lists agree with `check`. */
  const forEveryRun = (numRuns: number, check: (run: Run, rows: Row[]) => Promise<void>) =>
    fc.assert(
      fc.asyncProperty(runArb, async (run) => check(run, await write(run))),
      { numRuns: casesOnThisDatabase(numRuns) },
    )

  /** The run's value for each filter, as the address carries it and as a test on a row. */
  function filterCase(run: Run, filter: string, list: 'ideas' | 'triage') {
    const status = statuses[run.status % statuses.length]!
    const categoryId = categoryIds[run.category % categoryIds.length]!
    const cases: Record<string, { value: string; keeps: (row: Row) => boolean }> = {
      kind: { value: run.kind, keeps: (row) => row.kind === run.kind },
      status: { value: status.slug, keeps: (row) => row.statusId === status.id },
      category: { value: String(categoryId), keeps: (row) => row.categoryId === categoryId },
      // The public list names a public tag by slug, the back office any tag by id.
      tag: { value: list === 'ideas' ? tag.slug : String(tag.id), keeps: (row) => row.tagged },
    }
    const found = cases[filter]
    if (!found)
      throw new Error(
        `The invariant test does not know the ${list} filter "${filter}": add it to filterCase`,
      )
    return found
  }

  const sortKey =
    (sort: (typeof ideaSorts)[number] | 'relevance', search: TitleWord | null) => (row: Row) => {
      // Relevance (docs/decisions/007-search.md): the ideas whose title matches, then those whose
      // description does, each most popular (trending) first.
      if (sort === 'relevance') return (row.word === search ? 1e6 : 0) + row.hot
      return { trending: row.hot, top: row.score, new: row.createdAt, discussed: row.comments }[
        sort
      ]
    }
  const matches = (search: TitleWord | null) => (row: Row) =>
    !search || row.word === search || row.described === search

  it('public idea lists, by the domain and by the page, for every sort × filter × search × language', async () => {
    await forEveryRun(8, async (run, rows) => {
      for (const search of [null, 'espresso', 'bekers'] as const) {
        for (const filter of [null, ...ideaFilters]) {
          const chosen = filter ? filterCase(run, filter, 'ideas') : null
          const visible = rows.filter(
            (row) => row.isPublic && matches(search)(row) && (!chosen || chosen.keeps(row)),
          )
          // Relevance is offered with a search only (without one, the page and the API ask for trending).
          for (const sort of search ? ([...ideaSorts, 'relevance'] as const) : ideaSorts) {
            const expected = ordered(visible, sortKey(sort, search))
            const label = `${sort}, ${filter ?? 'no filter'}=${chosen?.value ?? ''}, search ${search}`
            const args = {
              sort,
              search: search ?? undefined,
              kind: filter === 'kind' ? run.kind : undefined,
              statusSlug: filter === 'status' ? chosen!.value : undefined,
              categoryId: filter === 'category' ? Number(chosen!.value) : undefined,
              tagSlug: filter === 'tag' ? chosen!.value : undefined,
            }
            const byDomain = await walk((at) =>
              listIdeas({ ...args, ...decodePage(at), limit: run.limit }),
            )
            expect(byDomain, `listIdeas ${label}`).toEqual(expected)
            const filters = {
              q: search ?? '',
              sort,
              ...(filter ? { [filter]: chosen!.value } : {}),
            }
            const byPage = await walkLoader<FeedPage & { query: Record<string, string> }>(
              ideasLoader as Loader,
              listPageHref('/ideas', filters, null),
              (data, cursor, direction) => listPageHref('/ideas', data.query, cursor, direction),
              { language: run.language },
            )
            expect(byPage, `/ideas ${label} in ${run.language}`).toEqual(expected)
          }
        }
      }
    })
  }, 120_000) // on PGlite: ~70 s with the description-only matches and the two-step search query (issue 19), ~32 s before

  it("people's lists: a profile, /my/ideas and /my/votes, by the domain and by the page", async () => {
    await forEveryRun(20, async (run, rows) => {
      const newest = (list: Row[]) => ordered(list, (row) => row.createdAt)
      const theirs = rows.filter((row) => row.authorId === author.id)
      const profile = newest(theirs.filter((row) => row.isPublic))
      const mine = newest(theirs)
      const voted = ordered(
        rows.filter((row) => row.vote),
        (row) => row.vote!.at,
      )
      const options = { language: run.language }
      expect(
        await walk((at) =>
          listIdeasByAuthor({
            authorId: author.id,
            ...decodePage(at),
            limit: run.limit,
          }),
        ),
        'listIdeasByAuthor',
      ).toEqual(profile)
      expect(
        await walk((at) =>
          listIdeasByAuthor({
            authorId: author.id,
            includeWithdrawn: true,
            ...decodePage(at),
            limit: run.limit,
          }),
        ),
        'own ideas',
      ).toEqual(mine)
      expect(
        await walk((at) =>
          listIdeasVotedBy({ userId: voter.id, ...decodePage(at), limit: run.limit }),
        ),
        'listIdeasVotedBy',
      ).toEqual(voted)
      // These pages link the next page with only a cursor on their own address.
      const feed = (
        loader: unknown,
        path: string,
        more: { cookie?: string; params?: Record<string, string> },
      ) =>
        walkLoader<FeedPage>(
          loader as Loader,
          path,
          (_, cursor, direction) => listPageHref(path, {}, cursor, direction),
          { ...options, ...more },
        )
      const profilePath = `/u/${author.handle}`
      expect(
        await feed(profileLoader, profilePath, { params: { handle: author.handle } }),
        profilePath,
      ).toEqual(profile)
      expect(
        await feed(myIdeasLoader, '/my/ideas', { cookie: author.cookie }),
        '/my/ideas',
      ).toEqual(mine)
      expect(await feed(myVotesLoader, '/my/votes', { cookie: voter.cookie }), '/my/votes').toEqual(
        voted,
      )
    })
  }, 60_000)

  it('the roadmap and the back-office lists (queue, mine, all), for every filter and search', async () => {
    await forEveryRun(6, async (run, rows) => {
      // Roadmap: each roadmap status, its public ideas by score (launched ones of the last 90 days).
      const kindOnly = (row: Row) => row.kind === run.kind
      for (const onlyKind of [false, true]) {
        const perColumn = run.limit
        const expected = statuses
          .filter((status) => status.onRoadmap)
          .sort((a, b) => a.position - b.position)
          .map((status) => ({
            status: status.slug,
            ids: ordered(
              rows.filter(
                (row) =>
                  row.statusId === status.id &&
                  row.isPublic &&
                  (!onlyKind || kindOnly(row)) &&
                  (status.category !== 'closed' || row.createdAt > now - 90 * DAY),
              ),
              (row) => row.score,
            ),
          }))
        const columns = await getRoadmap({ perColumn, kind: onlyKind ? run.kind : undefined })
        const shown = columns.map((column) => ({
          status: column.status.slug,
          ids: column.ideas.map((idea) => Number(idea.id)),
        }))
        expect(shown, `roadmap of ${perColumn}`).toEqual(
          expected.map((column) => ({ ...column, ids: column.ids.slice(0, perColumn) })),
        )
        const page = await load<{
          columns: { status: { slug: string }; ideas: { id: number }[] }[]
        }>(roadmapLoader as Loader, onlyKind ? `/roadmap?kind=${run.kind}` : '/roadmap', {
          language: run.language,
        })
        expect(
          page.columns.map((column) => ({
            status: column.status.slug,
            ids: column.ideas.map((idea) => Number(idea.id)),
          })),
          '/roadmap',
        ).toEqual(expected.map((column) => ({ ...column, ids: column.ids.slice(0, 30) })))
      }

      // Back office: the queue by promised date (none last), the other views newest first.
      for (const view of triageViews) {
        const inView = (row: Row) =>
          view === 'queue' ? row.isPublic && !row.answered : view === 'mine' ? row.assigned : true
        const order = (list: Row[]) =>
          view === 'queue'
            ? ordered(list, (row) => row.due ?? Infinity, 1)
            : ordered(list, (row) => row.createdAt)
        for (const search of [null, 'espresso', 'bekers'] as const) {
          for (const filter of [null, ...triageFilters]) {
            const chosen = filter ? filterCase(run, filter, 'triage') : null
            const expected = order(
              rows.filter(
                (row) => inView(row) && matches(search)(row) && (!chosen || chosen.keeps(row)),
              ),
            )
            const label = `${view}, ${filter ?? 'no filter'}=${chosen?.value ?? ''}, search ${search}`
            const args = {
              view: view as TriageView,
              viewerId: moderator.id,
              search: search ?? undefined,
              kind: filter === 'kind' ? run.kind : undefined,
              statusSlug: filter === 'status' ? chosen!.value : undefined,
              categoryId: filter === 'category' ? Number(chosen!.value) : undefined,
              tagId: filter === 'tag' ? tag.id : undefined,
            }
            expect(
              await walk((at) => listTriage({ ...args, ...decodePage(at), limit: run.limit })),
              `listTriage ${label}`,
            ).toEqual(expected)
            const basePath = view === 'queue' ? '/admin' : '/admin/ideas'
            const filters = {
              q: search ?? '',
              view: view === 'mine' ? 'mine' : '',
              ...(filter ? { [filter]: chosen!.value } : {}),
            }
            const byPage = await walkLoader<FeedPage & { filters: Record<string, string> }>(
              (view === 'queue' ? queueLoader : triageIdeasLoader) as Loader,
              listPageHref(basePath, filters, null),
              (data, cursor, direction) => listPageHref(basePath, data.filters, cursor, direction),
              { language: run.language, cookie: moderator.cookie },
            )
            expect(byPage, `${basePath} ${label}`).toEqual(expected)
          }
        }
        // Every sort the page offers for this view, in the order its label names.
        const sortKeys: Record<TriageSort, { key: (row: Row) => number; direction: 1 | -1 }> = {
          due: { key: (row) => row.due ?? Infinity, direction: 1 },
          oldest: { key: (row) => row.createdAt, direction: 1 },
          newest: { key: (row) => row.createdAt, direction: -1 },
          votes: { key: (row) => row.score, direction: -1 },
        }
        for (const sort of triageSortsFor(view)) {
          const expected = ordered(
            rows.filter(inView),
            sortKeys[sort].key,
            sortKeys[sort].direction,
          )
          expect(
            await walk((at) =>
              listTriage({
                view: view as TriageView,
                viewerId: moderator.id,
                sort,
                ...decodePage(at),
                limit: run.limit,
              }),
            ),
            `listTriage ${view} sorted by ${sort}`,
          ).toEqual(expected)
          const basePath = view === 'queue' ? '/admin' : '/admin/ideas'
          const byPage = await walkLoader<FeedPage & { filters: Record<string, string> }>(
            (view === 'queue' ? queueLoader : triageIdeasLoader) as Loader,
            listPageHref(basePath, { view: view === 'mine' ? 'mine' : '', sort }, null),
            (data, cursor, direction) => listPageHref(basePath, data.filters, cursor, direction),
            { language: run.language, cookie: moderator.cookie },
          )
          expect(byPage, `${basePath} sorted by ${sort}`).toEqual(expected)
        }
      }
    })
  }, 120_000)

  // The updates list, an idea's voters and a person's notifications: each written per run from the
  // generated records (ties on the sort key), walked by the domain in small pages and by the page.
  const recordsArb = fc.record({
    updates: fc.array(
      fc.record({
        published: fc.constantFrom(true, true, true, false),
        moment: fc.nat({ max: MOMENT_OFFSETS.length - 1 }),
      }),
      { minLength: UPDATES_POOL, maxLength: UPDATES_POOL },
    ),
    votes: fc.array(
      fc.option(
        fc.record({
          value: fc.constantFrom(1 as const, -1 as const),
          moment: fc.nat({ max: MOMENT_OFFSETS.length - 1 }),
        }),
        { freq: 8 },
      ),
      { minLength: CROWD, maxLength: CROWD },
    ),
    notifications: fc.nat({ max: NOTIFICATIONS }),
    limit: fc.integer({ min: 1, max: 6 }),
    language: fc.constantFrom(...supportedLocales),
  })

  it('the updates list, an idea’s voters and a person’s notifications, by the domain and by the page', async () => {
    const crowd: { id: number }[] = []
    for (let index = 0; index < CROWD; index++) crowd.push(await createTestUser({ password: null }))
    const reader = await createTestUser({ password: null })
    const readerCookie = (await startSession(reader.id)).cookie.split(';')[0]!
    const posts = await db()
      .insert(updates)
      .values(
        Array.from({ length: UPDATES_POOL }, (_, index) => ({
          slug: `invariant-update-${index}`,
          title: `Invariant update ${index}`,
        })),
      )
      .returning({ id: updates.id })
    const idea = (await createTestIdea({ authorId: author.id })).id
    const at = (moment: number) => new Date(now - MOMENT_OFFSETS[moment]!)

    await fc.assert(
      fc.asyncProperty(recordsArb, async (run) => {
        const options = { language: run.language }
        // Updates: published ones newest first by first publication, then id; drafts are not listed.
        await db().execute(sql`
          update updates u set status = v.status, published_at = v.published_at
          from (values ${sql.join(
            posts.map((update, index) => {
              const { published, moment } = run.updates[index]!
              return sql`(${update.id}::int, ${published ? 'published' : 'draft'}, ${published ? at(moment).toISOString() : null}::timestamptz)`
            }),
            sql`, `,
          )}) as v(id, status, published_at)
          where u.id = v.id`)
        const published = ordered(
          posts.filter((_, index) => run.updates[index]!.published),
          (update) => at(run.updates[posts.indexOf(update)]!.moment).getTime(),
        )
        expect(
          await walk(async (page) => {
            const result = await listPublishedUpdates({ ...decodePage(page), limit: run.limit })
            return asPage(result.updates, (update) => update.id, result)
          }),
          'listPublishedUpdates',
        ).toEqual(published)
        expect(
          await walkLoader<{ updates: { id: number }[] } & Omit<Page, 'ideas'>>(
            updatesLoader as Loader,
            '/updates',
            (_, cursor, direction) => listPageHref('/updates', {}, cursor, direction),
            options,
            (data) => asPage(data.updates, (update) => update.id, data),
          ),
          '/updates',
        ).toEqual(published)

        // An idea's voters: newest vote first, then the voter's id.
        await db().delete(votes).where(eq(votes.ideaId, idea))
        const ballots = crowd.flatMap((person, index) => {
          const vote = run.votes[index]
          return vote
            ? [
                {
                  ideaId: idea,
                  userId: person.id,
                  value: vote.value,
                  createdAt: at(vote.moment),
                  updatedAt: at(vote.moment),
                },
              ]
            : []
        })
        if (ballots.length) await db().insert(votes).values(ballots)
        const voted = ordered(
          ballots.map((ballot) => ({ id: ballot.userId, at: ballot.createdAt.getTime() })),
          (ballot) => ballot.at,
        )
        expect(
          await walk(async (page) => {
            const result = await listVoters({ ideaId: idea, ...decodePage(page), limit: run.limit })
            return asPage(result.voters, (voter) => voter.userId, result)
          }),
          'listVoters',
        ).toEqual(voted)
        type AdminIdea = { voters: Omit<Page, 'ideas'> & { voters: { userId: number }[] } }
        expect(
          await walkLoader<AdminIdea>(
            adminIdeaLoader as Loader,
            `/admin/ideas/${idea}`,
            // The voters' own parameters on the idea's page (its other lists keep theirs).
            (_, cursor, direction) =>
              `/admin/ideas/${idea}?${direction === 'before' ? 'voters-before' : 'voters'}=${cursor}`,
            { ...options, cookie: moderator.cookie, params: { ideaId: String(idea) } },
            (data) => asPage(data.voters.voters, (voter) => voter.userId, data.voters),
          ),
          `/admin/ideas/${idea}#voters`,
        ).toEqual(voted)

        // Notifications: newest first by id (a page is 30 on every device; there is no smaller one).
        await db().delete(notifications).where(eq(notifications.userId, reader.id))
        const written = run.notifications
          ? await db()
              .insert(notifications)
              .values(
                Array.from({ length: run.notifications }, (_, index) => ({
                  userId: reader.id,
                  type: 'received' as const,
                  ideaId: idea,
                  dedupeKey: `invariant-${index}`,
                })),
              )
              .returning({ id: notifications.id })
          : []
        expect(
          await walkLoader<{ notifications: { id: number }[] } & Omit<Page, 'ideas'>>(
            notificationsLoader as Loader,
            '/notifications',
            (_, cursor, direction) => listPageHref('/notifications', {}, cursor, direction),
            { ...options, cookie: readerCookie },
            (data) => asPage(data.notifications, (notification) => notification.id, data),
          ),
          '/notifications',
        ).toEqual(written.map((row) => row.id).sort((a, b) => b - a))
      }),
      // The first failing run is reported as it is: shrinking runs this long past the time limit.
      { numRuns: casesOnThisDatabase(12), endOnFailure: true },
    )
  }, 120_000)
})

// The audit log in time order (newest first, ties by id), whatever order the rows were written in:
// demo data and imports are backdated, and a log paged by id read out of order. Few distinct
// moments (ties), some a microsecond apart (the cursor must keep the database's precision), written
// in a shuffled order; walked as an admin, whole and filtered by person.
describe('the audit log shows every entry once, in time order', () => {
  /** Seconds before now: equal ones make ties; 0.000001 apart tests the cursor's precision. */
  const AUDIT_MOMENTS = [0, 0.000001, 1, 1.5, 3600, 86_400, 86_400.000001, 30 * 86_400]
  const auditArb = fc.record({
    entries: fc.array(
      fc.record({ moment: fc.nat({ max: AUDIT_MOMENTS.length - 1 }), byOther: fc.boolean() }),
      // Up to four pages of the page's 50 (going back tells a page from the first from page 3 on);
      // without size 'max' fast-check keeps arrays to about ten, one page.
      { minLength: 1, maxLength: 180, size: 'max' },
    ),
    limit: fc.integer({ min: 1, max: 9 }),
    language: fc.constantFrom(...supportedLocales),
  })

  it('by the domain in small pages and by the page as an admin, whole and filtered by person', async () => {
    const adminUser = await createTestUser({ role: 'admin', password: null })
    const admin = {
      id: adminUser.id,
      cookie: (await startSession(adminUser.id)).cookie.split(';')[0]!,
    }
    const other = await createTestUser({ role: 'moderator', password: null })
    await fc.assert(
      fc.asyncProperty(auditArb, async (run) => {
        await db().delete(auditLog)
        // Written in the generated order, so ids and times disagree as with backdated rows.
        for (const entry of run.entries) {
          await db()
            .insert(auditLog)
            .values({
              actorId: entry.byOther ? other.id : admin.id,
              action: 'idea.lockComments',
              targetType: 'idea',
              targetId: 1,
              createdAt: sql`now() - make_interval(secs => ${AUDIT_MOMENTS[entry.moment]!})`,
            })
        }
        const rows = await queryRows<{ id: number; actor: number }>(
          db(),
          sql`select id, actor_id as actor from audit_log order by created_at desc, id desc`,
        )
        const all = rows.map((row) => Number(row.id))
        const mine = rows
          .filter((row) => Number(row.actor) === admin.id)
          .map((row) => Number(row.id))

        for (const [actorId, expected] of [
          [undefined, all],
          [admin.id, mine],
        ] as const) {
          const byDomain = await walkPages(async (page) => {
            const result = await listAudit({
              filters: {
                actorId,
                cursor: page.cursor ?? undefined,
                before: page.before ?? undefined,
              },
              limit: run.limit,
              timeZone: 'UTC',
            })
            return asPage(result.entries, (entry) => entry.id, result)
          })
          expect(byDomain.flat(), `listAudit by ${actorId ?? 'anyone'}`).toEqual(expected)
          expect(byDomain.length, 'no empty last page').toBe(
            Math.max(1, Math.ceil(expected.length / run.limit)),
          )
          // The page's links: its own query (filters kept) with the cursor.
          const filters = actorId ? { actorId: String(actorId) } : {}
          expect(
            await walkLoader<{ entries: { id: number }[]; query: string } & Omit<Page, 'ideas'>>(
              auditLoader as Loader,
              listPageHref('/admin/audit', filters, null),
              (data, cursor, direction) =>
                listPageHref(
                  '/admin/audit',
                  Object.fromEntries(new URLSearchParams(data.query)),
                  cursor,
                  direction,
                ),
              { language: run.language, cookie: admin.cookie },
              (data) => asPage(data.entries, (entry) => entry.id, data),
            ),
            `/admin/audit by ${actorId ?? 'anyone'}`,
          ).toEqual(expected)
        }
      }),
      // The first failing run is reported as it is: shrinking runs this long past the time limit.
      { numRuns: casesOnThisDatabase(15), endOnFailure: true },
    )
  }, 120_000)
})

// The mail logs (/admin/mail, and /dev/mail in development) newest first (time, then id), whatever
// order the messages were queued in; few distinct moments (ties), in every state. Walked by the
// domain in small pages and by both pages at their own size (30), forward and back.
describe('the mail logs show every message once, newest first', () => {
  /** Seconds before now: equal ones make ties; 0.000001 apart tests the cursor's precision. */
  const MAIL_MOMENTS = [0, 0.000001, 1, 3600, 86_400, 30 * 86_400]
  const messageArb = fc.record({
    moment: fc.nat({ max: MAIL_MOMENTS.length - 1 }),
    state: fc.constantFrom(...outboxStates),
  })
  const mailArb = fc.record({
    // None or a few (one page), or three to four pages of 30 (going back tells a page from the
    // first from page 3 on); without size 'max' fast-check keeps arrays to about ten.
    messages: fc.oneof(
      fc.array(messageArb, { maxLength: 10 }),
      fc.array(messageArb, { minLength: 61, maxLength: 110, size: 'max' }),
    ),
    limit: fc.integer({ min: 1, max: 9 }),
    language: fc.constantFrom(...supportedLocales),
  })

  /** /dev/mail answers in development only: the walk runs there, and the environment is put back. */
  async function inDevelopment<Result>(run: () => Promise<Result>) {
    const was = process.env.NODE_ENV
    process.env.NODE_ENV = 'development'
    resetEnvCache()
    try {
      return await run()
    } finally {
      process.env.NODE_ENV = was
      resetEnvCache()
    }
  }

  it('by the domain in small pages, and by /admin/mail and /dev/mail', async () => {
    const adminUser = await createTestUser({ role: 'admin', password: null })
    const cookie = (await startSession(adminUser.id)).cookie.split(';')[0]!
    type MailPage = { messages: { id: number }[] } & Omit<Page, 'ideas'>
    await fc.assert(
      fc.asyncProperty(mailArb, async (run) => {
        await db().delete(outbox)
        // Queued through the one writer, in the generated order; then each given its generated
        // state and time (ids and times disagree).
        const ids = await enqueue({
          messages: run.messages.map((_, index) => ({
            kind: 'test' as const,
            toAddress: `reader-${index}@example.test`,
            subject: `Message ${index}`,
          })),
        })
        for (const [index, message] of run.messages.entries())
          await db()
            .update(outbox)
            .set({
              state: message.state,
              createdAt: sql`now() - make_interval(secs => ${MAIL_MOMENTS[message.moment]!})`,
            })
            .where(eq(outbox.id, ids[index]!))
        const expected = (
          await queryRows<{ id: number }>(
            db(),
            sql`select id from outbox order by created_at desc, id desc`,
          )
        ).map((row) => Number(row.id))

        const byDomain = await walkPages(async (page) => {
          const result = await listMail({ ...decodePage(page, 'timestamptz'), limit: run.limit })
          return asPage(result.messages, (message) => message.id, result)
        })
        expect(byDomain.flat(), 'listMail').toEqual(expected)
        expect(byDomain.length, 'no empty last page').toBe(
          Math.max(1, Math.ceil(expected.length / run.limit)),
        )
        for (const [loader, basePath] of [
          [adminMailLoader, '/admin/mail'],
          [devMailLoader, '/dev/mail'],
        ] as const) {
          const walkIt = () =>
            walkLoader<MailPage>(
              loader as Loader,
              basePath,
              (_, cursor, direction) => listPageHref(basePath, {}, cursor, direction),
              { language: run.language, cookie },
              (data) => asPage(data.messages, (message) => message.id, data),
            )
          const walked = basePath === '/dev/mail' ? await inDevelopment(walkIt) : await walkIt()
          expect(walked, basePath).toEqual(expected)
        }
      }),
      // The first failing run is reported as it is: shrinking runs this long past the time limit.
      { numRuns: casesOnThisDatabase(12), endOnFailure: true },
    )
  }, 120_000)
})

// Generated from the code: every page that renders a Pager (itself or through a component) is walked
// above both ways, so a new paged list cannot be forgotten; and no list pages without the Pager.
describe('every paged list is walked here', () => {
  const source = (file: string) => readFileSync(file, 'utf8')
  const filesIn = (folder: string) =>
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.tsx'))
      .map((file) => path.join(folder, file))

  it('every page with a Pager has its loader walked forward and back', async () => {
    const withPager = filesIn('app/components')
      .filter((file) => source(file).includes('<Pager'))
      .map((file) => `#app/${file.slice('app/'.length, -'.tsx'.length)}'`)
    const pagedRoutes = filesIn('app/routes').filter((file) => {
      const text = source(file)
      return text.includes('<Pager') || withPager.some((component) => text.includes(component))
    })
    expect(pagedRoutes.length).toBeGreaterThan(5)
    const unwalked: string[] = []
    for (const file of pagedRoutes) {
      const route = (await import(path.resolve(file))) as { loader: unknown }
      if (!walkedLoaders.has(route.loader)) unwalked.push(file)
    }
    expect(unwalked, 'pages with a Pager that no walk above reads').toEqual([])
  })

  it('every list that pages does it through the Pager', () => {
    const own = [...filesIn('app/components'), ...filesIn('app/routes')].filter(
      (file) =>
        file !== 'app/components/ui/pager.tsx' && source(file).includes('className="pager"'),
    )
    expect(own, 'lists with a pager of their own').toEqual([])
  })
})
