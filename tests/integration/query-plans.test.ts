// The hot pages' query plans on the large data set (bench/large-data.server.ts, at a small scale):
// every statement a page's loader or a command really sends is captured as it runs, EXPLAINed with
// its own parameters, and must reach the big tables through an index, never a sequential scan.
// Plans, not timings: timings belong to `npm run bench`.
import { type SQL, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { db, type Executor, listenToQueries } from '#app/db/db.server'
import { queryRows } from '#app/db/sql.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { listIdeas, SEARCH_WALK_ROWS, TITLE_WALK_ROWS } from '#app/domain/ideas/ideas.server'
import { countUnread } from '#app/domain/notifications/notifications.server'
import { rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'
import { triageSortsFor } from '#app/domain/triage/triage.rules'
import { castVote } from '#app/domain/votes/votes.server'
import { loader as triageLoader } from '#app/routes/admin._index'
import { loader as auditLoader } from '#app/routes/admin.audit'
import { loader as adminIdeasLoader } from '#app/routes/admin.ideas._index'
import { loader as adminIdeaLoader } from '#app/routes/admin.ideas.$ideaId'
import { loader as votersCsvLoader } from '#app/routes/admin.ideas.$ideaId.voters[.]csv'
import { loader as ideasLoader } from '#app/routes/ideas._index'
import { loader as ideaLoader } from '#app/routes/ideas.$ideaRef'
import { loader as myIdeasLoader } from '#app/routes/my.ideas'
import { loader as myVotesLoader } from '#app/routes/my.votes'
import { loader as notificationsLoader } from '#app/routes/notifications'
import { loader as roadmapLoader } from '#app/routes/roadmap'
import { loader as profileLoader } from '#app/routes/u.$handle'
import { cookieFrom, makeContext, makeRequest } from '#tests/setup/request'

import {
  checkLargeData,
  LARGE_DATA_SEARCH_WORDS,
  largeDataLandmarks,
  seedLargeData,
} from '../../bench/large-data.server'

// 5,000 ideas, 50,000 votes, 10,000 comments and the full 20,000 people: big enough that the
// planner only reads a table whole when no index serves the query (with a few thousand rows a
// sequential scan is often the right call, e.g. for the authors of an idea's 50 comments).
const SIZE = { scale: 0.05, size: { users: 20_000 } }
/** Tables that grow with the board: reading one of them whole on a page view is a bug. */
const BIG_TABLES = [
  'ideas',
  'votes',
  'comments',
  'follows',
  'users',
  'idea_responses',
  'contributor_points',
  'audit_log',
  'notifications',
]

type Statement = { query: string; params: unknown[] }
type PlanNode = {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  Plans?: PlanNode[]
}
type AnalyzedNode = PlanNode & {
  'Actual Rows': number
  'Actual Loops': number
  'Rows Removed by Filter'?: number
}

/** The statements `run` sends to the database (reads and writes; not savepoints or settings). */
async function statementsOf(run: () => Promise<unknown>) {
  const statements: Statement[] = []
  const stop = listenToQueries((query, params) => statements.push({ query, params }))
  try {
    await run()
  } finally {
    stop()
  }
  return statements.filter((statement) =>
    /^\s*(select|with|insert|update|delete)\b/i.test(statement.query),
  )
}

/**
 * The statement with its parameters bound again, so the planner sees the values the page used (an
 * array stays one parameter, as in `id = any($1::text[])`).
 */
function rebound({ query, params }: Statement): SQL {
  const parts = query.split(/\$(\d+)/)
  return sql.join(
    parts.map((part, index) =>
      index % 2 === 0 ? sql.raw(part) : sql.param(params[Number(part) - 1]),
    ),
  )
}

async function planOf(statement: Statement) {
  const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(
    db(),
    sql`explain (format json) ${rebound(statement)}`,
  )
  const raw = row!['QUERY PLAN']
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }]
  return parsed[0].Plan
}

function* nodesOf(node: PlanNode): Generator<PlanNode> {
  yield node
  for (const child of node.Plans ?? []) yield* nodesOf(child)
}

