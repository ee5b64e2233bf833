// Owns how the load generator talks to the instances, like a load balancer and a patient browser:
// form posts with the person's session cookie and a same-origin Origin header (the app refuses
// cross-site mutations), round-robin over the instances that answer, failover to the other one when
// a connection is refused or cut, and retries until the request is acknowledged. Every failure is
// tallied by kind for the report.
import { setTimeout as delay } from 'node:timers/promises'

export type Target = { name: string; baseUrl: string }

/** Why an attempt did not count: a network failure by code, or an HTTP status that is not success. */
export type FailureKind =
  'refused' | 'reset' | 'timeout' | 'network-other' | `http-${number}` | 'unexpected-body'

export class ErrorTally {
  readonly byKind = new Map<string, number>()
  add(kind: FailureKind | string) {
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1)
  }
  count(kind: string) {
    return this.byKind.get(kind) ?? 0
  }
  total() {
    return [...this.byKind.values()].reduce((sum, value) => sum + value, 0)
  }
  toJSON() {
    return Object.fromEntries([...this.byKind.entries()].sort())
  }
}

/** The instances, with a short cooldown for one that just failed at the network level. */
export class InstancePool {
  private readonly targets: Target[]
  private readonly downUntil = new Map<string, number>()
  private next = 0
  private static readonly COOLDOWN_MS = 1_000

  constructor(targets: Target[]) {
    this.targets = targets
  }

  /** The next instance in turn that is not cooling down (any instance when all are). */
  pick(): Target {
    const now = Date.now()
    for (let tried = 0; tried < this.targets.length; tried++) {
      const target = this.targets[this.next++ % this.targets.length]!
      if ((this.downUntil.get(target.name) ?? 0) <= now) return target
    }
    return this.targets[this.next++ % this.targets.length]!
  }

  markDown(target: Target) {
    this.downUntil.set(target.name, Date.now() + InstancePool.COOLDOWN_MS)
  }

  /** When every instance is cooling down, waits until the first one may be tried again. */
  async untilOneIsAvailable() {
    const soonest = Math.min(...this.targets.map((target) => this.downUntil.get(target.name) ?? 0))
    const wait = soonest - Date.now()
    if (wait > 0) await delay(wait)
  }
}

function networkFailureKind(error: unknown): FailureKind {
  const name = (error as { name?: string }).name
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout'
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  const code = cause?.code ?? ''
  if (code === 'ECONNREFUSED') return 'refused'
  if (
    code === 'ECONNRESET' ||
    code === 'UND_ERR_SOCKET' ||
    code === 'EPIPE' ||
    /other side closed|socket hang up/i.test(cause?.message ?? '')
  )
    return 'reset'
  return 'network-other'
}

export type Attempted = {
  status: number
  headers: Headers
  body: string
  target: Target
  ms: number
}

/** One HTTP request to one instance; network failures come back as a kind, not an exception. */
export async function attempt({
  target,
  path,
  method = 'GET',
  form,
  cookie,
  headers = {},
  timeoutMs = 30_000,
}: {
  target: Target
  path: string
  method?: string
  form?: Record<string, string>
  cookie?: string
  headers?: Record<string, string>
  timeoutMs?: number
}): Promise<Attempted | { failure: FailureKind; target: Target }> {
  const started = performance.now()
  try {
    const response = await fetch(`${target.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        ...(cookie ? { Cookie: cookie } : {}),
        ...(form
          ? { 'Content-Type': 'application/x-www-form-urlencoded', Origin: target.baseUrl }
          : {}),
        ...headers,
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    })
    const body = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      body,
      target,
      ms: performance.now() - started,
    }
  } catch (error) {
    return { failure: networkFailureKind(error), target }
  }
}

// Failures after which the same request may safely go again: nothing was answered (a killed or
// restarting instance), or the instance said "not now". Every write the load sends is idempotent
// (a vote sets a direction; ideas and comments carry a submission key).
const RETRYABLE_STATUSES = new Set([502, 503, 504])

export type Acknowledgement<Value> =
  | { acknowledged: true; value: Value; attempts: number; target: Target; ms: number }
  | { acknowledged: false; attempts: number; lastFailure: string }

/**
 * Sends until `accept` recognises an acknowledgement, or a non-retryable answer, or the deadline.
 * `accept` returns the acknowledged value, or undefined when the answer is not a success.
 */
export async function sendUntilAcknowledged<Value>({
  pool,
  tally,
  request,
  accept,
  deadlineMs = 60_000,
  onRetry,
}: {
  pool: InstancePool
  tally: ErrorTally
  request: Omit<Parameters<typeof attempt>[0], 'target'>
  accept: (answer: Attempted) => Value | undefined
  deadlineMs?: number
  onRetry?: () => void
}): Promise<Acknowledgement<Value>> {
  const deadline = Date.now() + deadlineMs
  let attempts = 0
  let lastFailure = 'none'
  while (Date.now() < deadline) {
    await pool.untilOneIsAvailable()
    const target = pool.pick()
    attempts++
    const answer = await attempt({ ...request, target })
    if ('failure' in answer) {
      tally.add(answer.failure)
      lastFailure = answer.failure
      pool.markDown(target)
      onRetry?.()
      continue
    }
    const value = accept(answer)
    if (value !== undefined) return { acknowledged: true, value, attempts, target, ms: answer.ms }
    const kind: FailureKind = answer.status === 200 ? 'unexpected-body' : `http-${answer.status}`
    tally.add(kind)
    lastFailure = kind
    if (!RETRYABLE_STATUSES.has(answer.status))
      return { acknowledged: false, attempts, lastFailure }
    pool.markDown(target)
    onRetry?.()
  }
  return { acknowledged: false, attempts, lastFailure: `deadline after ${lastFailure}` }
}
