// `npm run bench`: the production build against PostgreSQL with the large data set, under load
// from autocannon, beside a framework-free baseline on the same database. Prints a table with the
// issue's targets, writes bench/results/<time>.json. `--soak 10m` runs a long mixed load instead.
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import postgres from 'postgres'

import { ensureProductionBuild, SERVER_NODE_ARGS } from '#app/cli/production-build'

import {
  firstVisitJavascript,
  JAVASCRIPT_TARGET_KB,
  javascriptPerRoute,
  overBudget,
  type RouteJavascript,
} from './bundle-size'
import {
  type BenchFixtures,
  newIdeaPost,
  prepareFixtures,
  settleAsAutovacuumWould,
} from './fixtures'
import { LARGE_DATA_SEARCH_WORDS as searchWords } from './large-data-vocabulary'
import { type LoadResult, type RequestPlan, runLoad } from './load'
import { type Started, startNodeServer, type Usage, watchUsage } from './processes'

const { values: options } = parseArgs({
  options: {
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ideabox_bench',
    },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    scale: { type: 'string', default: '1' },
    soak: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'by-second': { type: 'boolean', default: false },
    'web-concurrency': { type: 'string' },
    'page-cache': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
})

if (options.help) {
  console.log(`npm run bench -- [options]
  --database-url URL    PostgreSQL database to use (default $BENCH_DATABASE_URL or .../ideabox_bench);
                        created, migrated and filled with the large data set when it has no ideas
  --scale F             size of that data set when it is made (default 1: 100,000 ideas)
  --duration S          seconds per scenario (default 15)
  --connections N       concurrent connections (default 50)
  --only a,b            run only scenarios whose name contains one of these words
  --web-concurrency N   app processes (WEB_CONCURRENCY; default: the app's own default)
  --page-cache S        PAGE_CACHE_SECONDS for the app (0 measures every page rendered afresh)
  --profile             write a CPU profile of the app to bench/results/profiles/
  --by-second           print each scenario's responses and p99 for each second of its run
  --soak 10m            a long mixed load at 10 connections; reports memory over time`)
  process.exit(0)
}

const databaseUrl = options['database-url']!
const durationSeconds = Number(options.duration)
const connections = Number(options.connections)
const APP_PORT = 3801
const BASELINE_PORT = 3901
const resultsDir = path.resolve('bench/results')

// Each kind has its targets (checkTargets): anonymous lists and the idea page (page-cached unless
// --page-cache 0), search, signed-in pages (rendered for each person, no page cache), the back
// office (staff pages), votes and posts.
type ScenarioKind = 'list' | 'idea' | 'search' | 'vote' | 'post' | 'signed-in' | 'back-office'
type Scenario = {
  name: string
  kind: ScenarioKind
  next: (n: number) => RequestPlan
  accept?: (status: number, body: string) => boolean
}
type Measured = { name: string; kind: ScenarioKind | 'baseline'; load: LoadResult; usage: Usage }

async function ensureDatabase() {
  const url = new URL(databaseUrl)
  const name = url.pathname.slice(1)
  const admin = postgres({
    host: url.hostname,
    port: Number(url.port || 5432),
    user: url.username || 'postgres',
    password: url.password || undefined,
    database: 'postgres',
    max: 1,
    onnotice: () => {},
  })
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`
  if (!exists) await admin.unsafe(`create database "${name.replace(/"/g, '""')}"`)
  await admin.end()
  const migrated = spawnSync('npx', ['tsx', 'app/cli/migrate.ts'], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: databaseUrl },
  })
  if (migrated.status !== 0) throw new Error('Migrating the bench database failed')
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} })
  const [row] = await sql<{ ideas: number }[]>`select count(*)::int as ideas from ideas`
  const ideas = row?.ideas ?? 0
  await sql.end()
  if (ideas > 0) return
  console.log(
    `The bench database has no ideas: making the large data set (scale ${options.scale})…`,
  )
  const seeded = spawnSync('npx', ['tsx', 'bench/seed-large.ts', '--scale', options.scale!], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: databaseUrl },
  })
  if (seeded.status !== 0) throw new Error('Making the large data set failed')
}

/** The top list 50 pages in, found by following the app's own "next page" links. */
async function deepTopPagePath(appUrl: string, pages = 50) {
  let pathAndQuery = '/ideas?sort=top'
  for (let page = 1; page <= pages; page += 1) {
    const html = await (await fetch(appUrl + pathAndQuery)).text()
    const match = /href="(\/ideas\?[^"]*cursor=[^"]+)"/.exec(html)
    if (!match) return pathAndQuery
    pathAndQuery = match[1]!.replace(/&amp;/g, '&')
  }
  return pathAndQuery
}

