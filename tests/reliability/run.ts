// `npm run test:reliability [-- --full] [--seed=<n>]`: proves that Ideabox keeps its promises when
// things break. On a PostgreSQL cluster of its own it runs two production instances on one
// database, kills one with SIGKILL under a write load (while its mail worker is sending), then
// stops the database under light traffic, then makes it refuse connections for a moment (ALTER
// DATABASE … ALLOW_CONNECTIONS false, sessions ended), and checks what was promised against what is there;
// last, that a person's idea, vote and comment written on one instance show on their next page from the other.
// Prints one PASS/FAIL line per named check, writes tests/.artifacts/reliability.json, and exits
// non-zero when a check fails. The default size is reduced (CI); --full uses the issue's sizes;
// --only=crash or --only=outage runs one scenario (when working on it).
import { randomInt } from 'node:crypto'
import { existsSync } from 'node:fs'
import { setTimeout as delay } from 'node:timers/promises'

import type { Sql } from 'postgres'

import { ensureProductionBuild, SERVER_FILE, SERVER_NODE_ARGS } from '#app/cli/production-build'

import { AppInstance } from './app-instance'
import { type CrashFigures, runCrashScenario } from './crash'
import type { Population, PopulationSize } from './fixtures'
import { attempt, InstancePool } from './http-client'
import { FRIENDLY_PAGE_PROBES, judgeOutage, OutageProbes, outageProbes } from './outage'
import { freePort } from './ports'
import { PostgresUnavailable, type PrivatePostgres, startPrivatePostgres } from './private-postgres'
import { readYourWritesCheck } from './read-your-writes'
import {
  ARTIFACT_DIR,
  type CheckResult,
  printCheck,
  printSummary,
  printTable,
  writeReport,
} from './report'
import { MailSink } from './smtp-sink'
import { type LoadSize, WriteLoad } from './write-load'

type Size = { population: PopulationSize; load: LoadSize }

const SIZES: Record<'reduced' | 'full', Size> = {
  reduced: {
    population: { voters: 100, posters: 12, commenters: 16, voteIdeas: 12, discussionIdeas: 6 },
    load: { ideasPerVoter: 4, ideaPosts: 12, comments: 48, maxInFlight: 32 },
  },
  full: {
    population: { voters: 500, posters: 30, commenters: 40, voteIdeas: 30, discussionIdeas: 10 },
    load: { ideasPerVoter: 6, ideaPosts: 30, comments: 120, maxInFlight: 64 },
  },
}
const OUTAGE_SECONDS = 10
// The refusal case checks a different error path (the server answers, and refuses the session):
// a few seconds show it, and it runs in CI.
const REFUSAL_SECONDS = 4
const RECOVERY_LIMIT_MS = 5_000
const OUTAGE_LONGEST_EXTRA_MS = 20_000
const DATABASE_NAME = 'ideabox_reliability'
const APP_URL = 'http://ideabox.reliability.test'
const FIRST_APP_PORT = 56432

function parseArguments(argv: string[]) {
  const value = (name: string) =>
    argv.find((argument) => argument.startsWith(`--${name}=`))?.slice(name.length + 3)
  const only = value('only')
  if (only !== undefined && only !== 'crash' && only !== 'outage')
    throw new Error(`--only takes crash or outage, not ${only}`)
  const seed = value('seed')
  return {
    mode: argv.includes('--full') ? ('full' as const) : ('reduced' as const),
    seed: seed ? Number(seed) : randomInt(1, 2 ** 31),
    only,
  }
}

/** Things to undo, newest first, on success, failure or Ctrl-C alike. */
class Cleanup {
  private readonly steps: { name: string; now: () => void }[] = []
  add(name: string, now: () => void) {
    this.steps.push({ name, now })
  }
  run() {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        step.now()
      } catch (error) {
        console.error(
          `cleanup (${step.name}) failed:`,
          error instanceof Error ? error.message : error,
        )
      }
    }
  }
}

