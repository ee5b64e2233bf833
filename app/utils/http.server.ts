// Cross-cutting HTTP rules for every response: security headers and cross-site request refusal.
import { randomBytes } from 'node:crypto'

const NONCE_BYTES = 16
const NONCES_PER_DRAW = 256
let randomPool = Buffer.alloc(0)
let poolOffset = 0

/**
 * A fresh CSP nonce for each response: 16 random bytes, base64. The bytes are drawn from the
 * system's CSPRNG 256 nonces at a time (one call per response was 3 % of a busy server's CPU) and
 * each is used once.
 */
export function createNonce() {
  if (poolOffset + NONCE_BYTES > randomPool.length) {
    randomPool = randomBytes(NONCE_BYTES * NONCES_PER_DRAW)
    poolOffset = 0
  }
  const nonce = randomPool.toString('base64', poolOffset, poolOffset + NONCE_BYTES)
  poolOffset += NONCE_BYTES
  return nonce
}

export function securityHeaders({
  nonce,
  development,
  secure,
  formTargets = [],
}: {
  nonce: string
  development: boolean
  /** Other origins a form's redirect may lead to: the single sign-on providers (sign-in and sign-out). */
  formTargets?: readonly string[]
  /** Served over HTTPS (directly or behind a trusted proxy): only then pin HTTPS for the future. */
  secure: boolean
}) {
  const connectSources = ["'self'", ...(development ? ['ws:', 'http://localhost:*'] : [])]
  const contentSecurityPolicy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSources.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...formTargets].join(' '),
    "frame-ancestors 'none'",
    ...(secure ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    ...(secure ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** `scheme://host[:port]` as the URL parser writes an origin, or null for anything unreadable. */
function originOf(value: string) {
  try {
    const { origin } = new URL(value)
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}

/**
 * CSRF defence for cookie-authenticated requests: a state-changing request must come from a page
 * of this site, as the browser's Origin header (or, failing that, Referer) proves. The whole origin
 * counts, scheme included: a page on `http://site` posting to `https://site` is another origin (an
 * attacker on the network can write the plain-http one). This site is APP_URL's origin, or the
 * scheme and Host the request arrived with (the scheme from X-Forwarded-Proto only with
 * TRUST_PROXY; the caller passes Express's `req.protocol`). SameSite=Lax cookies are the second
 * layer. Token-authenticated API paths are exempt (no cookies are used).
 */
export function isCrossSiteMutation({
  method,
  path,
  ...source
}: Parameters<typeof comesFromThisSite>[0] & { method: string; path: string }) {
  if (safeMethods.has(method.toUpperCase())) return false
  if (path.startsWith('/api/')) return false
  return !comesFromThisSite(source)
}

/**
 * Whether a request came from a page of this site, as its Origin header (or, failing that, its
 * Referer) says: isCrossSiteMutation's test, for a GET that must not act for another site (opening
 * a notification marks it read only from here).
 */
export function comesFromThisSite({
  origin,
  referer,
  protocol,
  host,
  appUrl,
}: {
  origin: string | undefined
  referer: string | undefined
  /** The scheme the request reached this site with: `http` or `https`. */
  protocol: string
  host: string | undefined
  appUrl: string | undefined
}) {
  const allowed = new Set<string>()
  const appOrigin = appUrl ? originOf(appUrl) : null
  if (appOrigin) allowed.add(appOrigin)
  const requestOrigin = host ? originOf(`${protocol}://${host}`) : null
  if (requestOrigin) allowed.add(requestOrigin)
  const source = origin && origin !== 'null' ? origin : referer
  if (!source) return false
  const sourceOrigin = originOf(source)
  return Boolean(sourceOrigin && allowed.has(sourceOrigin))
}