function scenarios(fixtures: BenchFixtures, deepTopPath: string): Scenario[] {
  const origin = `http://127.0.0.1:${APP_PORT}`
  const get = (pathAndQuery: string) => () => ({ path: pathAndQuery })
  const search = (word: string) => get(`/ideas?q=${encodeURIComponent(word)}`)
  // Vote toggle: person n % N votes up on an idea, the next time on that idea takes the vote back.
  const voted = new Set<string>()
  const voteJson = (status: number, body: string) => status === 200 && body.includes('"ok":true')
  const signedIn = (path: string, cookies: string[]) => (n: number) => ({
    path,
    headers: { cookie: cookies[n % cookies.length]! },
  })
  // A signed-in page must answer itself, not the sign-in page a lost session redirects to.
  const page = (status: number) => status === 200
  return [
    { name: 'home', kind: 'list', next: get('/') },
    { name: 'ideas, trending', kind: 'list', next: get('/ideas') },
    { name: 'ideas, top, page 51', kind: 'list', next: get(deepTopPath) },
    {
      name: 'ideas, product + planned',
      kind: 'list',
      next: get('/ideas?kind=product&status=planned'),
    },
    { name: 'search, common (en)', kind: 'search', next: search(searchWords.common.en) },
    { name: 'search, rare (en)', kind: 'search', next: search(searchWords.rare.en) },
    { name: 'search, common (nl)', kind: 'search', next: search(searchWords.common.nl) },
    { name: 'search, rare (nl)', kind: 'search', next: search(searchWords.rare.nl) },
    {
      name: `idea page, ${fixtures.ideaComments} comments`,
      kind: 'idea',
      next: get(fixtures.ideaPath),
    },
    // Public pages later issues added: the roadmap, updates, the leaderboard, the promises.
    { name: 'roadmap', kind: 'list', next: get('/roadmap') },
    { name: 'updates', kind: 'list', next: get('/updates') },
    { name: 'leaderboard', kind: 'list', next: get('/leaderboard') },
    { name: 'promises', kind: 'list', next: get('/promises') },
    // The same pages for someone signed in: rendered for every request, with their own votes.
    {
      name: 'ideas, trending, signed in',
      kind: 'signed-in',
      accept: page,
      next: signedIn('/ideas', fixtures.sessionCookies),
    },
    {
      name: `idea page, signed in`,
      kind: 'signed-in',
      accept: page,
      next: signedIn(fixtures.ideaPath, fixtures.sessionCookies),
    },
    // Authors with 10–40 ideas and 40 notifications each (half unread): their own pages.
    {
      name: 'my ideas, signed in',
      kind: 'signed-in',
      accept: page,
      next: signedIn('/my/ideas', fixtures.authorCookies),
    },
    {
      name: 'notifications, signed in',
      kind: 'signed-in',
      accept: page,
      next: signedIn('/notifications', fixtures.authorCookies),
    },
    {
      name: 'back office: triage queue',
      kind: 'back-office',
      accept: page,
      next: signedIn('/admin', [fixtures.staffCookie]),
    },
    {
      name: `back office: idea page`,
      kind: 'back-office',
      accept: page,
      next: signedIn(`/admin/ideas/${fixtures.ideaId}`, [fixtures.staffCookie]),
    },
    {
      name: 'vote toggle',
      kind: 'vote',
      accept: voteJson,
      next: (n) => {
        const person = n % fixtures.sessionCookies.length
        const ideaId =
          fixtures.openIdeaIds[
            (n * 7919 + Math.floor(n / fixtures.sessionCookies.length)) %
              fixtures.openIdeaIds.length
          ]!
        const key = `${person}:${ideaId}`
        const direction = voted.has(key) ? 'none' : 'up'
        if (direction === 'up') voted.add(key)
        else voted.delete(key)
        return {
          method: 'POST',
          path: `/ideas/${ideaId}/vote`,
          // As the vote button sends it (a form post without JavaScript asks for HTML instead).
          headers: { cookie: fixtures.sessionCookies[person]!, origin, accept: 'application/json' },
          body: `direction=${direction}`,
        }
      },
    },
    {
      name: 'post idea',
      kind: 'post',
      accept: (status) => status === 302 || status === 303,
      next: (n) => newIdeaPost(fixtures, origin, n),
    },
  ]
}

