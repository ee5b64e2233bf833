// Known devices: a signed cookie, set at each successful sign-in, naming the accounts this browser
// signed in to. Sign-in failures from elsewhere never slow a known device down (see signIn).
import { createHash, randomBytes } from 'node:crypto'

import { sign, verify } from '#app/domain/mail/secrets.server'
import { env } from '#app/utils/env.server'
import { readCookie } from '#app/utils/i18n/i18n.server'

export const KNOWN_DEVICE_COOKIE = 'ideabox_device'
const PURPOSE = 'known-device'
const MAX_ACCOUNTS = 5
const LIFETIME_SECONDS = 180 * 24 * 60 * 60

export type KnownDevice = { id: string; accounts: string[] }

/** Which account the cookie names: a digest of the sign-in address, so the cookie does not carry it. */
function accountTag(email: string) {
  return createHash('sha256')
    .update(`${PURPOSE}:${email.trim().toLowerCase()}`)
    .digest('base64url')
    .slice(0, 22)
}

/** The device this request comes from, if its cookie was signed by us; otherwise null. */
export async function readKnownDevice(request: Request): Promise<KnownDevice | null> {
  const token = readCookie(request, KNOWN_DEVICE_COOKIE)
  if (!token || token.length > 1000) return null
  const payload = await verify(token)
  const [purpose, id, accounts] = payload?.split('|') ?? []
  if (purpose !== PURPOSE || !id || accounts === undefined) return null
  return { id, accounts: accounts.split(',').filter(Boolean) }
}

export function isKnownDeviceFor(device: KnownDevice | null, email: string) {
  return Boolean(device?.accounts.includes(accountTag(email)))
}

/** The Set-Cookie header after a successful sign-in: this account joins the device's (newest first). */
export async function knownDeviceCookie({
  device,
  email,
}: {
  device: KnownDevice | null
  email: string
}) {
  const tag = accountTag(email)
  const id = device?.id ?? randomBytes(16).toString('base64url')
  const accounts = [tag, ...(device?.accounts ?? []).filter((other) => other !== tag)].slice(
    0,
    MAX_ACCOUNTS,
  )
  const value = await sign([PURPOSE, id, accounts.join(',')].join('|'))
  const config = env()
  const secure = config.SESSION_COOKIE_SECURE ?? config.NODE_ENV === 'production'
  return `${KNOWN_DEVICE_COOKIE}=${value}; Path=/; Max-Age=${LIFETIME_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
}