function describePlan(node: PlanNode, depth = 0): string {
  const target = [
    node['Relation Name'] && `on ${node['Relation Name']}`,
    node['Index Name'] && `using ${node['Index Name']}`,
  ]
    .filter(Boolean)
    .join(' ')
  return [
    `${'  '.repeat(depth)}${node['Node Type']} ${target}`.trimEnd(),
    ...(node.Plans ?? []).map((child) => describePlan(child, depth + 1)),
  ].join('\n')
}

/**
 * Runs `run` (a loader, a command), EXPLAINs every statement it sent and lists those that read a big
 * table sequentially, with their plans. Returns the statements' text too, for checks that the
 * expected query was among them.
 */
async function sequentialScansOf(run: () => Promise<unknown>) {
  const statements = await statementsOf(run)
  const scans: string[] = []
  for (const statement of statements) {
    const plan = await planOf(statement)
    const tables = [...nodesOf(plan)].filter(
      (node) =>
        node['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(node['Relation Name'] ?? ''),
    )
    if (tables.length)
      scans.push(
        `${tables.map((node) => node['Relation Name']).join(', ')} read whole by:\n${statement.query}\n${describePlan(plan)}`,
      )
  }
  return { scans, queries: statements.map((statement) => statement.query) }
}

/**
 * Runs `run` and lists its paged reads of `table` (statements with ORDER BY and LIMIT) that read
 * more of the table than they return: rows read and then sorted away, or skipped by a filter
 * (EXPLAIN ANALYZE, so the counts are real). A list query served by an index that matches its
 * filter and its ORDER BY reads what it shows and stops.
 */
async function unorderedReadsOf(table: string, run: () => Promise<unknown>) {
  const statements = (await statementsOf(run)).filter(
    (statement) =>
      statement.query.includes(`"${table}"`) &&
      /^\s*(select|with)\b/i.test(statement.query) &&
      /order by[\s\S]*limit/i.test(statement.query),
  )
  const found: string[] = []
  for (const statement of statements) {
    const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(
      db(),
      sql`explain (analyze, format json) ${rebound(statement)}`,
    )
    const raw = row!['QUERY PLAN']
    const plan = ((typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: AnalyzedNode }])[0]
      .Plan
    const scans = [...nodesOf(plan)].filter(
      (node) => node['Relation Name'] === table,
    ) as AnalyzedNode[]
    const read = scans.reduce((sum, node) => sum + node['Actual Rows'] * node['Actual Loops'], 0)
    const skipped = scans.reduce((sum, node) => sum + (node['Rows Removed by Filter'] ?? 0), 0)
    // A filter may pass over some rows (a busy person is a seventh of the log: walking the log by time is
    // the planner's fair choice), not most of the table.
    if (read > plan['Actual Rows'] + 1 || skipped > 10 * Math.max(plan['Actual Rows'], 10))
      found.push(
        `${table}: ${read} rows read (${skipped} filtered out) for ${plan['Actual Rows']} shown by:\n${statement.query}\n${describePlan(plan)}`,
      )
  }
  return { found, count: statements.length }
}

/** How many rows of `ideas` a statement reads (EXPLAIN ANALYZE): those its scans return and those their filters drop. */
async function ideasReadBy(statement: Statement) {
  const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(
    db(),
    sql`explain (analyze, format json) ${rebound(statement)}`,
  )
  const raw = row!['QUERY PLAN']
  const plan = ((typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: AnalyzedNode }])[0]
    .Plan
  const scans = [...nodesOf(plan)].filter(
    (node) => node['Relation Name'] === 'ideas',
  ) as (AnalyzedNode & { 'Rows Removed by Index Recheck'?: number })[]
  return scans.reduce(
    (sum, node) =>
      sum +
      (node['Actual Rows'] +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0)) *
        node['Actual Loops'],
    0,
  )
}

