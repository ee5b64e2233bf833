// The background worker every instance runs: sends what the outbox holds and publishes updates
// whose time has come. Safe with many instances: the work is claimed row by row in the database.
import { defaultTransport, type Transport } from './transport.server'
import { processOutbox } from './outbox.server'

type Job = () => Promise<unknown>

const INTERVAL_MS = 2_000

/** Starts the loop; returns a function that stops it and waits for the current round. */
export function startWorker({ transport = defaultTransport(), extraJobs = [] }: { transport?: Transport; extraJobs?: Job[] } = {}) {
  let stopped = false
  let current: Promise<unknown> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  const round = async () => {
    try {
      for (const job of extraJobs) await job()
      // Keep going while there is a backlog, a batch at a time.
      for (let batch = 0; batch < 20 && !stopped; batch++) {
        const result = await processOutbox({ transport })
        if (result.claimed === 0) break
      }
    } catch (error) {
      console.error('Mail worker round failed:', error instanceof Error ? error.message : error)
    }
  }
  const schedule = () => {
    if (stopped) return
    // A little jitter so instances started together do not poll in lockstep.
    timer = setTimeout(() => {
      current = round().finally(schedule)
    }, INTERVAL_MS + Math.floor(Math.random() * 500))
  }
  schedule()
  return async () => {
    stopped = true
    if (timer) clearTimeout(timer)
    await current
  }
}
