// `npx tsx bench/post-cost.ts`: what one posted idea costs, in CPU, the app's process and this
// database's PostgreSQL backends — figures that stay steady on a shared machine, where posts per
// second do not. Starts the production build found in --app-dir (default: this checkout) against
// --database-url, posts ideas as `npm run bench`'s "post idea" scenario does, and prints posts/s,
// latency and milliseconds of CPU per post. Several --app-dir values run in turn, several rounds,
// so two builds are compared in the same minutes.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import postgres from 'postgres'

import { SERVER_NODE_ARGS } from '#app/cli/production-build'

import { newIdeaPost, prepareFixtures } from './fixtures'
import { runLoad } from './load'

const { values: options } = parseArgs({
  options: {
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL },
    'app-dir': { type: 'string', multiple: true, default: ['.'] },
    port: { type: 'string', default: '3811' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '1' },
    env: { type: 'string', multiple: true, default: [] },
    profile: { type: 'string' },
  },
})

const databaseUrl = options['database-url']
if (!databaseUrl) throw new Error('--database-url (or BENCH_DATABASE_URL) is required')
const port = Number(options.port)
const appUrl = `http://127.0.0.1:${port}`
const TICKS_PER_SECOND = 100

function ticksOf(pid: number) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return 0
  }
}

function postgresPids() {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/comm`, 'utf8').trim() === 'postgres'
      } catch {
        return false
      }
    })
    .map(Number)
}

async function startApp(appDir: string) {
  const extraEnv = Object.fromEntries(
    options.env!.map((pair) => [
      pair.slice(0, pair.indexOf('=')),
      pair.slice(pair.indexOf('=') + 1),
    ]),
  )
  const profile = options.profile
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profile)}`]
    : []
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...profile, 'build/server.js'], {
    cwd: appDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_DEMO: 'false',
      MAIL_WORKER: 'false',
      APP_URL: appUrl,
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (let tries = 0; ; tries += 1) {
    try {
      if ((await fetch(`${appUrl}/healthz`)).ok) break
    } catch {
      // not yet
    }
    if (tries > 300) throw new Error('the app did not start')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

async function measure(appDir: string) {
  const app = await startApp(appDir)
  const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {} })
  try {
    const fixtures = await prepareFixtures(databaseUrl!, appUrl)
    const next = (n: number) => newIdeaPost(fixtures, appUrl, n)
    const accept = (status: number) => status === 303
    // Warm up: JIT, the pool's connections, prepared statements.
    await runLoad({ url: appUrl, connections: 50, durationSeconds: 3, next, accept })
    const [{ pid: ownPid }] = (await sql`select pg_backend_pid() as pid`) as unknown as [
      { pid: number },
    ]
    const backends = async () =>
      (
        await sql<{ pid: number }[]>`select pid from pg_stat_activity
          where datname = current_database() and pid <> ${ownPid}`
      ).map((row) => row.pid)
    const [{ count: before }] = (await sql`select count(*)::int from ideas`) as unknown as [
      { count: number },
    ]
    const backendPids = await backends()
    const everyPostgres = postgresPids()
    const start = {
      app: ticksOf(app.pid),
      backends: new Map(backendPids.map((pid) => [pid, ticksOf(pid)])),
      postgres: new Map(everyPostgres.map((pid) => [pid, ticksOf(pid)])),
    }
    const load = await runLoad({
      url: appUrl,
      connections: Number(options.connections),
      durationSeconds: Number(options.duration),
      next,
      accept,
    })
    const appTicks = ticksOf(app.pid) - start.app
    let backendTicks = 0
    for (const pid of await backends())
      backendTicks += ticksOf(pid) - (start.backends.get(pid) ?? 0)
    let postgresTicks = 0
    for (const pid of postgresPids()) postgresTicks += ticksOf(pid) - (start.postgres.get(pid) ?? 0)
    const [{ count: after }] = (await sql`select count(*)::int from ideas`) as unknown as [
      { count: number },
    ]
    const posts = after - before
    const msPer = (ticks: number) => ((ticks / TICKS_PER_SECOND) * 1000) / posts
    const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0]
    console.log(
      `${path.basename(path.resolve(appDir)).padEnd(10)} ${String(load.requestsPerSecond).padStart(5)} posts/s  p50 ${load.latencyMs.p50}  p99 ${load.latencyMs.p99} ms  errors ${load.errors}  posts ${posts}  ` +
        `CPU per post: app ${msPer(appTicks).toFixed(2)} ms, its backends ${msPer(backendTicks).toFixed(2)} ms, all PostgreSQL ${msPer(postgresTicks).toFixed(2)} ms  (load ${load1})`,
    )
    if (load.errorSamples.length) console.log(`  e.g. ${load.errorSamples[0]}`)
  } finally {
    await sql.end()
    await app.stop()
  }
}

for (let round = 0; round < Number(options.rounds); round += 1)
  for (const appDir of options['app-dir']!) await measure(appDir)