const call =
  (
    loader: (args: never) => unknown,
    path: string,
    { cookie, params = {} }: { cookie?: string; params?: Record<string, string> } = {},
  ) =>
  () =>
    Promise.resolve(
      loader({ request: makeRequest({ path, cookie }), params, context: makeContext() } as never),
    )

async function signIn(userId: number) {
  return cookieFrom((await startSession(userId)).cookie)
}

async function oneRow<Row>(statement: SQL) {
  const [row] = await queryRows<Row>(db(), statement)
  if (!row) throw new Error('The data set lacks a row this test needs')
  return row
}

let customerCookie: string
let moderatorCookie: string
let adminCookie: string
let busyModerator: { id: number }
let busyIdea: { id: number; slug: string; comments: number }
let openIdea: { id: number }
let activeVoter: { id: number }
let prolificAuthor: { handle: string }

beforeAll(async () => {
  await seedLargeData(db(), SIZE)
  const landmarks = await largeDataLandmarks(db())
  const busyId = landmarks.ideasWithAbout50Comments[0] ?? landmarks.mostVotedIdeas[0]!.id
  busyIdea = await oneRow(
    sql`select id, slug, comment_count as comments from ideas where id = ${busyId}`,
  )
  openIdea = await oneRow(sql`select i.id from ideas i join statuses s on s.id = i.status_id
                              where i.is_public and s.category = 'open' order by i.score desc, i.id limit 1`)
  activeVoter = await oneRow(
    sql`select user_id as id from votes group by user_id order by count(*) desc, user_id limit 1`,
  )
  prolificAuthor = await oneRow(sql`select u.handle from ideas i join users u on u.id = i.author_id
                                    group by u.id order by count(*) desc, u.id limit 1`)
  const customer = await oneRow<{ id: number }>(
    sql`select id from users where role = 'customer' order by id desc limit 1`,
  )
  const moderator = await oneRow<{ id: number }>(
    sql`select id from users where role = 'moderator' order by id limit 1`,
  )
  const admin = await oneRow<{ id: number }>(
    sql`select id from users where role = 'admin' order by id limit 1`,
  )
  // The person with the fewest entries that still fill two pages: found through their own index, not by walking the whole log.
  busyModerator = await oneRow(
    sql`select actor_id as id from audit_log where actor_id is not null group by actor_id having count(*) > 100 order by count(*), actor_id limit 1`,
  )
  adminCookie = await signIn(admin.id)
  customerCookie = await signIn(customer.id)
  moderatorCookie = await signIn(moderator.id)
}, 180_000)

describe('the large data set', () => {
  it('is as the app would have written it: counters, dates, points and computed columns agree with the rows', async () => {
    const report = await checkLargeData(db())
    expect(Object.entries(report).filter(([, count]) => count !== 0)).toEqual([])
  })

  it('finds public ideas for every example search word (the searches below must have matches to walk)', async () => {
    const { searchWordMatches } = await largeDataLandmarks(db())
    const words = [
      ...Object.values(LARGE_DATA_SEARCH_WORDS.common),
      ...Object.values(LARGE_DATA_SEARCH_WORDS.rare),
    ]
    for (const word of words) expect(searchWordMatches[word], word).toBeGreaterThan(0)
  })
})

