// Pure rules about people and roles: who counts as staff, what a role may do, handles.
export const roles = ['customer', 'agent', 'moderator', 'marketer', 'admin'] as const
export type Role = (typeof roles)[number]

export const locales = ['en', 'nl'] as const
export type Locale = (typeof locales)[number]

export const staffRoles = ['agent', 'moderator', 'marketer', 'admin'] as const satisfies readonly Role[]

/** Who may capture ideas for customers (store and call-centre agents, and the product team). */
export const intakeRoles = ['agent', 'moderator', 'admin'] as const satisfies readonly Role[]

/** Admins may do everything staff may; other roles only what they are. */
export function hasRole(userRole: Role, required: Role | readonly Role[]) {
  const wanted = Array.isArray(required) ? required : [required]
  if (userRole === 'admin') return true
  return wanted.includes(userRole)
}

export function isStaff(role: Role) {
  return (staffRoles as readonly Role[]).includes(role)
}

/** A readable URL handle from a display name: "Anna de Vries" → "anna-de-vries". */
export function handleFromName(displayName: string) {
  const base = displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30)
  return base.length >= 2 ? base : 'member'
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
  if (url.origin !== SITE_ORIGIN || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback
  return path
}

/** The "check your email" page after sign-up: it names the address typed and carries redirectTo on to its sign-in link. */
export function signUpSentPath({ email, redirectTo }: { email: string; redirectTo?: string | null }) {
  const next = safeRedirectPath(redirectTo, '')
  return `/signup/sent?${new URLSearchParams({ email, ...(next ? { redirectTo: next } : {}) })}`
}

/** The roles that work in the back office (triage, moderation). Marketers publish updates only. */
export const backOfficeRoles = ['moderator', 'admin'] as const satisfies readonly Role[]

/** May this person post, vote and comment now? Not while suspended, never when banned. */
export function canParticipate(person: { suspendedUntil: Date | null; bannedAt: Date | null }, now = new Date()) {
  if (person.bannedAt) return false
  return !person.suspendedUntil || person.suspendedUntil.getTime() <= now.getTime()
}
