// Owns the database-outage check: light traffic on both instances (pages in two languages, a vote,
// the health check) while the private PostgreSQL is stopped for a while and started again. Judges
// every answer (a friendly 503 page while the database is away, never a 500, no internals), watches
// the processes, and measures how soon each instance succeeds again without being restarted.
import { setTimeout as delay } from 'node:timers/promises'

import { type Locale, translator } from '#app/utils/i18n/i18n'

import type { AppInstance } from './app-instance'
import { attempt, type Target } from './http-client'
import type { CheckResult } from './report'

type Phase = 'before' | 'stopping' | 'down' | 'starting' | 'after'
type ProbeKind = 'page' | 'resource' | 'health'
type Probe = {
  name: string
  kind: ProbeKind
  path: string
  method?: string
  form?: Record<string, string>
  headers?: Record<string, string>
  cookie?: string
  locale?: Locale
  /** Anonymous public pages may come from the page micro-cache for a moment after the stop. */
  mayBeCached?: boolean
  isSuccess: (status: number, body: string) => boolean
}
type Sample = {
  sentAt: number
  at: number
  phase: Phase
  probe: string
  kind: ProbeKind
  mayBeCached: boolean
  instance: string
  status: number | string
  succeeded: boolean
  problems: string[]
}

const PROBE_INTERVAL_MS = 100
const RECOVERY_STREAK = 10
// Stack frames, driver and query text: none of it may reach a visitor.
const INTERNALS =
  /Failed query|ECONNREFUSED|ECONNRESET|CONNECTION_(?:CLOSED|ENDED|DESTROYED)|PostgresError|DrizzleQueryError|57P0\d|accepting connections|node_modules|\bat \S+ \(?\S+\.(?:js|ts|tsx):\d+:\d+/

/** What is wrong with a 503 answer (an empty list when it is the friendly page it should be). */
function unavailableAnswerProblems({
  kind,
  headers,
  body,
  locale,
}: {
  kind: ProbeKind
  headers: Headers
  body: string
  locale?: Locale
}) {
  const problems: string[] = []
  if (!/^\d+$/.test(headers.get('retry-after') ?? '')) problems.push('no Retry-After')
  if (INTERNALS.test(body)) problems.push(`internals in the body: ${INTERNALS.exec(body)?.[0]}`)
  if (kind !== 'page') return problems
  if (!(headers.get('content-type') ?? '').startsWith('text/html'))
    problems.push(`content-type ${headers.get('content-type')}`)
  if (!/<link rel="stylesheet" href="\/build\/[^"]+\.css"/.test(body))
    problems.push('no site stylesheet')
  if (!body.includes('class="site-header"') || !body.includes('class="site-footer'))
    problems.push('no site header and footer')
  const language = locale ?? 'en'
  if (!body.includes(`<html lang="${language}"`)) problems.push(`not marked as ${language}`)
  const title = translator(language)('error.unavailableTitle')
  if (!body.includes(title)) problems.push(`no "${title}"`)
  return problems
}

/** The pages every instance must answer with the friendly 503 page while the database is away. */
export const FRIENDLY_PAGE_PROBES = ['home page (en, signed in)', 'ideas page (nl, signed in)']

export class OutageProbes {
  readonly samples: Sample[] = []

  /** Whether `instance` answered `probe` with a 503 while the database was away. */
  answeredWhileDown(instance: string, probe: string) {
    return this.samples.some(
      (sample) =>
        sample.phase === 'down' &&
        sample.instance === instance &&
        sample.probe === probe &&
        sample.status === 503,
    )
  }

  private phase: Phase = 'before'
  private running = false
  private loops: Promise<void>[] = []

  constructor(
    private readonly instances: AppInstance[],
    private readonly probes: Probe[],
  ) {}

  setPhase(phase: Phase) {
    this.phase = phase
  }

  private async probeOnce(probe: Probe, target: Target): Promise<void> {
    // A request belongs to the phase it was sent in (one sent just before the stop may still succeed).
    const phase = this.phase
    const sentAt = Date.now()
    const answer = await attempt({
      target,
      path: probe.path,
      method: probe.method,
      form: probe.form,
      cookie: probe.cookie,
      headers: { ...probe.headers, ...(probe.locale ? { 'Accept-Language': probe.locale } : {}) },
      timeoutMs: 20_000,
    })
    const base = {
      sentAt,
      at: Date.now(),
      phase,
      probe: probe.name,
      kind: probe.kind,
      mayBeCached: Boolean(probe.mayBeCached),
      instance: target.name,
    }
    if ('failure' in answer) {
      this.samples.push({
        ...base,
        status: answer.failure,
        succeeded: false,
        problems: [`no answer (${answer.failure})`],
      })
      return
    }
    const problems: string[] = []
    // The health check answers 503 in JSON for load balancers: only its status matters.
    if (answer.status === 503 && probe.kind !== 'health')
      problems.push(
        ...unavailableAnswerProblems({
          kind: probe.kind,
          headers: answer.headers,
          body: answer.body,
          locale: probe.locale,
        }),
      )
    else if (answer.status !== 503 && !probe.isSuccess(answer.status, answer.body))
      problems.push(`status ${answer.status}`)
    this.samples.push({
      ...base,
      status: answer.status,
      succeeded: probe.isSuccess(answer.status, answer.body),
      problems,
    })
  }

  /** Starts one sequential loop per (probe, instance), paced: light traffic, not a benchmark. */
  start() {
    this.running = true
    for (const instance of this.instances) {
      for (const probe of this.probes) {
        const target = { name: instance.name, baseUrl: instance.baseUrl }
        this.loops.push(
          (async () => {
            while (this.running) {
              await this.probeOnce(probe, target)
              await delay(PROBE_INTERVAL_MS)
            }
          })(),
        )
      }
    }
  }

  /**
   * Fires `perInstance` requests of the named probe at every instance at once, without waiting:
   * sent just before the database stops, they leave transactions open when it cuts the connections.
   */
  burst(probeName: string, perInstance: number) {
    const probe = this.probes.find((candidate) => candidate.name === probeName)
    if (!probe) throw new Error(`No probe named ${probeName}`)
    for (const instance of this.instances) {
      for (let index = 0; index < perInstance; index++)
        this.loops.push(this.probeOnce(probe, { name: instance.name, baseUrl: instance.baseUrl }))
    }
  }

  async stop() {
    this.running = false
    await Promise.all(this.loops)
  }

  private successes(instance: string, since: number) {
    return this.samples.filter(
      (sample) => sample.instance === instance && sample.at >= since && sample.kind === 'page',
    )
  }

  /** Polls until every instance answered `count` pages successfully since `since`. */
  async untilServing({
    since,
    count,
    timeoutMs,
  }: {
    since: number
    count: number
    timeoutMs: number
  }) {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const ready = this.instances.every((instance) => {
        const pages = this.successes(instance.name, since)
        return pages.length >= count && pages.slice(-count).every((sample) => sample.status === 200)
      })
      if (ready) return true
      await delay(50)
    }
    return false
  }

  /** For each instance: ms from `upAt` to the first success after which every page answer succeeded. */
  recoveryTimes(upAt: number) {
    return Object.fromEntries(
      this.instances.map((instance) => {
        const pages = this.successes(instance.name, upAt)
        const lastFailure = pages.map((sample) => sample.status === 200).lastIndexOf(false)
        const recovered = pages[lastFailure + 1]
        return [
          instance.name,
          recovered && pages.length - lastFailure - 1 >= RECOVERY_STREAK
            ? recovered.at - upAt
            : null,
        ]
      }),
    ) as Record<string, number | null>
  }

  statusCounts(phases: Phase[]) {
    const counts: Record<string, number> = {}
    for (const sample of this.samples.filter((candidate) => phases.includes(candidate.phase)))
      counts[String(sample.status)] = (counts[String(sample.status)] ?? 0) + 1
    return counts
  }
}