async function measure(
  server: Started,
  name: string,
  kind: Measured['kind'],
  next: Scenario['next'],
  accept?: Scenario['accept'],
): Promise<Measured> {
  const stopWatching = watchUsage(server.child.pid!)
  const load = await runLoad({ url: server.url, connections, durationSeconds, next, accept })
  const usage = stopWatching()
  const p = load.latencyMs
  console.log(
    `  ${name.padEnd(30)} ${String(load.requestsPerSecond).padStart(6)} req/s  p50 ${p.p50} ms  p95 ${p.p95} ms  p99 ${p.p99} ms  errors ${load.errors}  rss ${usage.rssPeakMb} MB  cpu ${usage.cpuPercent}% (pg ${usage.postgresCpuPercent}%)`,
  )
  if (load.errorSamples.length) console.log(`    e.g. ${load.errorSamples[0]}`)
  if (options['by-second'])
    console.log(
      `    by second (responses/p99 ms): ${load.bySecond.map((second) => `${second.responses}/${second.p99}`).join(' ')}`,
    )
  return { name, kind, load, usage }
}

function appEnv(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    LOG_REQUESTS: 'false',
    APP_URL: `http://127.0.0.1:${APP_PORT}`,
    ...(options['web-concurrency'] ? { WEB_CONCURRENCY: options['web-concurrency'] } : {}),
    ...(options['page-cache'] ? { PAGE_CACHE_SECONDS: options['page-cache'] } : {}),
  }
}

function startApp() {
  return startNodeServer({
    entry: 'build/server.js',
    port: APP_PORT,
    env: appEnv(),
    healthPath: '/healthz',
    nodeArgs: appNodeArgs(),
    label: 'Ideabox',
    logFile: path.join(resultsDir, 'server.log'),
  })
}

function appNodeArgs() {
  if (!options.profile) return [...SERVER_NODE_ARGS]
  const dir = path.join(resultsDir, 'profiles')
  mkdirSync(dir, { recursive: true })
  return [...SERVER_NODE_ARGS, '--cpu-prof', `--cpu-prof-dir=${dir}`]
}

type Target = { what: string; met: boolean; detail: string }

/**
 * The issues' targets per kind of scenario (issue 19 for the signed-in pages and the back office):
 * throughput as a share of the baseline's req/s, and the 99th percentile of latency.
 */
const TARGETS = {
  list: { share: 1 / 3, p99: 50 },
  idea: { p99: 50 },
  /** Anonymous lists and the idea page rendered for every request (`--page-cache 0`). */
  uncached: { share: 1 / 4, p99: 50 },
  search: { share: 1 / 10, p99: 100 },
  'signed-in': { share: 1 / 4, p99: 50 },
  'back-office': { share: 1 / 10, p99: 100 },
  vote: { share: 0.4 },
  post: { perSecond: 500, p99: 100 },
  rssMb: 300,
} as const

function checkTargets(
  measured: Measured[],
  baselineRps: number,
  javascript: Record<string, number>,
  everyRoute: RouteJavascript[],
): Target[] {
  const targets: Target[] = []
  const add = (what: string, met: boolean, detail: string) => targets.push({ what, met, detail })
  const percent = (share: number) => `${Math.round(share * 100)}%`
  const share = (m: Measured, wanted: number) =>
    add(
      `${m.name}: ≥ ${percent(wanted)} of baseline req/s`,
      m.load.requestsPerSecond >= wanted * baselineRps,
      `${m.load.requestsPerSecond} vs ${baselineRps} (${percent(m.load.requestsPerSecond / baselineRps)})`,
    )
  const p99 = (m: Measured, limit: number) =>
    add(`${m.name}: p99 ≤ ${limit} ms`, m.load.latencyMs.p99 <= limit, `${m.load.latencyMs.p99} ms`)
  const uncached = options['page-cache'] === '0'
  for (const m of measured) {
    const { requestsPerSecond: rps, latencyMs, errors } = m.load
    switch (m.kind) {
      case 'list':
      case 'idea': {
        const target: { share?: number; p99: number } = uncached
          ? TARGETS.uncached
          : TARGETS[m.kind]
        if (target.share) share(m, target.share)
        p99(m, target.p99)
        break
      }
      case 'search':
      case 'signed-in':
      case 'back-office':
        share(m, TARGETS[m.kind].share)
        p99(m, TARGETS[m.kind].p99)
        break
      case 'vote':
        add(
          `${m.name}: ≥ ${percent(TARGETS.vote.share)} of baseline req/s, zero errors`,
          rps >= TARGETS.vote.share * baselineRps && errors === 0,
          `${rps} votes/s vs ${baselineRps} (${percent(rps / baselineRps)}), ${errors} errors`,
        )
        break
      case 'post':
        add(
          `${m.name}: ≥ ${TARGETS.post.perSecond}/s, p99 ≤ ${TARGETS.post.p99} ms, zero errors`,
          rps >= TARGETS.post.perSecond && latencyMs.p99 <= TARGETS.post.p99 && errors === 0,
          `${rps}/s, p99 ${latencyMs.p99} ms, ${errors} errors`,
        )
        break
      case 'baseline':
        break
    }
    if (m.kind !== 'baseline' && errors > 0 && m.kind !== 'vote' && m.kind !== 'post')
      add(`${m.name}: no errors`, false, `${errors} errors`)
  }
  const peak = Math.max(
    ...measured.filter((m) => m.kind !== 'baseline').map((m) => m.usage.rssPeakMb),
  )
  add(`server RSS < ${TARGETS.rssMb} MB`, peak < TARGETS.rssMb, `${peak} MB peak`)
  add('home page JS < 120 KB gzipped', javascript.home! < 120, `${javascript.home} KB`)
  for (const area of ['customer', 'back office'] as const) {
    const routes = everyRoute.filter((row) => row.area === area)
    const over = overBudget(routes)
    add(
      `every ${area} route's first-visit JS ≤ ${JAVASCRIPT_TARGET_KB[area]} KB gzipped`,
      over.length === 0,
      `largest ${Math.max(...routes.map((row) => row.kilobytes))} KB; ${over.length} of ${routes.length} over (bench/js-size.ts lists them)`,
    )
  }
  return targets
}