describe('the ideas list', () => {
  for (const sort of ['trending', 'top', 'new', 'discussed'] as const) {
    it(`sorted by ${sort} reads only what it shows, on page 1 and deep in the list`, async () => {
      const first = await sequentialScansOf(
        call(ideasLoader, `/ideas?sort=${sort}`, { cookie: customerCookie }),
      )
      expect(first.scans).toEqual([])
      // The cursor 1,500 ideas in, from the domain's own paging; the page after it is keyset-read.
      const { nextCursor } = await listIdeas({ sort, limit: 1500 })
      expect(nextCursor).not.toBeNull()
      const deep = await sequentialScansOf(
        call(ideasLoader, `/ideas?sort=${sort}&cursor=${nextCursor}`),
      )
      expect(deep.scans).toEqual([])
      // Going back a page from there reads the same index the other way.
      const back = await sequentialScansOf(
        call(ideasLoader, `/ideas?sort=${sort}&before=${nextCursor}`),
      )
      expect(back.scans).toEqual([])
    })
  }

  it('filtered by kind and status uses an index for every order', async () => {
    for (const sort of ['trending', 'top', 'new', 'discussed']) {
      const { scans } = await sequentialScansOf(
        call(ideasLoader, `/ideas?kind=product&status=under-review&sort=${sort}`),
      )
      expect(scans).toEqual([])
    }
  })

  it('searches common and rare words, English and Dutch, through the full-text index', async () => {
    const words = [
      ...Object.values(LARGE_DATA_SEARCH_WORDS.common),
      ...Object.values(LARGE_DATA_SEARCH_WORDS.rare),
    ]
    for (const word of words) {
      const { scans, queries } = await sequentialScansOf(call(ideasLoader, `/ideas?q=${word}`))
      expect(scans).toEqual([])
      expect(queries.some((query) => query.includes('websearch_to_tsquery'))).toBe(true)
    }
  })

  it('a search page reads a bounded number of ideas, whatever the word and the order (issue 19)', async () => {
    // Before: relevance walked the trending index until it had 1,000 matches, and a rare word sorted
    // by trending walked the whole index (the planner guessed it common). Now a page walks at most
    // SEARCH_WALK_ROWS ideas of its order (TITLE_WALK_ROWS for relevance's titles), or, when that finds too few, reads the matches themselves.
    const words = [
      ...Object.values(LARGE_DATA_SEARCH_WORDS.common),
      ...Object.values(LARGE_DATA_SEARCH_WORDS.rare),
    ]
    const { total } = await oneRow<{ total: number }>(sql`select count(*)::int as total from ideas`)
    for (const word of words) {
      const { matches } = await oneRow<{ matches: number }>(
        sql`select count(*)::int as matches from ideas where search_vector @@ (websearch_to_tsquery('english', ${word}) || websearch_to_tsquery('dutch', ${word}))`,
      )
      const bound = Math.max(SEARCH_WALK_ROWS, TITLE_WALK_ROWS) + matches + 100
      // The bound must be below the table's size for the check to mean something.
      expect(bound, word).toBeLessThan(total)
      for (const sort of ['relevance', 'trending', 'top', 'new', 'discussed']) {
        // Going back (`before`) walks the same index the other way. It is not checked here: on this
        // small table, whenever the cursor leaves only a few thousand ideas on the side a page walks
        // (forward from halfway as much as back from page 3), the planner reads the table and sorts
        // instead; at 50,000 ideas (scale 0.5) back from page 3 stays within the bound for every
        // word and order.
        for (const page of [1, 2]) {
          let path = `/ideas?q=${word}&sort=${sort}`
          if (page === 2) {
            const { nextCursor } = await listIdeas({ sort: sort as 'relevance', search: word })
            if (!nextCursor) continue
            path += `&cursor=${nextCursor}`
          }
          const statements = (await statementsOf(call(ideasLoader, path))).filter((statement) =>
            statement.query.includes('websearch_to_tsquery'),
          )
          expect(statements.length, path).toBe(1)
          const read = await ideasReadBy(statements[0]!)
          expect(read, `${path}: ${read} idea rows read, ${matches} match`).toBeLessThanOrEqual(
            bound,
          )
        }
      }
    }
  })
})

describe('an idea page', () => {
  it('loads the idea, its ~50 comments, responses and related ideas, and the viewer’s vote and follow', async () => {
    expect(busyIdea.comments).toBeGreaterThanOrEqual(40)
    const path = `/ideas/${busyIdea.id}-${busyIdea.slug}`
    let page: unknown
    const { scans, queries } = await sequentialScansOf(async () => {
      page = await call(ideaLoader, path, {
        cookie: customerCookie,
        params: { ideaRef: `${busyIdea.id}-${busyIdea.slug}` },
      })()
    })
    expect(scans).toEqual([])
    expect((page as { comments: unknown[] }).comments.length).toBeGreaterThanOrEqual(40)
    expect(queries.some((query) => /from "follows"/.test(query))).toBe(true)
    expect(queries.some((query) => /(from|join) "votes"/.test(query))).toBe(true)
  })
})