/**
 * The probes: signed-in pages in English and Dutch, an anonymous page, a vote as the button sends
 * it (JSON, answered by the HTTP layer) and as a form without JavaScript (a Remix resource route),
 * and the health check.
 */
export function outageProbes({
  ideaId,
  voterCookie,
  dutchCookie,
}: {
  ideaId: number
  voterCookie: string
  /** A person whose account reads Dutch (their pages are in their account's language). */
  dutchCookie: string
}): Probe[] {
  // A vote that toggles up and back on every send, as the button (JSON) or as a form (a redirect).
  const voteProbe = (
    name: string,
    accept: string,
    extra: Record<string, string>,
    isSuccess: Probe['isSuccess'],
  ): Probe => {
    let direction: 'up' | 'none' = 'none'
    return {
      name,
      kind: 'resource',
      path: `/ideas/${ideaId}/vote`,
      method: 'POST',
      cookie: voterCookie,
      headers: { Accept: accept },
      get form() {
        direction = direction === 'up' ? 'none' : 'up'
        return { direction, ...extra }
      },
      isSuccess,
    }
  }
  const ok = (status: number) => status === 200
  return [
    {
      name: 'home page (en, signed in)',
      kind: 'page',
      path: '/',
      locale: 'en',
      cookie: voterCookie,
      isSuccess: ok,
    },
    {
      name: 'ideas page (nl, signed in)',
      kind: 'page',
      path: '/ideas',
      locale: 'nl',
      cookie: dutchCookie,
      isSuccess: ok,
    },
    {
      name: 'ideas page (en, anonymous)',
      kind: 'page',
      path: '/ideas',
      locale: 'en',
      mayBeCached: true,
      isSuccess: ok,
    },
    voteProbe(
      'vote (button)',
      'application/json',
      {},
      (status, body) => status === 200 && body.includes('"ok":true'),
    ),
    voteProbe('vote (form)', 'text/html', { redirectTo: '/ideas' }, (status) => status === 303),
    { name: 'healthz', kind: 'health', path: '/healthz', isSuccess: ok },
  ]
}

