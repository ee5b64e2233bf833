// Sessions: the only module that imports Lucia, so it can be swapped for another library alone.
import { createHash } from 'node:crypto'

import { DrizzlePostgreSQLAdapter, type PostgreSQLUserTable } from '@lucia-auth/adapter-drizzle'
import { and, desc, eq, ne, sql } from 'drizzle-orm'
import {
  type Adapter,
  type DatabaseSession,
  type DatabaseUser,
  Lucia,
  TimeSpan,
  type User as LuciaUser,
} from 'lucia'

import { type Database, db, type Executor } from '#app/db/db.server'
import { type Locale, type Role, sessions, users } from '#app/db/schema'
import { getSettings } from '#app/domain/settings/settings.server'
import { batchPerTurn } from '#app/utils/batch-per-turn.server'
import { env } from '#app/utils/env.server'
import { localeCookie } from '#app/utils/i18n/i18n.server'

import { canParticipate } from './accounts.rules'

export const SESSION_COOKIE_NAME = 'ideabox_session'

/** What a session cookie can name: Lucia's ids are base32; anything else names no session. */
const SESSION_ID = /^[\w-]{1,128}$/

/**
 * What a session's person is read with wherever a session is judged: the names a page shows, the
 * role and language, and what ends or holds a session (a page's version reads them too, decision 040).
 */
export const sessionPersonColumns = {
  displayName: users.displayName,
  handle: users.handle,
  role: users.role,
  locale: users.locale,
  suspendedUntil: users.suspendedUntil,
  bannedAt: users.bannedAt,
}

function sessionLookupFor(database: Database) {
  return database
    .select({
      id: sessions.id,
      userId: sessions.userId,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      email: users.email,
      ...sessionPersonColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(sql`${sessions.id} = any(${sql.placeholder('sessionIds')}::text[])`)
    .prepare('sessions_and_users')
}
type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionLookupFor>['execute']>>[number]

/**
 * Lucia's drizzle adapter, with the lookup that every signed-in request makes as one prepared
 * statement reading only the columns a session needs (the adapter's own builds a select of every
 * user column on each call, which cost a vote more CPU than casting it). The lookups that arrive in
 * one turn of the event loop go to the database together, as one statement: under load that saves
 * PostgreSQL and this process a round trip per request; alone, a lookup waits for nothing.
 */
class SessionAdapter extends DrizzlePostgreSQLAdapter {
  private readonly lookUpInTurn

  constructor(database: Database) {
    // The adapter only reads users.id; its type assumes an insertable id, ours is an identity column.
    super(database, sessions, users as unknown as PostgreSQLUserTable)
    const lookup = sessionLookupFor(database)
    this.lookUpInTurn = batchPerTurn<string, SessionRow | undefined>({
      handle: async (waiting) => {
        const sessionIds = [...new Set(waiting.map((call) => call.item))]
        const rows = await lookup.execute({ sessionIds })
        const byId = new Map(rows.map((row) => [row.id, row]))
        for (const call of waiting) call.resolve(byId.get(call.item))
      },
    })
  }

  override async getSessionAndUser(
    sessionId: string,
  ): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const row = SESSION_ID.test(sessionId) ? await this.lookUpInTurn(sessionId) : undefined
    if (!row) return [null, null]
    const { id, userId, expiresAt, lastSeenAt, ...attributes } = row
    return [
      { id, userId, expiresAt, attributes: { lastSeenAt } },
      { id: userId, attributes },
    ]
  }
}

/** How long a session lasts unused; one used in its second half is extended (Lucia's sliding expiry). */
const SESSION_DAYS = 30

function createLucia(adapter: Adapter) {
  const config = env()
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(SESSION_DAYS, 'd'),
    sessionCookie: {
      name: SESSION_COOKIE_NAME,
      expires: false,
      attributes: {
        secure: config.SESSION_COOKIE_SECURE ?? config.NODE_ENV === 'production',
        sameSite: 'lax',
      },
    },
    getSessionAttributes: (attributes) => ({ lastSeenAt: attributes.lastSeenAt }),
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      displayName: attributes.displayName,
      handle: attributes.handle,
      role: attributes.role,
      locale: attributes.locale,
      suspendedUntil: attributes.suspendedUntil,
      bannedAt: attributes.bannedAt,
    }),
  })
}

declare module 'lucia' {
  interface Register {
    Lucia: ReturnType<typeof createLucia>
    UserId: number
    // Written when a session starts (userAgent) and read on each lookup (lastSeenAt).
    DatabaseSessionAttributes: { userAgent?: string | null; lastSeenAt?: Date }
    DatabaseUserAttributes: {
      email: string
      // The drizzle adapter hands over the row with the schema's property names.
      displayName: string
      handle: string
      role: Role
      locale: Locale
      suspendedUntil: Date | null
      bannedAt: Date | null
    }
  }
}