async function runBenchmark() {
  const baseline = await startNodeServer({
    entry: 'bench/baseline-server.ts',
    port: BASELINE_PORT,
    env: { DATABASE_URL: databaseUrl },
    healthPath: '/',
    label: 'baseline',
  })
  let baselineResult: Measured
  try {
    console.log(
      `\nBaseline (node:http + postgres.js), ${connections} connections, ${durationSeconds} s:`,
    )
    await runLoad({
      url: baseline.url,
      connections,
      durationSeconds: 3,
      next: () => ({ path: '/' }),
    })
    baselineResult = await measure(baseline, 'baseline: trending page 1', 'baseline', () => ({
      path: '/',
    }))
  } finally {
    await baseline.stop()
  }

  const app = await startApp()
  const measured: Measured[] = [baselineResult]
  try {
    const fixtures = await prepareFixtures(databaseUrl, app.url)
    const deepTopPath = await deepTopPagePath(app.url)
    const settled = await settleAsAutovacuumWould(databaseUrl)
    if (settled.length)
      console.log(`\nWithout autovacuum on the server, vacuumed as it would: ${settled.join(', ')}`)
    console.log(`\nIdeabox, ${connections} connections, ${durationSeconds} s per scenario:`)
    // Warm up: JIT, connection pool, PostgreSQL's caches.
    await runLoad({
      url: app.url,
      connections,
      durationSeconds: 5,
      next: (n) => ({ path: n % 2 ? '/' : '/ideas' }),
    })
    const wanted = options.only?.split(',').map((word) => word.trim().toLowerCase())
    for (const scenario of scenarios(fixtures, deepTopPath)) {
      if (wanted && !wanted.some((word) => scenario.name.toLowerCase().includes(word))) continue
      // What the scenarios before this one wrote, cleaned up as autovacuum would by now.
      await settleAsAutovacuumWould(databaseUrl)
      measured.push(
        await measure(app, scenario.name, scenario.kind, scenario.next, scenario.accept),
      )
    }
  } finally {
    await app.stop()
  }
  const javascript = await javascriptPerRoute()
  const everyRoute = await firstVisitJavascript()
  const baselineRps = baselineResult.load.requestsPerSecond
  const targets = checkTargets(measured, baselineRps, javascript, everyRoute)
  printTable(measured, baselineRps, javascript, targets)
  return { measured, javascript, targets }
}

