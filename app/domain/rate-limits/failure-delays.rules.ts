// Growing delays after failed attempts (sign-in): how many failures are free, how the wait grows.
// Pure; the counting is failure-delays.server.ts.

export type FailureDelayRule = {
  /** What is counted, e.g. `sign-in-failures:address`. */
  name: string
  /** Failures allowed before the first wait. */
  freeFailures: number
  /** The wait after the last free failure; each further failure doubles it, up to maxDelaySeconds. */
  firstDelaySeconds: number
  maxDelaySeconds: number
  /** How long failures are remembered: after the last one (`sliding`) or after the first one (`fixed`). */
  memorySeconds: number
  memory: 'sliding' | 'fixed'
}

/** Seconds the next attempt must wait after `failures` remembered failures. */
export function delayAfterFailures(rule: FailureDelayRule, failures: number) {
  if (failures < rule.freeFailures) return 0
  return Math.min(
    rule.maxDelaySeconds,
    rule.firstDelaySeconds * 2 ** (failures - rule.freeFailures),
  )
}

/** delayAfterFailures for 1, 2, … failures, up to the first that reaches the maximum (it stays there). */
export function delaySchedule(rule: FailureDelayRule) {
  const schedule: number[] = []
  for (let failures = 1; ; failures++) {
    const delay = delayAfterFailures(rule, failures)
    schedule.push(delay)
    if (delay >= rule.maxDelaySeconds) return schedule
  }
}

const minutes = 60
const hours = 60 * minutes

/**
 * Sign-in failures (README, "Sign-in limits"). Successful sign-ins never count. A device that
 * signed in to an account before (the signed known-device cookie) is counted on its own, so
 * failures from elsewhere never slow it down. Other attempts count per account and address, per
 * account (only while that address is within its free failures, so one address cannot slow the
 * account down for others) and per address (many accounts from one address).
 */
export const signInDelayRules = {
  accountFromDevice: {
    name: 'sign-in-failures:account+device',
    freeFailures: 5,
    firstDelaySeconds: 15,
    maxDelaySeconds: 15 * minutes,
    memorySeconds: 24 * hours,
    memory: 'sliding',
  },
  accountFromAddress: {
    name: 'sign-in-failures:account+address',
    freeFailures: 5,
    firstDelaySeconds: 15,
    maxDelaySeconds: 15 * minutes,
    memorySeconds: 24 * hours,
    memory: 'sliding',
  },
  account: {
    name: 'sign-in-failures:account',
    freeFailures: 10,
    firstDelaySeconds: 15,
    maxDelaySeconds: 15 * minutes,
    memorySeconds: 24 * hours,
    memory: 'sliding',
  },
  // Shared by everyone behind one office or store network: a fixed window, so it always clears.
  address: {
    name: 'sign-in-failures:address',
    freeFailures: 30,
    firstDelaySeconds: 15,
    maxDelaySeconds: 10 * minutes,
    memorySeconds: 15 * minutes,
    memory: 'fixed',
  },
} as const satisfies Record<string, FailureDelayRule>