// A request sent while the database is away may wait in the driver's queue for a connection; if
// the database is back before its turn comes, it simply succeeds ("rides through"). Either answer
// is fine; waiting without end is not.
const MAX_WAIT_WHILE_DOWN_MS = 10_000

/** When the stop completed, when the start began (the server may accept connections before pg_ctl returns), and when it returned. */
type Window = { downAt: number; restartAt: number; upAt: number }

const rodeThrough = (sample: Sample, { restartAt }: Window) =>
  sample.succeeded && sample.at >= restartAt
const waitedMs = (sample: Sample) => sample.at - sample.sentAt
const describe = (sample: Sample, { downAt }: Window) =>
  `${sample.instance} ${sample.probe}: ${sample.status}, sent ${sample.sentAt - downAt} ms into the outage, answered after ${waitedMs(sample)} ms`

function answersWhileDownCheck(
  label: string,
  probes: OutageProbes,
  window: Window,
  instances: AppInstance[],
): CheckResult {
  const down = probes.samples.filter(
    (sample) => sample.phase === 'down' && sample.kind !== 'health',
  )
  const failures = [
    // Nothing can succeed without the database, unless it came back meanwhile or the page was cached.
    ...down
      .filter(
        (sample) => sample.status !== 503 && !rodeThrough(sample, window) && !sample.mayBeCached,
      )
      .map((sample) => `${describe(sample, window)}`),
    ...down
      .filter((sample) => waitedMs(sample) > MAX_WAIT_WHILE_DOWN_MS)
      .map((sample) => `waited too long: ${describe(sample, window)}`),
    // In every phase: a 503 that is not the friendly answer, or any other failure (a 500, no answer).
    ...probes.samples
      .filter((sample) => sample.kind !== 'health' && sample.problems.length)
      .map(
        (sample) =>
          `${sample.instance} ${sample.probe} (${sample.phase}): ${sample.problems.join(', ')}`,
      ),
  ]
  // The friendly page must really have been served: by every instance, in both languages.
  for (const instance of instances) {
    for (const probe of FRIENDLY_PAGE_PROBES) {
      if (!probes.answeredWhileDown(instance.name, probe))
        failures.push(`${instance.name} never answered the 503 page for ${probe}`)
    }
  }
  const unavailable = down.filter((sample) => sample.status === 503)
  const waits = unavailable.map(waitedMs).sort((a, b) => a - b)
  return {
    name: `${label}: friendly 503, never a 500`,
    passed: failures.length === 0,
    summary: `${down.length} answers while down: ${unavailable.length} × 503 (median wait ${waits[Math.floor(waits.length / 2)] ?? '–'} ms, max ${waits.at(-1) ?? '–'} ms), ${down.filter((sample) => rodeThrough(sample, window)).length} rode through`,
    failures: [...new Set(failures)].slice(0, 10),
    details: {
      statusesWhileDown: probes.statusCounts(['down']),
      statusesAll: probes.statusCounts(['before', 'stopping', 'down', 'starting', 'after']),
    },
  }
}