describe('voting', () => {
  // A ballot is one call of the database function cast_vote, whose statements EXPLAIN cannot see
  // from outside: the connection's table statistics, read before and after, count how it read each
  // table instead (on PostgreSQL 15 they also hold earlier transactions not yet reported).
  type TableUse = { relname: string; seq_scan: number; idx_scan: number; n_tup_upd: number }
  const tableUse = async (tx: Executor) =>
    Object.fromEntries(
      (
        await queryRows<TableUse>(
          tx,
          sql`select relname, seq_scan::int, coalesce(idx_scan, 0)::int as idx_scan, n_tup_upd::int
              from pg_stat_xact_user_tables where relname in ${[...BIG_TABLES, 'rate_limits']}`,
        )
      ).map((table) => [table.relname, table]),
    )

  it('finds and updates the ballot, the idea, the follow and the author’s points by key', async () => {
    const voter = await oneRow<{
      id: number
    }>(sql`select u.id from users u where u.role = 'customer'
      and not exists (select 1 from votes v where v.idea_id = ${openIdea.id} and v.user_id = u.id) order by u.id limit 1`)
    for (const direction of ['up', 'down', 'none'] as const) {
      await db().transaction(async (tx) => {
        const before = await tableUse(tx)
        const result = await castVote({
          actor: voter,
          ideaId: openIdea.id,
          direction,
          limit: { rule: rateLimitRules.votePerUser, subject: `plan-test-${voter.id}` },
          executor: tx,
        })
        expect(result).toMatchObject({ ok: true })
        const after = await tableUse(tx)
        const used = (table: string, counter: 'seq_scan' | 'idx_scan' | 'n_tup_upd') =>
          (after[table]?.[counter] ?? 0) - (before[table]?.[counter] ?? 0)
        const readWhole = Object.keys(after).filter((table) => used(table, 'seq_scan') > 0)
        expect(readWhole).toEqual([])
        expect(used('ideas', 'n_tup_upd')).toBe(1)
        for (const table of ['ideas', 'votes', 'rate_limits'])
          expect(used(table, 'idx_scan')).toBeGreaterThan(0)
      })
    }
  })
})

describe('people', () => {
  it('a profile lists the person’s ideas, comments and points by index', async () => {
    const { scans } = await sequentialScansOf(
      call(profileLoader, `/u/${prolificAuthor.handle}`, {
        params: { handle: prolificAuthor.handle },
      }),
    )
    expect(scans).toEqual([])
  })

  it('“my votes” pages through the person’s votes by index', async () => {
    const cookie = await signIn(activeVoter.id)
    let page: unknown
    const first = await sequentialScansOf(async () => {
      page = await call(myVotesLoader, '/my/votes', { cookie })()
    })
    expect(first.scans).toEqual([])
    const { nextCursor } = page as { nextCursor: string | null }
    expect(nextCursor).not.toBeNull()
    for (const at of ['cursor', 'before']) {
      const next = await sequentialScansOf(
        call(myVotesLoader, `/my/votes?${at}=${nextCursor}`, { cookie }),
      )
      expect(next.scans, at).toEqual([])
    }
  })
})