let lucia: ReturnType<typeof createLucia> | undefined
let luciaDb: unknown
function auth() {
  // Recreated when the database handle changes (tests reconnect; a closed handle must not be reused).
  const current = db()
  if (!lucia || luciaDb !== current) {
    lucia = createLucia(new SessionAdapter(current))
    luciaDb = current
  }
  return lucia
}

/**
 * Lucia writing through the caller's transaction, so a session starts or ends together with the
 * command that signs the person in (a rolled-back sign-in leaves no session behind).
 */
function authWithin(executor: Executor) {
  if (executor === db()) return auth()
  return createLucia(
    new DrizzlePostgreSQLAdapter(executor, sessions, users as unknown as PostgreSQLUserTable),
  )
}

export type SessionUser = LuciaUser

/**
 * Starts a new session for the user; returns the Set-Cookie header value. Only for tests' fixtures
 * and this module: a sign-in goes through `rotateSession` (app/architecture.test.ts checks).
 */
export async function startSession(
  userId: number,
  { userAgent }: { userAgent?: string | null } = {},
) {
  return createSessionWith(auth(), userId, userAgent)
}

async function createSessionWith(
  lucia: ReturnType<typeof auth>,
  userId: number,
  userAgent: string | null | undefined,
) {
  const session = await lucia.createSession(userId, { userAgent: describeUserAgent(userAgent) })
  return { sessionId: session.id, cookie: lucia.createSessionCookie(session.id).serialize() }
}

/** What is kept of a User-Agent header: enough to tell devices apart, never a novel. */
function describeUserAgent(userAgent: string | null | undefined) {
  const text = userAgent?.replace(/[\u0000-\u001f\u007f]/g, '').trim()
  return text ? text.slice(0, 200) : null
}

/** How stale `last_seen_at` may get before a request refreshes it (one write per session per period). */
const LAST_SEEN_PRECISION_MS = 5 * 60 * 1000

/**
 * How `validateSession` would take this session: `current`, accepted as it is, writing nothing and
 * setting no cookie; `unseen`, the same but for writing last_seen_at (not seen for
 * LAST_SEEN_PRECISION_MS: `markSessionSeen`); null when it would do more (end it: expired, or its
 * person may not take part; extend it: in the second half of its life, with a new cookie). A page
 * answered without its loaders (decision 040) skips the validation only when it is not null.
 */
export function sessionStanding(
  session: {
    expiresAt: Date
    lastSeenAt: Date | null
    suspendedUntil: Date | null
    bannedAt: Date | null
  },
  now = Date.now(),
): 'current' | 'unseen' | null {
  const extendsAt = session.expiresAt.getTime() - (SESSION_DAYS * 86_400_000) / 2
  if (now >= extendsAt || !canParticipate(session, new Date(now))) return null
  return session.lastSeenAt !== null && now - session.lastSeenAt.getTime() <= LAST_SEEN_PRECISION_MS
    ? 'current'
    : 'unseen'
}

/** A session was used now (shown on the account's sessions page); written once per LAST_SEEN_PRECISION_MS. */
export async function markSessionSeen(sessionId: string) {
  await db()
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(sessions.id, sessionId))
}

/** The session id a cookie header names, if it could name one. */
export function sessionIdOf(cookieHeader: string | null) {
  const id = readSessionId(cookieHeader)
  return id && SESSION_ID.test(id) ? id : null
}

/**
 * The session cookie's value in a Cookie header, read as Lucia reads it (`readSessionCookie`: pairs
 * split at "; ", the last of the name wins) but without failing on another cookie whose value is
 * not valid %-encoding (`foo=%ff` from another app on the host threw URIError: a 500 on every page).
 */
export function readSessionId(cookieHeader: string | null) {
  let value: string | null = null
  for (const item of (cookieHeader ?? '').split('; ')) {
    const [rawKey, rawValue = ''] = item.split('=')
    if (!rawKey) continue
    const key = decodedOrNull(rawKey)
    if (key === SESSION_COOKIE_NAME) value = decodedOrNull(rawValue)
  }
  return value
}

