// The benchmark's signed-in people, made directly in the bench database as a sign-in would make
// them: 2,000 customers for the write scenarios, authors with ideas and notifications for their own
// pages (/my/ideas, /notifications), and a moderator for the back office.
import { randomBytes } from 'node:crypto'

import postgres from 'postgres'

const BENCH_USERS = 2000
/**
 * People taking turns to post: each may post 10 ideas an hour (rateLimitRules), so 2,000 posters
 * cap a run at 20,000 posts, which a 15-s run at 1,400/s passes (2026-12-06: 918 of ~21,000 posts
 * answered 429). Posting is measured for many people, each posting once or twice, as on a real site.
 */
const BENCH_POSTERS = 20_000
const BENCH_AUTHORS = 200
/** Notifications each author gets, the newest unread: a full first page and a second one. */
const NOTIFICATIONS_PER_AUTHOR = 40
// As long as a fresh sign-in's session: a shorter one would be extended (written) on every request.
const SESSION_DAYS = 30

export type BenchFixtures = Awaited<ReturnType<typeof prepareFixtures>>

/** How the ideas the post scenario files begin: removed again before the next run. */
const POSTED_TITLE = 'Benchmark idea'

export async function prepareFixtures(databaseUrl: string, appUrl: string) {
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} })
  const newSessions = async (userIds: number[]) => {
    const ids = userIds.map(() => `bench-${randomBytes(16).toString('hex')}`)
    const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000)
    if (ids.length) {
      await sql`insert into sessions ${sql(userIds.map((userId, index) => ({ id: ids[index]!, user_id: userId, expires_at: expiresAt })))}`
    }
    // A sign-in also sets the account's language in the browser: without it, a Dutch customer's
    // every page would be the redirect that sets it (app/utils/http/root-data.server.ts).
    const locales = new Map(
      (
        await sql<{ id: number; locale: string }[]>`
          select id, locale from users where id = any(${userIds}::int[])`
      ).map((row) => [row.id, row.locale]),
    )
    return ids.map(
      (id, index) => `ideabox_session=${id}; ideabox_lang=${locales.get(userIds[index]!) ?? 'en'}`,
    )
  }
  try {
    // The ideas an earlier run posted (about 20,000 a run): left in, they are the freshest ideas on
    // the board and each run's filtered lists walk past more of them (ideas, product + planned
    // went from 241 to 93 req/s over three runs of 2026-12-06; 400 again once they were removed).
    const posted = await sql`delete from ideas where title like ${`${POSTED_TITLE} %`}`
    if (posted.count) console.log(`Removed ${posted.count} ideas posted by earlier runs.`)
    await sql`delete from sessions where id like 'bench-%'`
    // A previous run's votes and posts must not hit this run's rate limits.
    await sql`delete from rate_limits where bucket like 'vote:%' or bucket like 'idea:%'`
    const people = await sql<{ id: number }[]>`
      select id from users where role = 'customer' and banned_at is null and suspended_until is null order by id limit ${BENCH_USERS}`
    const [moderator] = await sql<{ id: number }[]>`
      select id from users where role = 'moderator' and banned_at is null order by id limit 1`
    // Authors of 10–40 ideas with comments from others on them: /my/ideas has a full first page,
    // and those comments become their notifications.
    const authors = await sql<{ id: number }[]>`
      select i.author_id as id from ideas i join users u on u.id = i.author_id
      where u.role = 'customer' and u.banned_at is null and u.suspended_until is null and u.deleted_at is null
      group by i.author_id having count(*) between 10 and 40 and sum(i.comment_count) >= ${NOTIFICATIONS_PER_AUTHOR}
      order by i.author_id limit ${BENCH_AUTHORS}`
    // What `notify` would have made for each comment on their ideas (same dedupe key, so a later
    // real notification of the same comment adds nothing); the older half already read.
    await sql`
      insert into notifications (user_id, type, idea_id, comment_id, actor_id, dedupe_key, read_at, created_at)
      select author_id, 'comment', idea_id, comment_id, actor_id, 'comment:' || comment_id,
             case when rank > ${NOTIFICATIONS_PER_AUTHOR / 2} then created_at end, created_at
      from (
        select i.author_id, c.idea_id, c.id as comment_id, c.author_id as actor_id, c.created_at,
               row_number() over (partition by i.author_id order by c.id desc) as rank
        from ideas i join comments c on c.idea_id = i.id
        where i.author_id = any(${authors.map((author) => author.id)}::int[]) and c.author_id <> i.author_id and c.deleted_at is null
      ) recent
      where rank <= ${NOTIFICATIONS_PER_AUTHOR}
      on conflict (user_id, dedupe_key) do nothing`
    const sessionCookies = await newSessions(people.map((person) => person.id))
    const posters = await sql<{ id: number }[]>`
      select id from users where role = 'customer' and banned_at is null and suspended_until is null
        and deleted_at is null order by id limit ${BENCH_POSTERS}`
    const posterCookies: string[] = []
    for (let start = 0; start < posters.length; start += 5000)
      posterCookies.push(
        ...(await newSessions(posters.slice(start, start + 5000).map((person) => person.id))),
      )
    // A small data set (--scale) may have no such author: then the customers' own pages are measured.
    const authorCookies = authors.length
      ? await newSessions(authors.map((author) => author.id))
      : sessionCookies
    const [staffCookie] = await newSessions([moderator!.id])
    const [busy] = await sql<{ id: number; comment_count: number }[]>`
      select id, comment_count from ideas where is_public and comment_count between 45 and 60 order by comment_count desc, id limit 1`
    const openIdeas = await sql<{ id: number }[]>`
      select i.id from ideas i join statuses s on s.id = i.status_id
      where i.is_public and s.category <> 'closed' order by i.hot_score desc, i.id desc limit 2000`
    const [category] = await sql<
      { id: number; kind: string }[]
    >`select id, kind from categories where not retired order by id limit 1`
    // The idea page's canonical address (an id alone redirects to it).
    const ideaPath = busy
      ? new URL((await fetch(`${appUrl}/ideas/${busy.id}`)).url).pathname
      : '/ideas/1'
    return {
      sessionCookies,
      posterCookies,
      authorCookies,
      staffCookie: staffCookie!,
      ideaId: busy?.id ?? 1,
      ideaPath,
      ideaComments: busy?.comment_count ?? 0,
      openIdeaIds: openIdeas.map((row) => row.id),
      category: category!,
    }
  } finally {
    await sql.end()
  }
}

