// Owns the reliability run's own PostgreSQL: a throwaway cluster (initdb into a temp dir, a free port
// from 55432 up, sockets in that dir), started and stopped at will for the outage check, and removed
// afterwards. The machine's own PostgreSQL and its databases are never touched.
import { execFile, execFileSync, spawnSync } from 'node:child_process'
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import { freePort } from './ports'

const execFileAsync = promisify(execFile)

const FIRST_PORT = 55432
const DIR_PREFIX = 'ideabox-reliability-pg-'
const OWNER_FILE = 'reliability-runner.pid'

export class PostgresUnavailable extends Error {}

export type PrivatePostgres = {
  port: number
  dataDir: string
  /** A connection URL for `database` on this cluster (user postgres, trust auth). */
  url: (database?: string) => string
  /** `pg_ctl stop -m fast`: sessions are cut off, new connections refused. */
  stop: () => Promise<void>
  /** `pg_ctl start`, waiting until it accepts connections. */
  start: () => Promise<void>
  isRunning: () => boolean
  /** Stops (if running) and deletes the cluster. Safe to call more than once. */
  destroy: () => void
}

/** The binaries: $PG_BIN, else the newest /usr/lib/postgresql/<version>/bin, else pg_config's. */
function findPostgresBinaries(): string {
  const candidates = [process.env.PG_BIN]
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`))
  }
  const fromPgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' })
  if (fromPgConfig.status === 0) candidates.push(fromPgConfig.stdout.trim())
  const found = candidates.find(
    (dir) => dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')),
  )
  if (!found) {
    throw new PostgresUnavailable(
      'No PostgreSQL server binaries (initdb, pg_ctl) found in $PG_BIN, /usr/lib/postgresql/*/bin or `pg_config --bindir`. Install PostgreSQL (e.g. `apt-get install postgresql`) or set PG_BIN.',
    )
  }
  return found
}

/** As root, PostgreSQL refuses to run: the cluster belongs to the postgres user and its commands run as it. */
function osUser() {
  if (process.getuid?.() !== 0) return null
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    return { uid, gid }
  } catch {
    throw new PostgresUnavailable(
      'Running as root, but there is no `postgres` OS user to own the throwaway cluster (PostgreSQL refuses to run as root). Run as a normal user, or create the postgres user.',
    )
  }
}

function command(
  bin: string,
  tool: string,
  args: string[],
  asPostgres: boolean,
): [string, string[]] {
  return asPostgres
    ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]]
    : [path.join(bin, tool), args]
}

/** Runs a PostgreSQL tool without blocking the event loop (the load keeps running meanwhile). */
async function run(
  bin: string,
  tool: string,
  args: string[],
  { asPostgres }: { asPostgres: boolean },
) {
  const [file, fullArgs] = command(bin, tool, args, asPostgres)
  try {
    const { stdout } = await execFileAsync(file, fullArgs, { encoding: 'utf8', timeout: 90_000 })
    return stdout
  } catch (error) {
    const failure = error as { code?: number | string; stderr?: string; stdout?: string }
    throw new Error(
      `${tool} ${args.join(' ')} failed (${failure.code}):\n${failure.stderr || failure.stdout || String(error)}`,
    )
  }
}

/** The same, synchronously: for cleanup on exit, when nothing may be awaited. */
function runNow(
  bin: string,
  tool: string,
  args: string[],
  { asPostgres }: { asPostgres: boolean },
) {
  const [file, fullArgs] = command(bin, tool, args, asPostgres)
  return spawnSync(file, fullArgs, { encoding: 'utf8', timeout: 60_000 }).status === 0
}

function processAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Clusters left behind by a runner that was itself killed: stopped and removed. Live runs are left alone. */
function reapAbandonedClusters(bin: string, asPostgres: boolean) {
  for (const name of readdirSync(os.tmpdir()).filter((entry) => entry.startsWith(DIR_PREFIX))) {
    const dir = path.join(os.tmpdir(), name)
    const ownerFile = path.join(dir, OWNER_FILE)
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : 0
    if (owner && processAlive(owner)) continue
    if (existsSync(path.join(dir, 'data', 'postmaster.pid')))
      runNow(bin, 'pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop'], {
        asPostgres,
      })
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = findPostgresBinaries()
  const owner = osUser()
  const asPostgres = owner !== null
  reapAbandonedClusters(bin, asPostgres)
  const root = mkdtempSync(path.join(os.tmpdir(), DIR_PREFIX))
  writeFileSync(path.join(root, OWNER_FILE), String(process.pid))
  const dataDir = path.join(root, 'data')
  if (owner) chownSync(root, owner.uid, owner.gid)
  let running = false
  let destroyed = false

  const destroy = () => {
    if (destroyed) return
    destroyed = true
    if (running || existsSync(path.join(dataDir, 'postmaster.pid'))) {
      // Immediate: the data is thrown away anyway. A failure means it was already gone.
      runNow(bin, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], { asPostgres })
    }
    running = false
    rmSync(root, { recursive: true, force: true })
  }

  try {
    await run(
      bin,
      'initdb',
      ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { asPostgres },
    )
    const port = await freePort(FIRST_PORT)
    // Throwaway data: no fsync. Sockets live in the cluster's own directory, not the system's.
    const serverOptions = [
      `-p ${port}`,
      `-k ${root}`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ')
    const start = async () => {
      await run(
        bin,
        'pg_ctl',
        [
          '-D',
          dataDir,
          '-o',
          serverOptions,
          '-l',
          path.join(root, 'server.log'),
          '-w',
          '-t',
          '60',
          'start',
        ],
        { asPostgres },
      )
      running = true
    }
    const stop = async () => {
      await run(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'], {
        asPostgres,
      })
      running = false
    }
    await start()
    return {
      port,
      dataDir,
      url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
      start,
      stop,
      isRunning: () => running,
      destroy,
    }
  } catch (error) {
    destroy()
    throw error
  }
}
