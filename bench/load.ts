// Drives HTTP load with autocannon and summarises it: requests/s, latency percentiles from every
// response (autocannon's own summary has no p95), and errors — transport errors, 5xx, and
// answers a scenario's own check refuses (e.g. a vote that came back `ok: false`).
import autocannon from 'autocannon'

export type RequestPlan = {
  method?: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

export type LoadOptions = {
  url: string
  connections: number
  durationSeconds: number
  /** Called for every request: what to send next (request number `n`). */
  next: (n: number) => RequestPlan
  /** Whether a response counts as a success; by default any status below 400. */
  accept?: (status: number, body: string) => boolean
}

export type LoadResult = {
  requests: number
  requestsPerSecond: number
  latencyMs: { p50: number; p95: number; p99: number; max: number }
  errors: number
  errorSamples: string[]
  statuses: Record<string, number>
  /**
   * Each second of the run: responses and their p99 (ms). What a whole run's p99 hides: whether the
   * slow requests were spread out or came together (the first visits of 200 people at once).
   */
  bySecond: { responses: number; p99: number }[]
}

function percentile(sorted: Float64Array, fraction: number) {
  if (sorted.length === 0) return 0
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)
  return Math.round(sorted[Math.max(0, index)]! * 10) / 10
}

export async function runLoad({
  url,
  connections,
  durationSeconds,
  next,
  accept = (status) => status < 400,
}: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  const errorSamples: string[] = []
  let refused = 0
  let counter = 0
  const noteError = (text: string) => {
    if (errorSamples.length < 5) errorSamples.push(text.slice(0, 300))
  }

  let finish: (result: autocannon.Result) => void = () => {}
  let fail: (error: unknown) => void = () => {}
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve
    fail = reject
  })
  const instance = autocannon(
    {
      url,
      connections,
      duration: durationSeconds,
      // Keep-alive connections, like a browser or a load balancer's upstream pool.
      pipelining: 1,
      timeout: 10,
      requests: [
        {
          setupRequest: (request) => {
            const plan = next(counter++)
            return {
              ...request,
              method: plan.method ?? 'GET',
              path: plan.path,
              headers: {
                ...plan.headers,
                ...(plan.body !== undefined
                  ? { 'content-type': 'application/x-www-form-urlencoded' }
                  : {}),
              },
              body: plan.body,
            }
          },
          onResponse: (status, body) => {
            statuses[status] = (statuses[status] ?? 0) + 1
            if (!accept(status, body)) {
              refused += 1
              noteError(`${status} ${body}`)
            }
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  )
  const startedAt = performance.now()
  const secondsOf: number[][] = []
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime)
    ;(secondsOf[Math.floor((performance.now() - startedAt) / 1000)] ??= []).push(responseTime)
  })
  instance.on('reqError', (error) => noteError(String(error)))
  const result = await finished
  const sorted = Float64Array.from(latencies).sort()
  return {
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / durationSeconds),
    latencyMs: {
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      max: percentile(sorted, 1),
    },
    errors: refused + result.errors + result.timeouts,
    errorSamples,
    statuses,
    bySecond: Array.from(secondsOf, (second = []) => ({
      responses: second.length,
      p99: percentile(Float64Array.from(second).sort(), 0.99),
    })),
  }
}
