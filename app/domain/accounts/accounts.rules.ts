// Pure rules about people and roles: who counts as staff, what a role may do, handles.
import { slugWords } from '#app/utils/slugs'

export const roles = ['customer', 'agent', 'moderator', 'marketer', 'admin'] as const
export type Role = (typeof roles)[number]

export const locales = ['en', 'nl'] as const
export type Locale = (typeof locales)[number]

export const staffRoles = [
  'agent',
  'moderator',
  'marketer',
  'admin',
] as const satisfies readonly Role[]

/** Who may capture ideas for customers (store and call-centre agents, and the product team). */
export const intakeRoles = ['agent', 'moderator', 'admin'] as const satisfies readonly Role[]

/** Admins may do everything staff may; other roles only what they are. */
export function hasRole(userRole: Role, required: Role | readonly Role[]) {
  const wanted = Array.isArray(required) ? required : [required]
  if (userRole === 'admin') return true
  return wanted.includes(userRole)
}

/** Who acts in a staff command (the commands re-check the role themselves). */
export type StaffActor = { id: number; role: Role }

/**
 * Who can be @mentioned in an idea's internal notes: only people who can open them (the back
 * office's idea page). The notify step and the list of colleagues offered while writing both ask this.
 */
export function mayBeMentioned(role: Role) {
  return hasRole(role, backOfficeRoles)
}

export function isStaff(role: Role) {
  return (staffRoles as readonly Role[]).includes(role)
}

/**
 * Handles that would pass a customer off as the site or its team (issue 16): only a staff member may
 * take one, as their own, and none is ever kept as a redirect to a person.
 */
export const RESERVED_HANDLES = [
  'admin',
  'moderator',
  'support',
  'ideabox',
  'staff',
  'team',
  'help',
  'root',
  'system',
  'official',
] as const

export function isReservedHandle(handle: string) {
  return (RESERVED_HANDLES as readonly string[]).includes(handle)
}

/** How many earlier handles of one person keep redirecting to their profile (the newest ones). */
export const KEPT_HANDLE_REDIRECTS = 3

/** A readable URL handle from a display name: "Anna de Vries" → "anna-de-vries" (never a reserved one). */
export function handleFromName(displayName: string) {
  const base = slugWords(displayName).slice(0, 30)
  return base.length >= 2 && !isReservedHandle(base) ? base : 'member'
}

/** Handles people choose: 2–40 of a-z, 0-9 and inner hyphens, like the ones `handleFromName` makes. */
export function isValidHandle(handle: string) {
  return /^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$/.test(handle)
}

const SITE_ORIGIN = 'http://ideabox.invalid'

/**
 * Where to go after signing in (also the language switch and the vote form): a path on this site,
 * with its query and hash, or `fallback`. The candidate is resolved against the site's origin with
 * the URL parser, as a browser resolves a Location header; the result must stay on that origin and
 * begin with a single `/`, since `/.//evil.test` resolves to `//evil.test`, another host.
 */
export function safeRedirectPath(target: unknown, fallback = '/') {
  if (typeof target !== 'string' || target.length === 0 || target.length > 2000) return fallback
  // Browsers drop tabs and newlines and read `\` as `/`: such a path means something else to them.
  if (!target.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(target)) return fallback
  let url: URL
  try {
    url = new URL(target, SITE_ORIGIN)
  } catch {
    return fallback
  }
  const path = `${url.pathname}${url.search}${url.hash}`
  if (
    url.origin !== SITE_ORIGIN ||
    !path.startsWith('/') ||
    path.startsWith('//') ||
    path.startsWith('/\\')
  )
    return fallback
  return path
}

/** The "check your email" page after sign-up: it names the address typed and carries redirectTo on to its sign-in link. */
export function signUpSentPath({
  email,
  redirectTo,
}: {
  email: string
  redirectTo?: string | null
}) {
  const next = safeRedirectPath(redirectTo, '')
  return `/signup/sent?${new URLSearchParams({ email, ...(next ? { redirectTo: next } : {}) })}`
}

/** The roles that work in the back office (triage, moderation). Marketers publish updates only. */
export const backOfficeRoles = ['moderator', 'admin'] as const satisfies readonly Role[]

