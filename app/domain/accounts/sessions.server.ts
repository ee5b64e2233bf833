// Sessions: the only module that imports Lucia, so it can be swapped for another library alone.
import { DrizzlePostgreSQLAdapter, type PostgreSQLUserTable } from '@lucia-auth/adapter-drizzle'
import { eq, sql } from 'drizzle-orm'
import {
  Lucia,
  type DatabaseSession,
  type DatabaseUser,
  type Session as LuciaSession,
  type User as LuciaUser,
} from 'lucia'
import { db, type Database } from '#app/db/db.server'
import { sessions, users, type Locale, type Role } from '#app/db/schema'
import { env } from '#app/utils/env.server'
import { canParticipate } from './accounts.rules'

export const SESSION_COOKIE_NAME = 'ideabox_session'

/** What a session cookie can name: Lucia's ids are base32; anything else names no session. */
const SESSION_ID = /^[\w-]{1,128}$/

function sessionLookupFor(database: Database) {
  return database
    .select({
      id: sessions.id,
      userId: sessions.userId,
      expiresAt: sessions.expiresAt,
      email: users.email,
      displayName: users.displayName,
      handle: users.handle,
      role: users.role,
      locale: users.locale,
      suspendedUntil: users.suspendedUntil,
      bannedAt: users.bannedAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(sql`${sessions.id} = any(${sql.placeholder('sessionIds')}::text[])`)
    .prepare('sessions_and_users')
}
type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionLookupFor>['execute']>>[number]
type WaitingLookup = {
  sessionId: string
  resolve: (row: SessionRow | undefined) => void
  reject: (error: unknown) => void
}

/**
 * Lucia's drizzle adapter, with the lookup that every signed-in request makes as one prepared
 * statement reading only the columns a session needs (the adapter's own builds a select of every
 * user column on each call, which cost a vote more CPU than casting it). The lookups that arrive in
 * one turn of the event loop go to the database together, as one statement: under load that saves
 * PostgreSQL and this process a round trip per request; alone, a lookup waits for nothing.
 */
class SessionAdapter extends DrizzlePostgreSQLAdapter {
  private readonly lookup
  private turn: WaitingLookup[] | null = null

  constructor(database: Database) {
    // The adapter only reads users.id; its type assumes an insertable id, ours is an identity column.
    super(database, sessions, users as unknown as PostgreSQLUserTable)
    this.lookup = sessionLookupFor(database)
  }

  override async getSessionAndUser(
    sessionId: string,
  ): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const row = SESSION_ID.test(sessionId) ? await this.lookUpInTurn(sessionId) : undefined
    if (!row) return [null, null]
    const { id, userId, expiresAt, ...attributes } = row
    return [
      { id, userId, expiresAt, attributes: {} },
      { id: userId, attributes },
    ]
  }

  private lookUpInTurn(sessionId: string) {
    let turn = this.turn
    if (!turn) {
      const waiting: WaitingLookup[] = (turn = this.turn = [])
      setImmediate(() => {
        this.turn = null
        void this.lookUp(waiting)
      })
    }
    return new Promise<SessionRow | undefined>((resolve, reject) =>
      turn.push({ sessionId, resolve, reject }),
    )
  }

  private async lookUp(waiting: WaitingLookup[]) {
    try {
      const sessionIds = [...new Set(waiting.map((lookup) => lookup.sessionId))]
      const rows = await this.lookup.execute({ sessionIds })
      const byId = new Map(rows.map((row) => [row.id, row]))
      for (const lookup of waiting) lookup.resolve(byId.get(lookup.sessionId))
    } catch (error) {
      for (const lookup of waiting) lookup.reject(error)
    }
  }
}

function createLucia() {
  const config = env()
  const adapter = new SessionAdapter(db())
  return new Lucia(adapter, {
    sessionCookie: {
      name: SESSION_COOKIE_NAME,
      expires: false,
      attributes: {
        secure: config.SESSION_COOKIE_SECURE ?? config.NODE_ENV === 'production',
        sameSite: 'lax',
      },
    },
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
    lucia = createLucia()
    luciaDb = current
  }
  return lucia
}

export type SessionUser = LuciaUser
export type Session = LuciaSession

/** Starts a new session for the user; returns the Set-Cookie header value. */
export async function startSession(userId: number) {
  const session = await auth().createSession(userId, {})
  return { sessionId: session.id, cookie: auth().createSessionCookie(session.id).serialize() }
}

export function readSessionId(cookieHeader: string | null) {
  return auth().readSessionCookie(cookieHeader ?? '')
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
  const cookie = result.session.fresh
    ? auth().createSessionCookie(result.session.id).serialize()
    : undefined
  return { user: result.user, session: result.session, cookie }
}

export async function endSession(sessionId: string) {
  await auth().invalidateSession(sessionId)
  return auth().createBlankSessionCookie().serialize()
}

export async function endAllSessions(userId: number) {
  await auth().invalidateUserSessions(userId)
}

export function blankSessionCookie() {
  return auth().createBlankSessionCookie().serialize()
}

/** Timestamps arrive as Date from postgres.js and PGlite alike, but be lenient about strings. */
function toDate(value: Date | string | null | undefined) {
  return value ? new Date(value) : null
}
