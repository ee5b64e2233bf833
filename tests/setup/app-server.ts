// The real HTTP layer (app/server/http.server.ts) around a test build of the root and these routes,
// listening on a free port for the file's tests: what a browser or a proxy gets, headers and all.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll } from 'vitest'

import { createApp, listen } from '#app/server/http.server'

import { appBuild, type AppRoute } from './app-build'

/** Starts the app before the file's tests and stops it after; `base()` is its origin. */
export function serveAppDuringTests(routes: AppRoute[]) {
  let server: Server | undefined
  let origin = ''
  beforeAll(async () => {
    const { app } = await createApp({ build: appBuild(routes) })
    server = await listen(app, { port: 0, host: '127.0.0.1' })
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(
    () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  )
  return { base: () => origin }
}