describe('a person’s own pages', () => {
  it('“my ideas” pages through the person’s ideas by index', async () => {
    const author = await oneRow<{ id: number }>(
      sql`select author_id as id from ideas group by author_id order by count(*) desc, author_id limit 1`,
    )
    const cookie = await signIn(author.id)
    let page: unknown
    const first = await sequentialScansOf(async () => {
      page = await call(myIdeasLoader, '/my/ideas', { cookie })()
    })
    expect(first.scans).toEqual([])
    const { nextCursor } = page as { nextCursor: string | null }
    expect(nextCursor).not.toBeNull()
    for (const at of ['cursor', 'before']) {
      const next = await sequentialScansOf(
        call(myIdeasLoader, `/my/ideas?${at}=${nextCursor}`, { cookie }),
      )
      expect(next.scans, at).toEqual([])
    }
  })

  it('the notifications page and the unread count (on every signed-in page) read the person’s notifications by index', async () => {
    // Each comment notifies its idea's author, as `notify` does: ~10,000 notifications, the older half read.
    await db().execute(sql`
      insert into notifications (user_id, type, idea_id, comment_id, actor_id, dedupe_key, read_at)
      select i.author_id, 'comment', c.idea_id, c.id, c.author_id, 'comment:' || c.id, case when c.id % 2 = 0 then c.created_at end
      from comments c join ideas i on i.id = c.idea_id
      where c.author_id <> i.author_id
      on conflict (user_id, dedupe_key) do nothing`)
    await db().execute(sql`analyze notifications`)
    const person = await oneRow<{ id: number }>(
      sql`select user_id as id from notifications group by user_id order by count(*) desc, user_id limit 1`,
    )
    const cookie = await signIn(person.id)
    let page: unknown
    const list = await sequentialScansOf(async () => {
      page = await call(notificationsLoader, '/notifications', { cookie })()
    })
    expect(list.scans).toEqual([])
    expect((page as { notifications: unknown[] }).notifications.length).toBeGreaterThan(0)
    const unread = await sequentialScansOf(() => countUnread({ userId: person.id }))
    expect(unread.queries.some((query) => query.includes('"notifications"'))).toBe(true)
    expect(unread.scans).toEqual([])
  })
})

describe('the roadmap and the back office', () => {
  it('the roadmap reads each column’s top ideas by index', async () => {
    const { scans } = await sequentialScansOf(call(roadmapLoader, '/roadmap'))
    expect(scans).toEqual([])
    // Each column's ideas read in its order (an index by status and score), not the board's top
    // list walked, or a status's every idea sorted, for a column's 30: at most the launched ideas
    // older than 90 days are read past (10 ms -> 0.9 ms on the bench's 100,000 ideas).
    let page: unknown
    const statements = await statementsOf(async () => {
      page = await call(roadmapLoader, '/roadmap')()
    })
    const columns = statements.filter((statement) => /cross join lateral/i.test(statement.query))
    expect(columns).toHaveLength(1)
    const shown = (page as { columns: { ideas: unknown[] }[] }).columns.reduce(
      (sum, column) => sum + column.ideas.length,
      0,
    )
    expect(shown).toBeGreaterThan(30)
    expect(await ideasReadBy(columns[0]!)).toBeLessThanOrEqual(2 * shown)
  })

  it('the triage queue reads the unanswered ideas by index, on page 1 and the next', async () => {
    let page: unknown
    const first = await sequentialScansOf(async () => {
      page = await call(triageLoader, '/admin', { cookie: moderatorCookie })()
    })
    expect(first.scans).toEqual([])
    const { nextCursor } = page as { nextCursor: string | null }
    expect(nextCursor).not.toBeNull()
    for (const at of ['cursor', 'before']) {
      const next = await sequentialScansOf(
        call(triageLoader, `/admin?${at}=${nextCursor}`, { cookie: moderatorCookie }),
      )
      expect(next.scans, at).toEqual([])
    }
  })

  it('the triage queue and the all-ideas list read each offered sort by index', async () => {
    const scans: string[] = []
    for (const path of ['/admin', '/admin/ideas']) {
      for (const sort of triageSortsFor(path === '/admin' ? 'queue' : 'all')) {
        const loader = path === '/admin' ? triageLoader : adminIdeasLoader
        const found = await sequentialScansOf(
          call(loader, `${path}?sort=${sort}`, { cookie: moderatorCookie }),
        )
        scans.push(...found.scans.map((scan) => `${path}?sort=${sort}: ${scan}`))
      }
    }
    expect(scans).toEqual([])
  })

  it('the back-office idea page (comments, a page of voters, a merge search) and its voters CSV read by index', async () => {
    const page = await sequentialScansOf(
      call(adminIdeaLoader, `/admin/ideas/${busyIdea.id}?merge-q=%23${openIdea.id}`, {
        cookie: moderatorCookie,
        params: { ideaId: String(busyIdea.id) },
      }),
    )
    expect(page.scans).toEqual([])
    const search = await sequentialScansOf(
      call(
        adminIdeaLoader,
        `/admin/ideas/${busyIdea.id}?merge-q=${encodeURIComponent(Object.values(LARGE_DATA_SEARCH_WORDS.common)[0]!)}`,
        { cookie: moderatorCookie, params: { ideaId: String(busyIdea.id) } },
      ),
    )
    expect(search.scans).toEqual([])
    const csv = await sequentialScansOf(
      call(votersCsvLoader, `/admin/ideas/${busyIdea.id}/voters.csv`, {
        cookie: moderatorCookie,
        params: { ideaId: String(busyIdea.id) },
      }),
    )
    expect(csv.scans).toEqual([])
  })
})