const cleanup = new Cleanup()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the instances and removing the private PostgreSQL…`)
    cleanup.run()
    process.exit(130)
  })
}

async function timed<T>(work: () => Promise<T>) {
  const started = Date.now()
  const value = await work()
  return { value, ms: Date.now() - started }
}

async function createDatabase(postgresServer: PrivatePostgres) {
  const { default: postgres } = await import('postgres')
  const admin = postgres(postgresServer.url(), { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${DATABASE_NAME}`)
  await admin.end()
}

function instanceEnvironment({ databaseUrl, smtpUrl }: { databaseUrl: string; smtpUrl: string }) {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '10',
    MAIL_WORKER: 'true',
    SEED_DEMO: 'false',
    SMTP_URL: smtpUrl,
    APP_URL,
    APP_SECRET: 'reliability-run-secret-that-is-long-enough-0123456789',
    // Claims of a killed worker are taken over after seconds, not the production default of minutes.
    MAIL_CLAIM_SECONDS: '5',
    // The emails of new comments go at once, not past their edit window (decision 039): the run
    // checks each is delivered exactly once within its minutes.
    COMMENT_EMAIL_WAIT_MINUTES: '0',
    // Each page answered after one statement is checked against its loaders; a difference is a 500 (decision 040).
    KEPT_ANSWER_CHECK_EVERY: '1',
    // One process per instance: the pid the runner kills is the server, not a cluster primary.
    WEB_CONCURRENCY: '1',
    LOG_REQUESTS: 'false',
    TRUST_PROXY: 'false',
  }
}

function instancesCheck(instances: AppInstance[], startMs: number): CheckResult {
  const pids = instances.map((instance) => instance.pid)
  const failures = instances
    .filter((instance) => !instance.isAlive())
    .map((instance) => `${instance.name} is not running`)
  if (new Set(pids).size !== pids.length) failures.push('the instances share a process')
  return {
    name: 'setup: two production instances, one database',
    passed: failures.length === 0,
    summary: `${instances.map((instance) => `${instance.name} pid ${instance.pid} :${instance.port}`).join(', ')}; started in ${startMs} ms`,
    failures,
  }
}

