// Makes sure build/ holds a production build of the current sources (for `npm start`, the
// benchmark and the reliability runner): builds only when the sources changed since.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export const BUILD_FILE = path.resolve('build/index.js')
/** The HTTP server, bundled so production runs on plain Node (no TypeScript loader in memory). */
export const SERVER_FILE = path.resolve('build/server.js')
/**
 * Node's flags for the production server (`npm run serve`, the benchmark, the reliability runner).
 * Without a heap size V8 lets a busy server's heap grow to ~200 MB of garbage before collecting
 * it (the live set is ~60 MB), and the process passed 300 MB; with one it collects earlier, for
 * the same throughput (docs/performance.md). The young generation is kept to 8 MB a semi-space
 * (V8's default is 16): while 200 people's own pages were first rendered at once, RSS peaked at
 * 278–281 MB with the default and 234–238 MB with 8, at the same pages per second. To give a
 * process more, run build/server.js yourself.
 */
export const SERVER_NODE_ARGS = ['--max-old-space-size=256', '--max-semi-space-size=8'] as const

function newestSourceChange(paths: string[]): number {
  let newest = 0
  for (const entry of paths) {
    if (!existsSync(entry)) continue
    const stat = statSync(entry)
    if (stat.isDirectory()) {
      const children = readdirSync(entry).map((child) => path.join(entry, child))
      newest = Math.max(newest, newestSourceChange(children))
    } else {
      newest = Math.max(newest, stat.mtimeMs)
    }
  }
  return newest
}

async function buildMode(file: string) {
  try {
    const build = (await import(pathToFileURL(file).href)) as { mode?: string }
    return build.mode
  } catch {
    return undefined
  }
}

/** Builds with `npm run build` (Remix, then the server) unless build/ is a production build newer than every source file. */
export async function ensureProductionBuild() {
  const builtAt =
    existsSync(BUILD_FILE) && existsSync(SERVER_FILE)
      ? Math.min(statSync(BUILD_FILE).mtimeMs, statSync(SERVER_FILE).mtimeMs)
      : 0
  const stale =
    builtAt < newestSourceChange(['app', 'remix.config.js', 'package.json', 'tsconfig.json'])
  // `npm run dev` leaves a development build behind; production must not serve it.
  if (!stale && (await buildMode(BUILD_FILE)) === 'production') return
  console.log(
    builtAt
      ? 'The build is out of date or from `npm run dev`: building…'
      : 'No build yet: building…',
  )
  const result = spawnSync('npm', ['run', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) throw new Error(`npm run build failed with exit code ${result.status}`)
}