describe('records in time order', () => {
  it('the audit log pages newest first by index, whole and filtered by person, for admins and moderators', async () => {
    for (const [who, cookie] of [
      ['admin', adminCookie],
      ['moderator', moderatorCookie],
    ] as const) {
      for (const filter of ['', `actorId=${busyModerator.id}`]) {
        let page: unknown
        const first = await sequentialScansOf(async () => {
          page = await call(auditLoader, `/admin/audit?${filter}`, { cookie })()
        })
        expect(first.scans, `${who} ${filter}`).toEqual([])
        const { nextCursor } = page as { nextCursor: string | null }
        expect(nextCursor, `${who} ${filter}`).not.toBeNull()
        // Page 2, and going back from it (the index read backwards).
        const [next, back] = ['cursor', 'before'].map(
          (at) => `/admin/audit?${filter}&${at}=${nextCursor}`,
        )
        for (const path of [next!, back!])
          expect(
            (await sequentialScansOf(call(auditLoader, path, { cookie }))).scans,
            `${who} ${path}`,
          ).toEqual([])
        // The admin's log and the person filter are read in index order: nothing sorted, nothing skipped.
        if (who === 'admin') {
          for (const path of [`/admin/audit?${filter}`, next!, back!]) {
            const { found, count } = await unorderedReadsOf(
              'audit_log',
              call(auditLoader, path, { cookie }),
            )
            expect(count).toBeGreaterThan(0)
            expect(found, path).toEqual([])
          }
        }
      }
    }
  })

  it('an idea’s voters and its History are read in order from their indexes, not sorted', async () => {
    const params = { ideaId: String(busyIdea.id) }
    const first = (await call(adminIdeaLoader, `/admin/ideas/${busyIdea.id}`, {
      cookie: moderatorCookie,
      params,
    })()) as { voters: { nextCursor: string | null } }
    const cursor = first.voters.nextCursor
    expect(cursor).not.toBeNull()
    // The first page, the next, and going back from it (the index read backwards).
    for (const query of ['', `?voters=${cursor}`, `?voters-before=${cursor}`]) {
      const page = await unorderedReadsOf(
        'votes',
        call(adminIdeaLoader, `/admin/ideas/${busyIdea.id}${query}`, {
          cookie: moderatorCookie,
          params,
        }),
      )
      expect(page.count, query).toBeGreaterThan(0)
      expect(page.found, query).toEqual([])
    }
    const csv = await unorderedReadsOf(
      'votes',
      call(votersCsvLoader, `/admin/ideas/${busyIdea.id}/voters.csv`, {
        cookie: moderatorCookie,
        params,
      }),
    )
    expect(csv.found).toEqual([])
    const history = await unorderedReadsOf(
      'audit_log',
      call(adminIdeaLoader, `/admin/ideas/${busyIdea.id}`, { cookie: moderatorCookie, params }),
    )
    expect(history.count).toBeGreaterThan(0)
    expect(history.found).toEqual([])
  })
})