/** Where a staff role's work starts in the back office: triage, capturing ideas, or updates. */
export function backOfficeHome(role: Role) {
  if (hasRole(role, backOfficeRoles)) return '/admin'
  return role === 'agent' ? '/admin/intake' : '/admin/updates'
}

/**
 * Who may change an idea's status and answer for the team: the back office. One rule wherever a
 * status can change (the idea's page, the triage queue, an update marking its ideas as launched).
 */
export function mayChangeStatus(role: Role) {
  return hasRole(role, backOfficeRoles)
}

/** The roles `mayBeMentioned` accepts, for queries. */
export const mentionableRoles = roles.filter(mayBeMentioned)

/**
 * Everything the back office can do to a person's account. The person page's intents map onto
 * these (a ban is the suspend form with no end), and every one is checked by `mayActOnPerson`.
 */
export const personActions = ['role', 'suspend', 'ban', 'lift'] as const
export type PersonAction = (typeof personActions)[number]

export type PersonActionVerdict = { ok: true } | { ok: false; reason: 'forbidden' | 'self' }

/**
 * Who may act on whose account: the product team (moderators, admins) on customers; only admins
 * on staff accounts (agents, moderators, marketers, admins) and on anyone's role; nobody on
 * themselves (so the last admin cannot lock everyone out).
 */
export function mayActOnPerson({
  actor,
  target,
  action,
}: {
  actor: { id: number; role: Role }
  target: { id: number; role: Role }
  action: PersonAction
}): PersonActionVerdict {
  if (!hasRole(actor.role, backOfficeRoles)) return { ok: false, reason: 'forbidden' }
  if (action === 'role' && actor.role !== 'admin') return { ok: false, reason: 'forbidden' }
  if (actor.id === target.id) return { ok: false, reason: 'self' }
  if (isStaff(target.role) && actor.role !== 'admin') return { ok: false, reason: 'forbidden' }
  return { ok: true }
}

/** May this person post, vote and comment now? Not while suspended, never when banned. */
export function canParticipate(
  person: { suspendedUntil: Date | null; bannedAt: Date | null },
  now = new Date(),
) {
  if (person.bannedAt) return false
  return !person.suspendedUntil || person.suspendedUntil.getTime() <= now.getTime()
}

/**
 * Does this person hold an account, to be told by email what staff did to it (a suspension, a ban)?
 * Not a captured customer (decision 016: an address staff typed proves nothing, and there is no
 * account to sign in to), nor a deleted account (decision 018: its address is gone).
 */
export function holdsAnAccount(person: { unclaimedSince: Date | null; deletedAt: Date | null }) {
  return person.unclaimedSince === null && person.deletedAt === null
}

/** What a suspended person is told once their password proved who they are: until when, and why. */
export type Suspension = { until: string | null; reason: string | null }

/** The suspension of a person who may not take part (`until` null: banned, without end). */
export function suspensionOf(person: {
  suspendedUntil: Date | null
  bannedAt: Date | null
  suspensionReason: string | null
}): Suspension {
  return {
    until: person.bannedAt ? null : (person.suspendedUntil?.toISOString() ?? null),
    reason: person.suspensionReason,
  }
}

/** Why the account pages can refuse a change; the edge (app/utils/http/refusals.ts) says how each is answered. */
export type AccountRefusal =
  | 'wrongPassword'
  | 'tooManyAttempts'
  | 'notFound'
  | 'handleTaken'
  | 'handleReserved'
  | 'emailTaken'
  | 'sameEmail'
  | 'lastAdmin'

/**
 * Whether the account may still sign in with its password: not staff on a site that requires single
 * sign-on for staff, and not linked with a provider that turned password sign-in off.
 */
export function passwordSignInAllowed({
  role,
  linkedProviders,
  providers,
  ssoRequiredForStaff,
}: {
  role: Role
  linkedProviders: readonly string[]
  providers: readonly { id: string; passwordSignIn: boolean }[]
  ssoRequiredForStaff: boolean
}) {
  if (ssoRequiredForStaff && isStaff(role) && providers.length > 0) return false
  return !providers.some(
    (provider) => !provider.passwordSignIn && linkedProviders.includes(provider.id),
  )
}
