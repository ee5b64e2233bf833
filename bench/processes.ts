// Starting the servers under test and watching what they cost: resident memory and CPU time,
// read from /proc (Linux), for the app's process and for PostgreSQL's backends together.
import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream, readdirSync, readFileSync } from 'node:fs'

const CLOCK_TICKS_PER_SECOND = 100

export type Started = { child: ChildProcess; url: string; stop: () => Promise<void> }

/** Spawns `node <entry>` (TypeScript through tsx) and resolves once `healthPath` answers 200. */
export async function startNodeServer({
  entry,
  port,
  env,
  healthPath,
  nodeArgs = [],
  label,
  logFile,
}: {
  entry: string
  port: number
  env: Record<string, string>
  healthPath: string
  nodeArgs?: string[]
  label: string
  /** Where the server's stdout and stderr go (its errors explain a benchmark's errors). */
  logFile?: string
}): Promise<Started> {
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : []
  const child = spawn(process.execPath, [...nodeArgs, ...loader, entry], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', logFile ? 'pipe' : 'ignore', 'pipe'],
  })
  if (logFile) {
    const log = createWriteStream(logFile)
    child.stdout?.pipe(log)
    child.stderr?.pipe(log)
  }
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${label} exited with ${child.exitCode}:\n${stderr}`)
    try {
      const response = await fetch(url + healthPath)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${label} did not start within 60 s:\n${stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000)
      child.once('exit', () => {
        clearTimeout(force)
        resolve()
      })
      child.kill('SIGTERM')
    })
  return { child, url, stop }
}

function readStat(pid: number) {
  // Fields after the command name (which may hold spaces) start at ") ".
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return { ticks: Number(fields[11]) + Number(fields[12]), rssPages: Number(fields[21]) }
}

/** Every process of the whole tree under `pid` (a cluster primary and its workers). */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(parent, [...(children.get(parent) ?? []), Number(name)])
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid]
  for (let index = 0; index < tree.length; index += 1)
    tree.push(...(children.get(tree[index]!) ?? []))
  return tree
}

function postgresPids() {
  const pids: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      if (readFileSync(`/proc/${name}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(name))
    } catch {
      // gone meanwhile
    }
  }
  return pids
}

function cpuTicks(pids: number[]) {
  const ticks = new Map<number, number>()
  for (const pid of pids) {
    try {
      ticks.set(pid, readStat(pid).ticks)
    } catch {
      // gone meanwhile
    }
  }
  return ticks
}

/** CPU ticks spent between two readings (a process that ended meanwhile is not counted). */
function ticksBetween(before: Map<number, number>, after: Map<number, number>) {
  let spent = 0
  for (const [pid, ticks] of after) spent += ticks - (before.get(pid) ?? 0)
  return spent
}

function rssBytes(pids: number[]) {
  let pages = 0
  for (const pid of pids) {
    try {
      pages += readStat(pid).rssPages
    } catch {
      // gone
    }
  }
  return pages * 4096
}

export type Usage = {
  rssPeakMb: number
  rssEndMb: number
  cpuPercent: number
  postgresCpuPercent: number
  rssSamplesMb: number[]
}

/** Samples the server's memory every `intervalMs` until stopped; CPU as a share of one core. */
export function watchUsage(serverPid: number, intervalMs = 500) {
  const started = performance.now()
  const serverPids = () => processTree(serverPid)
  const serverTicks = cpuTicks(serverPids())
  const databaseTicks = cpuTicks(postgresPids())
  const samples: number[] = []
  const sample = () => samples.push(rssBytes(serverPids()) / 1024 / 1024)
  sample()
  const timer = setInterval(sample, intervalMs)
  return (): Usage => {
    clearInterval(timer)
    sample()
    const seconds = (performance.now() - started) / 1000
    const share = (ticks: number) => Math.round((ticks / CLOCK_TICKS_PER_SECOND / seconds) * 100)
    return {
      rssPeakMb: Math.round(Math.max(...samples)),
      rssEndMb: Math.round(samples.at(-1)!),
      cpuPercent: share(ticksBetween(serverTicks, cpuTicks(serverPids()))),
      postgresCpuPercent: share(ticksBetween(databaseTicks, cpuTicks(postgresPids()))),
      rssSamplesMb: samples.map((value) => Math.round(value)),
    }
  }
}