function healthCheck(label: string, probes: OutageProbes, window: Window): CheckResult {
  const down = probes.samples.filter(
    (sample) => sample.phase === 'down' && sample.kind === 'health',
  )
  const failures = down
    .filter((sample) => sample.status !== 503 && !rodeThrough(sample, window))
    .map((sample) => describe(sample, window))
  if (!down.some((sample) => sample.status === 503))
    failures.push('/healthz never answered 503 while the database was down')
  return {
    name: `${label}: /healthz reports the database down`,
    passed: failures.length === 0,
    summary: `${down.filter((sample) => sample.status === 503).length} of ${down.length} health checks while down answered 503`,
    failures: failures.slice(0, 10),
  }
}

function survivalCheck(
  label: string,
  instances: AppInstance[],
  pidsBefore: Record<string, number | null>,
): CheckResult {
  const failures = instances.flatMap((instance) => [
    ...(instance.isAlive() ? [] : [`${instance.name} is not running`]),
    ...(instance.pid !== pidsBefore[instance.name]
      ? [`${instance.name} was restarted (pid ${pidsBefore[instance.name]} → ${instance.pid})`]
      : []),
    ...instance.unexpectedExits,
    ...instance.crashLines,
  ])
  return {
    name: `${label}: both processes survive`,
    passed: failures.length === 0,
    summary: `pids ${instances.map((instance) => instance.pid).join(', ')} alive, no crash or unhandled rejection logged`,
    failures: failures.slice(0, 10),
  }
}

function recoveryCheck(
  label: string,
  probes: OutageProbes,
  { upAt }: Window,
  recoveryLimitMs: number,
): CheckResult {
  const recovery = probes.recoveryTimes(upAt)
  const failures = Object.entries(recovery)
    .filter(([, ms]) => ms === null || ms > recoveryLimitMs)
    .map(
      ([name, ms]) =>
        `${name} ${ms === null ? 'did not recover' : `needed ${ms} ms`} (limit ${recoveryLimitMs} ms)`,
    )
  const late503 = probes.samples.filter(
    (sample) => sample.phase === 'after' && sample.status === 503,
  ).length
  return {
    name: `${label}: recovers by itself`,
    passed: failures.length === 0,
    summary: `succeeding again after ${Object.entries(recovery)
      .map(([name, ms]) => `${name} ${ms ?? '∞'} ms`)
      .join(', ')}; ${late503} late 503s`,
    failures,
    details: { recoveryMs: recovery, late503 },
  }
}

/** Judges the samples of one outage (named by `label`: how the database was taken away): the four named checks it proves. */
export function judgeOutage({
  label,
  probes,
  instances,
  pidsBefore,
  window,
  recoveryLimitMs,
}: {
  label: string
  probes: OutageProbes
  instances: AppInstance[]
  pidsBefore: Record<string, number | null>
  window: Window
  recoveryLimitMs: number
}): CheckResult[] {
  return [
    answersWhileDownCheck(label, probes, window, instances),
    healthCheck(label, probes, window),
    survivalCheck(label, instances, pidsBefore),
    recoveryCheck(label, probes, window, recoveryLimitMs),
  ]
}
