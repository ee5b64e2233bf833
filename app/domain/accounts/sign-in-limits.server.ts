// Which failure counters a sign-in attempt is counted against, and what becomes of them after it
// (rules: signInDelayRules in rate-limits/failure-delays.rules.ts; README "Sign-in limits").
import { signInDelayRules } from '#app/domain/rate-limits/failure-delays.rules'
import {
  claimAttempt,
  clearFailures,
  type FailureKey,
  unclaimAttempt,
} from '#app/domain/rate-limits/failure-delays.server'

import { isKnownDeviceFor, type KnownDevice } from './known-devices.server'

/** A counted key, and whether the right password forgets its failures or only gives its own back. */
type Counted = { key: FailureKey; onSuccess: 'clear' | 'unclaim' }

export type SignInAttempt = { counted: Counted[] }

/**
 * Counts the attempt as a failure in advance on each of its keys, in order; the first key that is
 * still waiting refuses it (and the keys already counted get their failure back).
 */
export async function admitSignInAttempt({
  email,
  clientIp,
  device,
}: {
  email: string
  clientIp: string
  device: KnownDevice | null
}): Promise<
  | { ok: true; attempt: SignInAttempt }
  | { ok: false; reason: 'tooManyAttempts'; retryAfterSeconds: number }
> {
  const counted: Counted[] = []
  const count = async (key: FailureKey, onSuccess: Counted['onSuccess']) => {
    const claim = await claimAttempt(key)
    if (claim.ok) counted.push({ key, onSuccess })
    return claim
  }
  let refusal: { ok: false; reason: 'tooManyAttempts'; retryAfterSeconds: number } | null = null
  if (device && isKnownDeviceFor(device, email)) {
    const claim = await count(
      { rule: signInDelayRules.accountFromDevice, subject: `${email}|${device.id}` },
      'clear',
    )
    if (!claim.ok) refusal = claim
  } else {
    const pair = await count(
      { rule: signInDelayRules.accountFromAddress, subject: `${email}|${clientIp}` },
      'clear',
    )
    // Past its free failures an address is slowed down on its own: it no longer counts for the account.
    const account =
      pair.ok && pair.failures <= signInDelayRules.accountFromAddress.freeFailures
        ? await count({ rule: signInDelayRules.account, subject: email }, 'unclaim')
        : pair
    const address = account.ok
      ? await count({ rule: signInDelayRules.address, subject: clientIp }, 'unclaim')
      : account
    if (!address.ok) refusal = address
  }
  if (!refusal) return { ok: true, attempt: { counted } }
  await Promise.all(counted.map(({ key }) => unclaimAttempt(key)))
  return refusal
}

/** After the password was right: nothing of this attempt stays counted as a failure. */
export async function settleSuccessfulSignIn({ attempt }: { attempt: SignInAttempt }) {
  await Promise.all(
    attempt.counted.map(({ key, onSuccess }) =>
      onSuccess === 'clear' ? clearFailures(key) : unclaimAttempt(key),
    ),
  )
}