function decodedOrNull(text: string) {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

/**
 * Looks up the session named by the cookie. `cookie` is set when the browser's cookie must change:
 * the session was extended (sliding expiry) or is no longer valid.
 */
export async function validateSession(sessionId: string) {
  const result = await auth().validateSession(sessionId)
  if (!result.session) {
    return { user: null, session: null, cookie: auth().createBlankSessionCookie().serialize() }
  }
  // Suspending ends a person's sessions; this catches any that survive (a race, a restored backup).
  if (
    !canParticipate({
      suspendedUntil: toDate(result.user.suspendedUntil),
      bannedAt: toDate(result.user.bannedAt),
    })
  ) {
    await auth().invalidateSession(result.session.id)
    return { user: null, session: null, cookie: auth().createBlankSessionCookie().serialize() }
  }
  const lastSeenAt = toDate(result.session.lastSeenAt)
  if (!lastSeenAt || Date.now() - lastSeenAt.getTime() > LAST_SEEN_PRECISION_MS)
    await markSessionSeen(result.session.id)
  const cookie = result.session.fresh
    ? auth().createSessionCookie(result.session.id).serialize()
    : undefined
  return { user: result.user, session: result.session, cookie }
}

export async function endSession(sessionId: string) {
  return endSessionWith(auth(), sessionId)
}

async function endSessionWith(lucia: ReturnType<typeof auth>, sessionId: string) {
  await lucia.invalidateSession(sessionId)
  return lucia.createBlankSessionCookie().serialize()
}

/** The browser that is signing in: the session its cookie names now (if any) and its User-Agent. */
export type SigningInBrowser = { sessionId: string | null; userAgent: string | null }

/**
 * A new session for the person who just proved who they are, after ending the one the browser had,
 * whoever it belonged to: a session id fixed before signing in is worthless after (decision 002).
 * `signOutEverywhere` ends every other session of the account too (a password was set). In the
 * caller's transaction when given one. The Set-Cookie values, in the order they are sent: the
 * ended session, the new one, and the account's language.
 */
export async function rotateSession({
  userId,
  browser,
  signOutEverywhere = false,
  executor = db(),
}: {
  userId: number
  browser: SigningInBrowser
  signOutEverywhere?: boolean
  executor?: Executor
}) {
  const lucia = authWithin(executor)
  const ended = browser.sessionId ? [await endSessionWith(lucia, browser.sessionId)] : []
  if (signOutEverywhere) await lucia.invalidateUserSessions(userId)
  const { cookie } = await createSessionWith(lucia, userId, browser.userAgent)
  // The browser switches to the language the account keeps (the one its emails are in), as the
  // language control would: a fresh browser would otherwise show its own.
  const [account] = await executor
    .select({ locale: users.locale })
    .from(users)
    .where(eq(users.id, userId))
  return [...ended, cookie, ...(account ? [localeCookie(account.locale)] : [])]
}

export async function endAllSessions(userId: number) {
  await auth().invalidateUserSessions(userId)
}

/**
 * A session's public name: its id is the secret in the cookie, so pages and forms name a session
 * by a hash of it instead.
 */
const sessionKeyOf = (sessionId: string) =>
  createHash('sha256').update(sessionId).digest('base64url').slice(0, 22)

/** The person's live sessions, most recently seen first, the current one marked. */
async function listSessions({
  userId,
  currentSessionId,
}: {
  userId: number
  currentSessionId: string | null
}) {
  const rows = await db()
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), sql`${sessions.expiresAt} > now()`))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
  return rows.map(({ id, ...session }) => ({
    key: sessionKeyOf(id),
    current: id === currentSessionId,
    ...session,
  }))
}

/** The sessions page: the person's live sessions and the site's time zone their times are shown in. */
export async function getSessionsPage({
  userId,
  currentSessionId,
}: {
  userId: number
  currentSessionId: string | null
}) {
  const [list, { timeZone }] = await Promise.all([
    listSessions({ userId, currentSessionId }),
    getSettings(),
  ])
  return { sessions: list, timeZone }
}

/** Ends one of the person's other sessions, named by its key; false when there is no such session. */
export async function endSessionByKey({
  userId,
  key,
  currentSessionId,
}: {
  userId: number
  key: string
  currentSessionId: string | null
}) {
  const rows = await db()
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, userId))
  const target = rows.find((row) => sessionKeyOf(row.id) === key && row.id !== currentSessionId)
  if (!target) return false
  await db()
    .delete(sessions)
    .where(and(eq(sessions.id, target.id), eq(sessions.userId, userId)))
  return true
}

/** "Sign out everywhere else": every session of the person but this one ends. */
export async function endOtherSessions({
  userId,
  currentSessionId,
}: {
  userId: number
  currentSessionId: string
}) {
  const ended = await db()
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, currentSessionId)))
    .returning({ id: sessions.id })
  return ended.length
}

export function blankSessionCookie() {
  return auth().createBlankSessionCookie().serialize()
}

/** Timestamps arrive as Date from postgres.js and PGlite alike, but be lenient about strings. */
function toDate(value: Date | string | null | undefined) {
  return value ? new Date(value) : null
}