function printTable(
  measured: Measured[],
  baselineRps: number,
  javascript: Record<string, number>,
  targets: Target[],
) {
  console.log(
    '\n| scenario | req/s | × baseline | p50 ms | p95 ms | p99 ms | errors | RSS MB | CPU % | PG CPU % |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const m of measured) {
    const { load, usage } = m
    console.log(
      `| ${m.name} | ${load.requestsPerSecond} | ${(load.requestsPerSecond / baselineRps).toFixed(2)} | ${load.latencyMs.p50} | ${load.latencyMs.p95} | ${load.latencyMs.p99} | ${load.errors} | ${usage.rssPeakMb} | ${usage.cpuPercent} | ${usage.postgresCpuPercent} |`,
    )
  }
  console.log(
    '\nJavaScript per route (KB, gzipped): ' +
      Object.entries(javascript)
        .map(([route, kb]) => `${route} ${kb}`)
        .join(', '),
  )
  console.log('\nTargets:')
  for (const target of targets)
    console.log(`  ${target.met ? 'met    ' : 'NOT MET'}  ${target.what} — ${target.detail}`)
}

function parseDuration(text: string) {
  const match = /^(\d+)(s|m|h)?$/.exec(text)
  if (!match) throw new Error(`Not a duration: ${text} (try 10m)`)
  return (
    Number(match[1]) * { s: 1, m: 60, h: 3600 }[(match[2] as 's' | 'm' | 'h' | undefined) ?? 's']
  )
}

/** A long, moderate, mixed load: memory must stay flat and nothing may fail. */
async function runSoak(totalSeconds: number) {
  const app = await startApp()
  try {
    const fixtures = await prepareFixtures(databaseUrl, app.url)
    const deepTopPath = await deepTopPagePath(app.url, 5)
    const mix = scenarios(fixtures, deepTopPath).filter((scenario) => scenario.kind !== 'post')
    const stopWatching = watchUsage(app.child.pid!, 5000)
    const rounds: { second: number; requestsPerSecond: number; errors: number; rssMb: number }[] =
      []
    const roundSeconds = 30
    let errors = 0
    console.log(
      `Soak: ${totalSeconds} s of mixed load at 10 connections (${mix.map((s) => s.name).join(', ')})`,
    )
    for (let elapsed = 0; elapsed < totalSeconds; elapsed += roundSeconds) {
      await settleAsAutovacuumWould(databaseUrl)
      const load = await runLoad({
        url: app.url,
        connections: 10,
        durationSeconds: Math.min(roundSeconds, totalSeconds - elapsed),
        next: (n) => mix[n % mix.length]!.next(Math.floor(n / mix.length)),
        accept: (status, body) => status < 400 && !body.includes('"ok":false'),
      })
      errors += load.errors
      const rssMb = Math.round(Number(readRss(app.child.pid!)))
      rounds.push({
        second: elapsed + roundSeconds,
        requestsPerSecond: load.requestsPerSecond,
        errors: load.errors,
        rssMb,
      })
      console.log(
        `  ${String(elapsed + roundSeconds).padStart(5)} s  ${load.requestsPerSecond} req/s  errors ${load.errors}  rss ${rssMb} MB`,
      )
    }
    const usage = stopWatching()
    const settled = rounds.slice(Math.min(2, rounds.length - 1))
    const first = settled[0]!.rssMb
    const last = settled.at(-1)!.rssMb
    const growth = (last - first) / first
    const flat = growth < 0.15
    console.log(
      `\nMemory after warm-up ${first} MB → end ${last} MB (${(growth * 100).toFixed(1)}%, peak ${usage.rssPeakMb} MB): ${flat ? 'flat' : 'GROWING'}; errors: ${errors}`,
    )
    return {
      rounds,
      errors,
      rssWarmMb: first,
      rssEndMb: last,
      growth,
      flat,
      passed: flat && errors === 0,
    }
  } finally {
    await app.stop()
  }
}

function readRss(pid: number) {
  const status = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).stdout
  return Number(status.trim()) / 1024
}

async function main() {
  await ensureProductionBuild()
  await ensureDatabase()
  mkdirSync(resultsDir, { recursive: true })
  const startedAt = new Date()
  const machine = { cpus: (await import('node:os')).cpus().length, node: process.version }
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-')
  if (options.soak) {
    const soak = await runSoak(parseDuration(options.soak))
    const file = path.join(resultsDir, `soak-${stamp}.json`)
    writeFileSync(file, JSON.stringify({ startedAt, machine, ...soak }, null, 2))
    console.log(`Written: ${path.relative(process.cwd(), file)}`)
    process.exitCode = soak.passed ? 0 : 1
    return
  }
  const result = await runBenchmark()
  const file = path.join(resultsDir, `bench-${stamp}.json`)
  writeFileSync(
    file,
    JSON.stringify({ startedAt, machine, connections, durationSeconds, ...result }, null, 2),
  )
  console.log(`\nWritten: ${path.relative(process.cwd(), file)}`)
}

await main()