/** After the outage: a new comment's emails go out (the mail worker lived through it and resumed). */
async function mailResumesCheck({
  sink,
  instance,
  ideaId,
  commenterCookie,
  timeoutMs,
}: {
  sink: MailSink
  instance: AppInstance
  ideaId: number
  commenterCookie: string
  timeoutMs: number
}): Promise<CheckResult> {
  const { outboxIdsForComment } = await import('./invariants')
  const name = 'outage: mail worker resumes'
  const answer = await attempt({
    target: { name: instance.name, baseUrl: instance.baseUrl },
    path: `/ideas/${ideaId}`,
    method: 'POST',
    cookie: commenterCookie,
    form: { intent: 'post', body: 'Posted after the database came back.' },
  })
  const commentId =
    'failure' in answer
      ? null
      : Number(/#comment-(\d+)$/.exec(answer.headers.get('location') ?? '')?.[1] ?? NaN)
  if (!commentId)
    return {
      name,
      passed: false,
      summary: 'could not post a comment after the outage',
      failures: ['failure' in answer ? answer.failure : `status ${answer.status}`],
    }
  const ids = await outboxIdsForComment(commentId)
  const started = Date.now()
  const arrived = () => ids.every((id) => sink.countsByOutboxId().has(id))
  while (!arrived() && Date.now() - started < timeoutMs) await delay(100)
  const counts = sink.countsByOutboxId()
  const failures = ids
    .filter((id) => counts.get(id) !== 1)
    .map((id) => `outbox ${id} arrived ${counts.get(id) ?? 0} times`)
  if (!ids.length) failures.push('the comment queued no email')
  return {
    name,
    passed: failures.length === 0,
    summary: `${ids.length} emails of a new comment delivered in ${Date.now() - started} ms`,
    failures,
  }
}

/** A way to take the database away from the running instances, and to give it back. */
type Interruption = {
  label: string
  seconds: number
  takeAway: () => Promise<void>
  giveBack: () => Promise<void>
}

/** PostgreSQL stopped (`pg_ctl stop -m fast`) and started again. */
function stopServer(postgresServer: PrivatePostgres): Interruption {
  return {
    label: 'outage',
    seconds: OUTAGE_SECONDS,
    takeAway: () => postgresServer.stop(),
    giveBack: () => postgresServer.start(),
  }
}

/** The server stays up but the app's database refuses connections, its sessions ended (as before a restore). */
function refuseConnections(postgresServer: PrivatePostgres): Interruption {
  const asAdministrator = async (work: (sql: Sql) => Promise<unknown>) => {
    const { default: postgres } = await import('postgres')
    const administrator = postgres(postgresServer.url(), { max: 1, onnotice: () => {} })
    try {
      await work(administrator)
    } finally {
      await administrator.end({ timeout: 5 })
    }
  }
  return {
    label: 'refused connections',
    seconds: REFUSAL_SECONDS,
    takeAway: () =>
      asAdministrator(async (sql) => {
        await sql.unsafe(`alter database ${DATABASE_NAME} allow_connections false`)
        await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${DATABASE_NAME} and pid <> pg_backend_pid()`
      }),
    giveBack: () =>
      asAdministrator((sql) =>
        sql.unsafe(`alter database ${DATABASE_NAME} allow_connections true`),
      ),
  }
}

async function runOutage({
  interruption,
  instances,
  ideaId,
  voterCookie,
  dutchCookie,
}: {
  interruption: Interruption
  instances: AppInstance[]
  ideaId: number
  voterCookie: string
  dutchCookie: string
}) {
  const probes = new OutageProbes(instances, outageProbes({ ideaId, voterCookie, dutchCookie }))
  const pidsBefore = Object.fromEntries(instances.map((instance) => [instance.name, instance.pid]))
  probes.start()
  try {
    await probes.untilServing({ since: 0, count: 2, timeoutMs: 30_000 })
    probes.setPhase('stopping')
    // Votes in flight when the database goes: their transactions lose their connections mid-way.
    probes.burst('vote (button)', 20)
    probes.burst('vote (form)', 10)
    await interruption.takeAway()
    const downAt = Date.now()
    probes.setPhase('down')
    // The outage itself lasts a fixed time by design: this wait is the scenario, not a guess. On a
    // machine busy with other work (the browser journeys run beside this suite) a short outage can
    // end before every instance was asked for each page that must answer the friendly 503 page:
    // it then lasts until they were, or OUTAGE_LONGEST_EXTRA_MS more.
    await delay(interruption.seconds * 1000)
    const longest = Date.now() + OUTAGE_LONGEST_EXTRA_MS
    const asked = () =>
      instances.every((instance) =>
        FRIENDLY_PAGE_PROBES.every((probe) => probes.answeredWhileDown(instance.name, probe)),
      )
    while (!asked() && Date.now() < longest) await delay(250)
    probes.setPhase('starting')
    const restartAt = Date.now()
    await interruption.giveBack()
    const upAt = Date.now()
    probes.setPhase('after')
    await probes.untilServing({ since: upAt, count: 10, timeoutMs: 30_000 })
    return {
      checks: judgeOutage({
        label: interruption.label,
        probes,
        instances,
        pidsBefore,
        window: { downAt, restartAt, upAt },
        recoveryLimitMs: RECOVERY_LIMIT_MS,
      }),
      figures: {
        downForMs: upAt - downAt,
        samples: probes.samples.length,
        statuses: probes.statusCounts(['before', 'stopping', 'down', 'starting', 'after']),
      },
    }
  } finally {
    await probes.stop()
  }
}

function printCrashFigures(figures: CrashFigures) {
  printTable('Crash load', [
    ['duration', `${(figures.durationMs / 1000).toFixed(1)} s`],
    ['requests (incl. retries)', `${figures.requests} (${figures.requestsPerSecond}/s)`],
    ['acknowledged writes', `${figures.acknowledged} (${figures.acknowledgedPerSecond}/s)`],
    [
      'latency p50 / p95 / p99 / max',
      `${figures.latencyMs.p50} / ${figures.latencyMs.p95} / ${figures.latencyMs.p99} / ${figures.latencyMs.max} ms`,
    ],
    ['acknowledged by instance', JSON.stringify(figures.acknowledgedByInstance)],
    ['errors by kind', JSON.stringify(figures.errorsByKind)],
    [
      'killed at',
      `${Math.round(figures.killedAtProgress * 100)}% of the votes, outbox ${figures.heldOutboxId ?? 'none'} mid-send`,
    ],
    ['dead for / restart took', `${figures.deadForMs} ms / ${figures.restartMs} ms`],
    ['acknowledged while dead', JSON.stringify(figures.whileDead)],
    ['outbox drained after the load', `${figures.outboxDrainedInMs ?? '∞'} ms`],
  ])
}

/** The private PostgreSQL, migrated and seeded through the app's own code (or why it cannot run here). */
async function prepareDatabase(size: Size) {
  let postgresServer: PrivatePostgres
  try {
    postgresServer = await startPrivatePostgres()
  } catch (error) {
    if (error instanceof PostgresUnavailable) return { skipped: error.message }
    throw error
  }
  cleanup.add('private PostgreSQL', () => postgresServer.destroy())
  await createDatabase(postgresServer)
  const databaseUrl = postgresServer.url(DATABASE_NAME)
  // The runner uses the app's own domain code (migrator, factories, repairs) on the private database.
  process.env.DATABASE_URL = databaseUrl
  const fixtures = await import('./fixtures')
  cleanup.add('runner database connection', () => void fixtures.closeDatabase())
  const seeded = await timed(async () => {
    await fixtures.migrate()
    return fixtures.createPopulation(size.population)
  })
  return { postgresServer, databaseUrl, population: seeded.value, seedMs: seeded.ms }
}

/** Two production instances on the database, each sending mail to its own SMTP listener. */
async function startInstances({ databaseUrl, sink }: { databaseUrl: string; sink: MailSink }) {
  // The bundled server when the build has one (what production runs), else the TypeScript entry.
  const nodeArguments = existsSync(SERVER_FILE)
    ? [...SERVER_NODE_ARGS, SERVER_FILE]
    : ['--import', 'tsx', 'app/server/index.ts']
  const instances: AppInstance[] = []
  for (const name of ['a', 'b']) {
    const port = await freePort(
      FIRST_APP_PORT,
      instances.map((instance) => instance.port),
    )
    const instance = new AppInstance({
      name,
      port,
      environment: instanceEnvironment({ databaseUrl, smtpUrl: await sink.listen(name) }),
      logDir: ARTIFACT_DIR,
      nodeArguments,
    })
    cleanup.add(`instance ${name}`, () => instance.killNow())
    instances.push(instance)
  }
  const startup = await timed(() => Promise.all(instances.map((instance) => instance.start())))
  return {
    instances: instances as [AppInstance, AppInstance],
    check: instancesCheck(instances, startup.ms),
  }
}

async function crashPhase({
  instances,
  population,
  sink,
  size,
  seed,
}: {
  instances: [AppInstance, AppInstance]
  population: Population
  sink: MailSink
  size: Size
  seed: number
}) {
  const victim = instances[1]
  const pool = new InstancePool(
    instances.map((instance) => ({ name: instance.name, baseUrl: instance.baseUrl })),
  )
  const load = new WriteLoad({ population, size: size.load, pool, seed })
  console.log(
    `\nCrash: ${load.plannedVotes} votes by ${population.voters.length} people on ${population.voteIdeas.length} ideas, ${size.load.ideaPosts} ideas and ${size.load.comments} comments posted; ${victim.name} is killed mid-send`,
  )
  return runCrashScenario({
    load,
    victim,
    sink,
    categoryId: population.productCategoryId,
    timing: {
      killAtProgress: 0.3,
      pauseAtProgress: 0.6,
      ackedWhileDead: 40,
      holdTimeoutMs: 20_000,
      drainTimeoutMs: 90_000,
    },
  })
}

async function outagePhase({
  instances,
  population,
  sink,
  postgresServer,
}: {
  instances: [AppInstance, AppInstance]
  population: Population
  sink: MailSink
  postgresServer: PrivatePostgres
}) {
  // Each case votes as a voter of its own: one voter's votes over both would meet the vote rate limit.
  const traffic = (voter: number) => ({
    instances,
    ideaId: population.voteIdeas[0]!.id,
    voterCookie: population.voters[voter]!.cookie,
    dutchCookie: population.dutchReaders[voter]!.cookie,
  })
  console.log(
    `\nOutage: PostgreSQL stopped for ${OUTAGE_SECONDS} s under light traffic on ${instances.map((instance) => instance.name).join(' and ')}`,
  )
  const outage = await runOutage({ interruption: stopServer(postgresServer), ...traffic(0) })
  const mail = await mailResumesCheck({
    sink,
    instance: instances[1],
    ideaId: population.discussionIdeas[0]!.id,
    commenterCookie: population.commenters[0]!.cookie,
    timeoutMs: 30_000,
  })
  console.log(
    `\nRefused connections: ${DATABASE_NAME} does not allow connections for ${REFUSAL_SECONDS} s, its sessions ended`,
  )
  const refusal = await runOutage({
    interruption: refuseConnections(postgresServer),
    ...traffic(1),
  })
  return {
    checks: [...outage.checks, mail, ...refusal.checks],
    figures: { ...outage.figures, refusal: refusal.figures },
  }
}

async function main() {
  const started = Date.now()
  const options = parseArguments(process.argv.slice(2))
  const size = SIZES[options.mode]
  console.log(`Reliability run (${options.mode}, seed ${options.seed})`)
  const checks: CheckResult[] = []
  const report: Record<string, unknown> = {
    mode: options.mode,
    seed: options.seed,
    only: options.only ?? 'all',
    startedAt: new Date(started).toISOString(),
    size,
    checks,
  }
  const record = (check: CheckResult) => {
    checks.push(check)
    printCheck(check)
  }

  const build = await timed(() => ensureProductionBuild())
  const database = await prepareDatabase(size)
  if ('skipped' in database) {
    console.error(`SKIPPED: ${database.skipped}`)
    writeReport({ ...report, skipped: database.skipped })
    // Skipping is only acceptable on a laptop; in CI a missing PostgreSQL is a failure.
    return process.env.CI ? 1 : 0
  }
  const { postgresServer, databaseUrl, population } = database
  console.log(
    `  build ${build.ms} ms (${existsSync(SERVER_FILE) ? 'node build/server.js' : 'tsx app/server/index.ts'}); PostgreSQL ${postgresServer.port} (${postgresServer.dataDir}); migrated and seeded in ${database.seedMs} ms (down-votes ${population.downVotesEnabled ? 'on' : 'off'})`,
  )

  const sink = new MailSink()
  cleanup.add('SMTP listeners', () => void sink.close())
  const { instances, check } = await startInstances({ databaseUrl, sink })
  record(check)

  if (options.only !== 'outage') {
    const crash = await crashPhase({ instances, population, sink, size, seed: options.seed })
    crash.checks.forEach(record)
    printCrashFigures(crash.figures)
    report.crash = crash.figures
  }
  if (options.only !== 'crash') {
    const outage = await outagePhase({ instances, population, sink, postgresServer })
    outage.checks.forEach(record)
    report.outage = outage.figures
  }

  // Last, on two healthy instances: what each person wrote shows on their next page from either.
  record(await readYourWritesCheck({ instances, population }))

  await Promise.all(instances.map((instance) => instance.stop()))
  instances.forEach((instance) => instance.closeLog())
  report.durationMs = Date.now() - started
  report.passed = checks.every((check) => check.passed)
  writeReport(report)
  printSummary(checks, Date.now() - started)
  return report.passed ? 0 : 1
}

let exitCode = 1
try {
  exitCode = await main()
} catch (error) {
  console.error('\nThe reliability run could not finish:', error)
  writeReport({ passed: false, error: error instanceof Error ? error.stack : String(error) })
} finally {
  cleanup.run()
}
process.exit(exitCode)
