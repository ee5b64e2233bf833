// Entry point for `npm run serve` and `npm run dev`: serve an existing build, nothing else. With
// WEB_CONCURRENCY > 1 a primary process starts that many servers sharing the port (node:cluster)
// and replaces any that dies; they share nothing but the database, like instances do.
import cluster from 'node:cluster'

import { env } from '#app/utils/env.server'

import { startServer } from './http.server'

const workers = env().WEB_CONCURRENCY

if (workers > 1 && cluster.isPrimary) {
  let stopping = false
  for (let index = 0; index < workers; index += 1) cluster.fork()
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    console.error(
      `Server process ${worker.process.pid} ended (${signal ?? code}): starting another.`,
    )
    cluster.fork()
  })
  const stop = (signal: NodeJS.Signals) => {
    stopping = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
    const exit = () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
    }
    cluster.on('exit', exit)
    exit()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
} else {
  await startServer()
}
