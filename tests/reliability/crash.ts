// Owns the crash scenario: the write load runs through both instances; once a share of it is in,
// one instance is killed with SIGKILL at the moment its mail worker is in the middle of sending a
// message; the survivor carries the load (failed, unacknowledged requests are retried on it); the
// killed instance is restarted; then the load finishes and the outbox drains. The checks that
// follow hold the database and the mailbox to every acknowledgement.
import type { AppInstance } from './app-instance'
import {
  checkAcknowledgedPosts,
  checkAcknowledgedVotes,
  checkContributorPoints,
  checkIdeaCounters,
  checkOutboxExactlyOnce,
  waitForOutboxDrained,
} from './invariants'
import { type CheckResult, percentile } from './report'
import type { MailSink } from './smtp-sink'
import type { WriteLoad } from './write-load'

/**
 * When to kill (a share of the votes settled) and when to restart: conditions, never moments. The
 * load pauses at `pauseAtProgress` until the victim is dead (waiting for a send to hold can take
 * long), so work is always left for the survivor; the victim stays dead until the survivor has
 * acknowledged `ackedWhileDead` writes sent after the kill.
 */
export type CrashTiming = {
  killAtProgress: number
  pauseAtProgress: number
  ackedWhileDead: number
  holdTimeoutMs: number
  drainTimeoutMs: number
}

export type CrashFigures = {
  durationMs: number
  requests: number
  acknowledged: number
  requestsPerSecond: number
  acknowledgedPerSecond: number
  retries: number
  latencyMs: { p50: number; p95: number; p99: number; max: number }
  errorsByKind: Record<string, number>
  acknowledgedByInstance: Record<string, number>
  killedAtProgress: number
  heldOutboxId: number | null
  deadForMs: number
  restartMs: number
  whileDead: { acked: number; byInstance: Record<string, number> } | null
  outboxDrainedInMs: number | null
}

/** Kills `victim` while its worker sends: holds the next message it sends, then SIGKILL. */
async function killWhileSending({
  victim,
  sink,
  holdTimeoutMs,
}: {
  victim: AppInstance
  sink: MailSink
  holdTimeoutMs: number
}) {
  const heldOutboxId = await sink.holdNextMessage(victim.name, { timeoutMs: holdTimeoutMs })
  await victim.kill9()
  // The sender is dead; answer its abandoned transaction (nobody hears it).
  sink.releaseHeld()
  return heldOutboxId
}

function survivorCheck({
  load,
  victim,
  whileDead,
  ackedWhileDead,
}: {
  load: WriteLoad
  victim: AppInstance
  whileDead: CrashFigures['whileDead']
  ackedWhileDead: number
}): CheckResult {
  const failures: string[] = []
  if (!whileDead || whileDead.acked < ackedWhileDead)
    failures.push(
      `${whileDead?.acked ?? 0} writes acknowledged while the instance was dead (expected ${ackedWhileDead}: the load ended first)`,
    )
  if (whileDead?.byInstance[victim.name])
    failures.push(`${whileDead.byInstance[victim.name]} writes acknowledged by the dead instance`)
  failures.push(...load.unacknowledged.map((line) => `never acknowledged: ${line}`))
  const http500 = load.tally.count('http-500')
  if (http500) failures.push(`${http500} answers were 500`)
  return {
    name: 'crash: survivor serves, every write acknowledged',
    passed: failures.length === 0,
    summary: `${whileDead?.acked ?? 0} writes acknowledged by the survivor while ${victim.name} was dead; ${load.retries} retries`,
    failures: failures.slice(0, 10),
  }
}

export async function runCrashScenario({
  load,
  victim,
  sink,
  categoryId,
  timing,
}: {
  load: WriteLoad
  victim: AppInstance
  sink: MailSink
  categoryId: number
  timing: CrashTiming
}) {
  const loadDone = load.run({ categoryId })
  await load.whenProgress(timing.killAtProgress)
  const killedAtProgress = load.progress()
  const resume = load.pauseAt(timing.pauseAtProgress)
  const heldOutboxId = await killWhileSending({ victim, sink, holdTimeoutMs: timing.holdTimeoutMs })
  const killedAt = Date.now()
  load.openWindow('victim dead')
  resume()
  await load.whenAcknowledgedInWindow(timing.ackedWhileDead)
  const deadForMs = Date.now() - killedAt
  load.closeWindow()
  const restartStarted = Date.now()
  await victim.start()
  const restartMs = Date.now() - restartStarted
  await loadDone
  const outboxDrainedInMs = await waitForOutboxDrained({ timeoutMs: timing.drainTimeoutMs })

  const durationMs = load.finishedAt - load.startedAt
  const whileDead = load.windows.find((window) => window.name === 'victim dead') ?? null
  const figures: CrashFigures = {
    durationMs,
    requests: load.requests,
    acknowledged: load.acknowledged,
    requestsPerSecond: Math.round((load.requests / durationMs) * 10_000) / 10,
    acknowledgedPerSecond: Math.round((load.acknowledged / durationMs) * 10_000) / 10,
    retries: load.retries,
    latencyMs: {
      p50: percentile(load.latenciesMs, 50),
      p95: percentile(load.latenciesMs, 95),
      p99: percentile(load.latenciesMs, 99),
      max: percentile(load.latenciesMs, 100),
    },
    errorsByKind: load.tally.toJSON(),
    acknowledgedByInstance: Object.fromEntries(load.ackedByInstance),
    killedAtProgress: Math.round(killedAtProgress * 100) / 100,
    heldOutboxId,
    deadForMs,
    restartMs,
    whileDead,
    outboxDrainedInMs,
  }
  const checks: CheckResult[] = [
    survivorCheck({ load, victim, whileDead, ackedWhileDead: timing.ackedWhileDead }),
    await checkIdeaCounters(),
    await checkAcknowledgedVotes(load),
    await checkContributorPoints(),
    await checkAcknowledgedPosts(load),
    await checkOutboxExactlyOnce({ sink, heldOutboxId, drainedInMs: outboxDrainedInMs }),
  ]
  return { checks, figures }
}
