// Per test file: a database of its own, so files run in parallel without sharing state.
import { readFileSync } from 'node:fs'

import { afterAll, beforeAll } from 'vitest'

import { closeDatabase, connect, connection, useConnection } from '#app/db/db.server'
import { migrateDatabase } from '#app/db/migrate.server'
import { resetEnvCache } from '#app/utils/env.server'

import {
  adminQuery,
  PGLITE_TEMPLATE_ENV,
  serverUrl,
  TEMPLATE_ENV,
  urlForDatabase,
} from './test-database'

// The integration project runs with `isolate: false` (vitest.config.ts): this file runs again
// before each test file in the same worker, after the file before it pointed DATABASE_URL at its own
// database and perhaps changed other variables. Each file starts from the worker's first environment.
const worker = globalThis as { ideaboxTestEnv?: Record<string, string | undefined> }
worker.ideaboxTestEnv ??= { ...process.env }
for (const key of Object.keys(process.env))
  if (!(key in worker.ideaboxTestEnv)) delete process.env[key]
Object.assign(process.env, worker.ideaboxTestEnv)

const baseUrl = serverUrl()
const template = process.env[TEMPLATE_ENV]
const databaseName = `ideabox_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`

process.env.NODE_ENV = 'test'
if (baseUrl && template) {
  process.env.DATABASE_URL = urlForDatabase(baseUrl, databaseName)
} else {
  delete process.env.DATABASE_URL
  process.env.PGLITE_DATA_DIR = 'memory://'
}
resetEnvCache()

beforeAll(async () => {
  if (baseUrl && template) {
    await adminQuery(baseUrl, `create database ${databaseName} template ${template}`)
  } else {
    // Started from the migrated snapshot when the run made one; migrating then finds nothing to do.
    const snapshot = process.env[PGLITE_TEMPLATE_ENV]
    if (snapshot)
      useConnection(
        connect({ pgliteDataDir: 'memory://', pgliteSnapshot: new Blob([readFileSync(snapshot)]) }),
      )
    await migrateDatabase(connection())
  }
})

afterAll(async () => {
  await closeDatabase()
  if (baseUrl && template)
    await adminQuery(baseUrl, `drop database if exists ${databaseName} with (force)`)
})
