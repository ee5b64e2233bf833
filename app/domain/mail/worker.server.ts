// The background worker every instance runs: sends what the outbox holds and publishes updates
// whose time has come. Safe with many instances: the work is claimed row by row in the database.
import { databaseErrorCode, isDatabaseUnavailableError } from '#app/utils/database-errors.server'

import { processOutbox, type RenderMessage } from './outbox.server'
import { defaultTransport, type Transport } from './transport.server'

type Job = () => Promise<unknown>

function logRoundFailure(error: unknown) {
  // During a database outage every round fails the same way: one short line, no stack.
  if (isDatabaseUnavailableError(error))
    console.warn(
      `Mail worker: database unavailable (${databaseErrorCode(error)}); trying again next round.`,
    )
  else console.error('Mail worker round failed:', error instanceof Error ? error.message : error)
}

const INTERVAL_MS = 2_000

/** Starts the loop; returns a function that stops it and waits for the current round. */
export function startWorker({
  renderMessage,
  transport = defaultTransport(),
  extraJobs = [],
}: {
  renderMessage: RenderMessage
  transport?: Transport
  extraJobs?: Job[]
}) {
  let stopped = false
  let current: Promise<unknown> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  const sendBacklog = async () => {
    // Keep going while there is a backlog, a batch at a time.
    for (let batch = 0; batch < 20 && !stopped; batch++) {
      const result = await processOutbox({ transport, renderMessage })
      if (result.claimed === 0) break
    }
  }
  // Each job fails alone: a broken scheduled job must not stop email, and the other way round.
  // Nothing escapes a round, so a database outage costs log lines, never an unhandled rejection.
  const round = async () => {
    for (const job of [...extraJobs, sendBacklog]) {
      if (stopped) return
      try {
        await job()
      } catch (error) {
        logRoundFailure(error)
      }
    }
  }
  const schedule = () => {
    if (stopped) return
    // A little jitter so instances started together do not poll in lockstep.
    timer = setTimeout(
      () => {
        current = round().finally(schedule)
      },
      INTERVAL_MS + Math.floor(Math.random() * 500),
    )
  }
  schedule()
  return async () => {
    stopped = true
    if (timer) clearTimeout(timer)
    await current
  }
}
