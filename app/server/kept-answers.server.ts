// Pages answered again after one statement (docs/decisions/040). A page answered from its kept
// templates (decision 034) is remembered under what its loaders' data depends on, read in one
// statement: the versions a route declares (an idea page: its page version, which triggers change
// with every write to what it shows; the reference data's version; the viewer's session, their own
// row's version and unread count) and what the request says (address, cookies, languages asked
// for). The next request with the same key is answered from those templates without its loaders,
// until its loaders said the page would change without a write (`context.unchangedUntil`: an edit
// window closing, related ideas read again) and for KEPT_ANSWER_MS at most.
// The versions are read before the loaders run, so a write the loaders saw either is in the key or
// changes it after; another instance's write changes the versions too. Every
// KEPT_ANSWER_CHECK_EVERY-th kept answer is checked against its loaders, no more often than lets
// the checks take 1/KEPT_ANSWER_CHECK_EVERY of the time: a difference is logged and ends this way
// of answering the route in this instance; when every answer is checked (test runs) the request
// fails instead, so the suite finds it.
import type { AppLoadContext } from '@remix-run/node'
import type express from 'express'

import { backOfficeRoles, hasRole, type Role } from '#app/domain/accounts/accounts.rules'
import {
  markSessionSeen,
  SESSION_COOKIE_NAME,
  sessionIdOf,
  sessionStanding,
} from '#app/domain/accounts/sessions.server'
import { parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { ideaListQuerySchema } from '#app/domain/ideas/ideas.schema'
import {
  getSiteStats,
  listStatuses,
  roadmapFiltersOf,
  searchText,
} from '#app/domain/ideas/ideas.server'
import { readBackOfficeIdeaVersion } from '#app/domain/pages/back-office-idea-version.server'
import { homeLists } from '#app/domain/pages/home-page.server'
import { readHomeVersion } from '#app/domain/pages/home-version.server'
import { readIdeaPageVersion } from '#app/domain/pages/idea-page-version.server'
import { listSortFor } from '#app/domain/pages/ideas-list.server'
import { readIdeasListVersion } from '#app/domain/pages/ideas-list-version.server'
import { readLeaderboardVersion } from '#app/domain/pages/leaderboard-version.server'
import { readMyIdeasVersion } from '#app/domain/pages/my-ideas-version.server'
import { readNotificationsVersion } from '#app/domain/pages/notifications-version.server'
import { readRoadmapVersion } from '#app/domain/pages/roadmap-version.server'
import { readTriageQueueVersion } from '#app/domain/pages/triage-queue-version.server'
import { readUpdatesVersion } from '#app/domain/pages/updates-version.server'
import { idField } from '#app/utils/schemas'
import { avatarInitial } from '#app/utils/text.rules'
import { voteButtonStrings } from '#app/utils/vote-fill-ins'

import type { KeptAnswerSource } from '../entry.server'

/**
 * How long a kept answer may be given at most; less when its loaders said their page changes
 * sooner (`context.unchangedUntil`: the clock, the related ideas kept for a while).
 */
export const KEPT_ANSWER_MS = 30_000

/** How many kept answers an instance remembers (a few hundred bytes each), the oldest out. */
const KEPT_ANSWERS = 20_000

type KeptRoute = {
  /**
   * What this request's answer depends on besides the request itself, read in one statement, and
   * the viewer's own strings as the root loader gives them (filled into the kept page); null:
   * answer it as usual.
   */
  version(input: {
    params: Record<string, string | undefined>
    /** The address's query, as a loader reads it (`Object.fromEntries(url.searchParams)`). */
    query: Record<string, string>
    cookie: string
    /** The request's load context: what the version read that its loaders must read alike. */
    context: AppLoadContext
  }): Promise<{ version: string; strings: string[] } | null>
}

type ViewerRow = {
  sessionExpiresAt: Date | null
  sessionLastSeenAt: Date | null
  userId: number | null
  displayName: string | null
  handle: string | null
  role: string | null
  locale: string | null
  suspendedUntil: Date | null
  bannedAt: Date | null
  viewerPart: string | null
}

/**
 * The viewer's part of a version, and their strings: nobody, or a session that validating would
 * accept as it is (null otherwise: the loaders validate it, and extend it, or end it). A session not
 * seen for a while is marked seen, as validating it would.
 */
async function viewerOf(cookie: string, sessionId: string | null, row: ViewerRow) {
  if (!cookie.includes(`${SESSION_COOKIE_NAME}=`)) return { part: 'visitor', strings: [] }
  if (sessionId === null || row.userId === null || row.sessionExpiresAt === null) return null
  const standing = sessionStanding({
    expiresAt: row.sessionExpiresAt,
    lastSeenAt: row.sessionLastSeenAt,
    suspendedUntil: row.suspendedUntil,
    bannedAt: row.bannedAt,
  })
  if (!standing || !row.displayName || !row.handle) return null
  // As the root loader gives them (root-data.server.ts), in the order viewerStringsOf takes them.
  const strings = [row.displayName, avatarInitial(row.displayName), row.handle]
  if (strings.includes('')) return null
  if (standing === 'unseen') await markSessionSeen(sessionId)
  return { part: `${row.role}|${row.locale}|${row.viewerPart}`, strings }
}

/**
 * A page for anyone, visitor or signed in, by the version `read` reads for the request (nothing:
 * its loaders answer, as for an address it does not keep); `page`: the page's own part of it.
 */
function anyonesPage<Row extends ViewerRow & { referenceVersion: string }>(
  read: (input: {
    query: Record<string, string>
    sessionId: string | null
    context: AppLoadContext
  }) => Promise<Row | null | undefined>,
  page: (row: Row) => string,
): KeptRoute {
  return {
    async version({ query, cookie, context }) {
      const sessionId = sessionIdOf(cookie)
      const row = await read({ query, sessionId, context })
      const viewer = row && (await viewerOf(cookie, sessionId, row))
      if (!row || !viewer) return null
      return {
        version: `${page(row)}|${row.referenceVersion}|${viewer.part}`,
        strings: viewer.strings,
      }
    },
  }
}

/**
 * A signed-in person's own page, its first page only, by the version `read` reads for their
 * session (`page`: the page's own part of it). Signed out, the loaders send them to sign in.
 */
function ownFirstPage<Row extends ViewerRow & { referenceVersion: string }>(
  read: (input: { sessionId: string }) => Promise<Row | undefined>,
  page: (row: Row) => string | null,
): KeptRoute {
  return {
    async version({ query, cookie }) {
      const sessionId = sessionIdOf(cookie)
      if ('cursor' in query || 'before' in query || sessionId === null) return null
      const row = await read({ sessionId })
      const viewer = row && (await viewerOf(cookie, sessionId, row))
      if (!row || !viewer || viewer.strings.length === 0) return null
      return {
        version: `${page(row)}|${row.referenceVersion}|${viewer.part}`,
        strings: viewer.strings,
      }
    },
  }
}

/**
 * A back-office page as a moderator opens it (no query), by the version `read` reads for their
 * session (`page`: the page's own part of it; null: no such page) with the navigation's counts and
 * the team. Admins' pages also say how the mail is doing, which the clock changes: their loaders run,
 * as everyone else's, which refuse them.
 */
function teamPage<
  Row extends Omit<ViewerRow, 'role'> & {
    role: Role | null
    referenceVersion: string
    counts: string
    team: string | null
  },
>(
  read: (input: {
    params: Record<string, string | undefined>
    sessionId: string
  }) => Promise<Row | undefined>,
  page: (row: Row) => string | null,
): KeptRoute {
  return {
    async version({ params, query, cookie }) {
      const sessionId = sessionIdOf(cookie)
      if (Object.keys(query).length > 0 || sessionId === null) return null
      const row = await read({ params, sessionId })
      if (!row?.role || row.role === 'admin' || !hasRole(row.role, backOfficeRoles)) return null
      const own = page(row)
      const viewer = own === null ? null : await viewerOf(cookie, sessionId, row)
      if (!viewer || viewer.strings.length === 0) return null
      return {
        version: `${own}|${row.counts}|${row.team}|${row.referenceVersion}|${viewer.part}`,
        strings: viewer.strings,
      }
    },
  }
}

/** The routes answered this way, by route id. */
export const keptRoutes: ReadonlyMap<string, KeptRoute> = new Map([
  [
    'routes/ideas.$ideaRef',
    {
      async version({ params, cookie }) {
        const ideaId = parseIdeaRef(params.ideaRef)
        if (!ideaId) return null
        const sessionId = sessionIdOf(cookie)
        const row = await readIdeaPageVersion({ ideaId, sessionId })
        const viewer = row && (await viewerOf(cookie, sessionId, row))
        if (!row || !viewer) return null
        return {
          version: `${row.pageVersion}|${row.referenceVersion}|${row.holidays}|${viewer.part}`,
          strings: viewer.strings,
        }
      },
    } satisfies KeptRoute,
  ],
  [
    'routes/ideas._index',
    {
      // The first page, browsed or searched (decision 041): the most asked, and the one whose ideas
      // one statement can name. A page further on, an unknown status: loaders.
      async version({ query: address, cookie }) {
        if ('cursor' in address || 'before' in address) return null
        const query = ideaListQuerySchema.parse(address)
        const sort = listSortFor(query)
        const statusId = query.status
          ? (await listStatuses()).find((status) => status.slug === query.status)?.id
          : null
        if (statusId === undefined) return null
        const sessionId = sessionIdOf(cookie)
        const row = await readIdeasListVersion({
          sort,
          kind: query.kind,
          statusId,
          categoryId: query.category,
          tagSlug: query.tag,
          search: searchText(query.q),
          sessionId,
        })
        const viewer = row && (await viewerOf(cookie, sessionId, row))
        if (!row || !viewer) return null
        // A signed-in viewer's votes are filled in, as viewerStringsOf takes them (vote-fill-ins.ts).
        const votes = viewer.strings.length > 0 && row.votes !== '' ? [row.votes] : []
        return {
          version: `${row.ideasVersion}|${row.referenceVersion}|${viewer.part}`,
          strings: [...viewer.strings, ...votes, ...votes.flatMap(voteButtonStrings)],
        }
      },
    } satisfies KeptRoute,
  ],
  // The home page as it opens, for anyone (decision 048). Its totals are a count kept per instance
  // for up to a minute, read here and handed to its loader, so the page kept under this version
  // says them (the count may be made again between this read and the loader's). An address with a
  // query (campaign tags, a crawler's guesses) runs the loaders rather than fill the store with one
  // page many times.
  [
    'routes/_index',
    anyonesPage(
      async ({ query, sessionId, context }) => {
        if (Object.keys(query).length > 0) return null
        const launched = (await listStatuses()).find(
          (status) => status.slug === homeLists.launched.statusSlug,
        )
        const [row, stats] = await Promise.all([
          readHomeVersion({ launchedStatusId: launched?.id ?? null, sessionId }),
          getSiteStats(),
        ])
        context.siteStats = stats
        return row && { ...row, stats: `${stats.ideas}:${stats.votes}:${stats.launched}` }
      },
      (row) => `${row.trending}|${row.launched}|${row.stats}`,
    ),
  ],
  // The roadmap, for anyone, its filters as its loader reads them (decision 045).
  [
    'routes/roadmap',
    anyonesPage(
      async ({ query, sessionId }) =>
        readRoadmapVersion({ ...(await roadmapFiltersOf(query)), sessionId }),
      (row) => `${row.cards}`,
    ),
  ],
  // The published updates' first page, for anyone (decision 049).
  [
    'routes/updates._index',
    anyonesPage(
      async ({ query, sessionId }) =>
        Object.keys(query).length > 0 ? null : readUpdatesVersion({ sessionId }),
      (row) => `${row.rows}`,
    ),
  ],
  // The leaderboard, this month's or of all time, for anyone (decision 049): its month is in its
  // version, so the month's turn is a new version.
  [
    'routes/leaderboard',
    anyonesPage(
      async ({ query: { period, ...rest }, sessionId }) =>
        Object.keys(rest).length > 0 ||
        (period !== undefined && period !== 'all' && period !== 'month')
          ? null
          : readLeaderboardVersion({ period: period === 'all' ? 'all' : 'month', sessionId }),
      (row) => `${row.period}|${row.rows}`,
    ),
  ],
  // A person's own pages, first page (decision 041).
  ['routes/my.ideas', ownFirstPage(readMyIdeasVersion, (row) => row.cards)],
  ['routes/notifications', ownFirstPage(readNotificationsVersion, (row) => row.rows)],
  // The triage queue as the team opens it: no filters, first page (decision 042).
  ['routes/admin._index', teamPage(readTriageQueueVersion, (row) => row.rows)],
  // An idea's page in the back office, as it opens: no merge search, voters' first page (decision 043).
  [
    'routes/admin.ideas.$ideaId',
    teamPage(
      ({ params, sessionId }) => {
        const ideaId = idField().safeParse(params.ideaId).data
        return ideaId
          ? readBackOfficeIdeaVersion({ ideaId, sessionId })
          : Promise.resolve(undefined)
      },
      (row) => row.idea && `${row.idea}|${row.notes}|${row.history}|${row.voters}`,
    ),
  ],
])

const SESSION_VALUE = new RegExp(`(^|;\\s*)${SESSION_COOKIE_NAME}=[^;]*`)

/**
 * The key of a request's answer: what the request says that a loader may read (the session's own
 * value aside: who it is is in the version), and the versions.
 */
export function keptAnswerKey(req: express.Request, buildVersion: string, version: string) {
  return [
    buildVersion,
    req.protocol,
    req.get('host') ?? '',
    req.originalUrl,
    (req.get('cookie') ?? '').replace(SESSION_VALUE, `$1${SESSION_COOKIE_NAME}=*`),
    req.get('accept-language') ?? '',
    req.get('content-type') ?? '',
    version,
  ].join('\u0000')
}

export function createKeptAnswers({ checkEvery }: { checkEvery: number }) {
  const answers = new Map<string, { page: KeptPage; until: number }>()
  const distrusted = new Set<string>()
  /** When each route's next check may come (performance.now()). */
  const nextCheck = new Map<string, number>()
  let given = 0
  const stats = { given: 0, kept: 0, checked: 0, differed: 0 }
  return {
    stats,
    /** Every check fails the request when it differs (test runs). */
    strict: checkEvery === 1,
    answerable: (routeId: string) => !distrusted.has(routeId),
    get(key: string, now = Date.now()) {
      const kept = answers.get(key)
      if (!kept) return undefined
      if (kept.until <= now) {
        answers.delete(key)
        return undefined
      }
      return kept.page
    },
    keep(key: string, page: KeptPage, until: number) {
      if (answers.size >= KEPT_ANSWERS) answers.delete(answers.keys().next().value!)
      answers.set(key, { page, until })
      stats.kept += 1
    },
    forget(key: string) {
      answers.delete(key)
    },
    /**
     * Whether this kept answer of `routeId` is to be checked against its loaders: every
     * `checkEvery`-th, once the route's last check has been paid for (`checked`).
     */
    check(routeId: string, now = performance.now()) {
      given += 1
      if (checkEvery === 1) return true
      return given % checkEvery === 0 && now >= (nextCheck.get(routeId) ?? 0)
    },
    /**
     * A check of `routeId` took `ms` (its loaders and their data's key: for a page with many
     * statements, as long as dozens of kept answers). The route's next check waits until the checks
     * have taken at most 1/checkEvery of the time since: a check every 50 answers took the
     * back-office idea page from 904 to 636 req/s, and its p99 from 124 to 358 ms (decision 043).
     */
    checked(routeId: string, ms: number, now = performance.now()) {
      nextCheck.set(routeId, now + ms * (checkEvery - 1))
    },
    /** A kept answer differed from its loaders' answer: the route is answered as usual from now on. */
    distrust(routeId: string) {
      distrusted.add(routeId)
      stats.differed += 1
    },
    clear() {
      answers.clear()
      distrusted.clear()
      nextCheck.clear()
    },
  }
}

export type KeptAnswers = ReturnType<typeof createKeptAnswers>

/** What a kept answer keeps: its templates' key and how many one-time keys it makes afresh. */
export type KeptPage = Omit<KeptAnswerSource, 'strings'>

export function sameStrings(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((value, index) => value === b[index])
}

/** Two sources give the same page (the one-time keys aside). */
export function sameSource(a: KeptAnswerSource | null, b: KeptAnswerSource) {
  return (
    a !== null &&
    a.templateKey === b.templateKey &&
    a.oneTimeStrings === b.oneTimeStrings &&
    sameStrings(a.strings, b.strings)
  )
}
