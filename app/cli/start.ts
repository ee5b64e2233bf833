// `npm start`: build if the sources changed, migrate, load demo data into an empty embedded
// database, then serve the production build.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

process.env.NODE_ENV ??= 'production'

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

const buildFile = path.resolve('build/index.js')
const builtAt = existsSync(buildFile) ? statSync(buildFile).mtimeMs : 0
const stale = builtAt < newestSourceChange(['app', 'remix.config.js', 'package.json', 'tsconfig.json'])
// `npm run dev` leaves a development build behind; production must not serve it.
if (stale || (await buildMode(buildFile)) !== 'production') {
  console.log(builtAt ? 'The build is out of date or from `npm run dev`: building…' : 'No build yet: building…')
  const result = spawnSync('npx', ['remix', 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const { connection } = await import('#app/db/db.server')
const { migrateDatabase } = await import('#app/db/migrate.server')
const { env } = await import('#app/utils/env.server')
const { isEmptyDatabase, seedDemoData } = await import('./seed-if-needed.server')

const current = connection()
console.log(`Database: ${current.driver} (${current.location})`)
await migrateDatabase(current)
// Demo data goes into the embedded database by default; a real server gets it only when asked.
const seedWanted = process.env.SEED_DEMO === undefined ? current.driver === 'pglite' : env().SEED_DEMO
if (seedWanted && (await isEmptyDatabase(current))) await seedDemoData(current)

const { startServer } = await import('#app/server/http.server')
await startServer()
