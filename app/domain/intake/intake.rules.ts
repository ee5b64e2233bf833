// Pure rules for captured people: who may take captured history over, and the signed claim link's
// payload (which captured person, for which account, until when).
import { isStaff, type Role } from '#app/domain/accounts/accounts.rules'

/** How long a "captured this for you — is it yours?" link works. */
export const CAPTURE_CLAIM_DAYS = 14

/**
 * Staff never take captured history over, by verification or by link: an address is no proof of
 * identity, and a staff address on a captured idea (a forged From:, a typo at the till) must not turn
 * into something the team said or voted.
 */
export function mayClaimCaptured(role: Role) {
  return !isStaff(role)
}

/** What the claim link signs: the captured person, the account it was sent to, and the expiry (unix seconds). */
export function captureClaimPayload({
  capturedId,
  accountId,
  expiresAt,
}: {
  capturedId: number
  accountId: number
  expiresAt: Date
}) {
  return `capture:${capturedId}:${accountId}:${Math.floor(expiresAt.getTime() / 1000)}`
}

/** The claim a signed payload names, or null when it is not a claim payload or has expired. */
export function readCaptureClaimPayload(payload: string | null, now = new Date()) {
  const match = payload ? /^capture:([1-9]\d{0,9}):([1-9]\d{0,9}):(\d{1,12})$/.exec(payload) : null
  if (!match) return null
  const expiresAt = Number(match[3]) * 1000
  if (expiresAt <= now.getTime()) return null
  return {
    capturedId: Number(match[1]),
    accountId: Number(match[2]),
    expiresAt: new Date(expiresAt),
  }
}

export const claimExpiry = (now = new Date()) =>
  new Date(now.getTime() + CAPTURE_CLAIM_DAYS * 24 * 60 * 60 * 1000)