/**
 * The "post idea" scenario's `n`th request: a signed-in customer posts the new-idea form as a
 * browser without JavaScript does, after the similar ideas were shown (`similarShownFor`: the title they were shown for).
 */
export function newIdeaPost(fixtures: BenchFixtures, origin: string, n: number) {
  const title = `${POSTED_TITLE} ${n} ${randomBytes(4).toString('hex')}`
  return {
    method: 'POST' as const,
    path: '/ideas/new',
    headers: { cookie: fixtures.posterCookies[n % fixtures.posterCookies.length]!, origin },
    body: new URLSearchParams({
      intent: 'post',
      // The title its similar ideas were shown for: this very title, so the idea is filed.
      similarShownFor: title,
      kind: fixtures.category.kind,
      categoryId: String(fixtures.category.id),
      title,
      description: 'Posted by the benchmark to measure how fast ideas are taken in.',
      submissionKey: randomBytes(12).toString('hex'),
    }).toString(),
  }
}

/**
 * What autovacuum would have done by now, when the server runs without it (this machine's
 * PostgreSQL: `autovacuum = off` in CI's conf.d/90-ci.conf). Without it every run measured the dead
 * rows and the search index's pending entries of all the runs before: the vote scenario's updates of
 * `ideas` (never HOT: the score is indexed) left 2,313 entries in `ideas_search_idx`'s pending list,
 * which every search then read (1.2–2 ms of PostgreSQL for a word with 7 matches). Each table past
 * autovacuum's default thresholds — dead rows over 50 + 20 %, rows inserted since the last vacuum
 * over 1,000 + 20 %, rows changed since the last analyze over 50 + 10 % — is vacuumed or analyzed,
 * as autovacuum would within its minute. With autovacuum on, the server does it itself.
 */
export async function settleAsAutovacuumWould(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  try {
    const [setting] = await sql<
      { on: boolean }[]
    >`select current_setting('autovacuum') = 'on' as on`
    if (setting?.on) return []
    const due = await sql<{ name: string; vacuum: boolean }[]>`
      select format('%I.%I', s.schemaname, s.relname) as name,
             n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
               or n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0) as vacuum
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid
      where n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
         or n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)
         or n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
      order by 1`
    for (const table of due)
      await sql.unsafe(table.vacuum ? `vacuum (analyze) ${table.name}` : `analyze ${table.name}`)
    return due.map((table) => table.name)
  } finally {
    await sql.end()
  }
}
