// Who is asking, and may they: every loader and action that needs a person or a role calls these.
import { redirect } from '@remix-run/node'

import type { Role } from '#app/db/schema'
import { hasRole } from '#app/domain/accounts/accounts.rules'
import {
  readSessionId,
  type SessionUser,
  validateSession,
} from '#app/domain/accounts/sessions.server'

export type CurrentUser = SessionUser

type AuthState = { user: CurrentUser | null; sessionId: string | null; cookie?: string }

// Remix runs a request's loaders in parallel with the same Request: validate its session once.
const authByRequest = new WeakMap<Request, Promise<AuthState>>()

async function readAuth(request: Request): Promise<AuthState> {
  const sessionId = readSessionId(request.headers.get('Cookie'))
  if (!sessionId) return { user: null, sessionId: null }
  const { user, session, cookie } = await validateSession(sessionId)
  return { user, sessionId: session?.id ?? null, cookie }
}

export function getAuth(request: Request) {
  let state = authByRequest.get(request)
  if (!state) {
    state = readAuth(request)
    authByRequest.set(request, state)
  }
  return state
}

export async function getOptionalUser(request: Request) {
  return (await getAuth(request)).user
}

/**
 * The signed-in person, or a redirect to sign in that comes back here afterwards. A thrown redirect
 * is the whole answer (no other loader's headers join it), so it carries the blank session cookie
 * itself when the browser's session was refused (ended, suspended, banned): the browser forgets it.
 */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const { user, cookie } = await getAuth(request)
  if (user) return user
  throw redirect(signInPath(request), cookie ? { headers: { 'Set-Cookie': cookie } } : undefined)
}

/** The sign-in page, coming back to this request's address afterwards. */
export function signInPath(request: Request) {
  const url = new URL(request.url)
  return `/login?${new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })}`
}

/** The signed-in person if they have the role (admins have every role); otherwise 403. */
export async function requireRole(
  request: Request,
  role: Role | readonly Role[],
): Promise<CurrentUser> {
  const user = await requireUser(request)
  if (!hasRole(user.role, role)) {
    throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' })
  }
  return user
}

/** Pages for visitors only (sign in, sign up) send a signed-in person on. */
export async function requireAnonymous(request: Request, to = '/') {
  if (await getOptionalUser(request)) throw redirect(to)
}

/** The value a page is about, or the 404 page when there is none (a missing or unreadable id). */
export function foundOr404<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Response('Not found', { status: 404 })
  return value
}
