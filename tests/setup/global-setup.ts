// Once per run: create and migrate the database every test file starts from. On PostgreSQL a
// template database each file copies; on PGlite a snapshot each file loads (migrating a fresh PGlite
// takes ~10 s, loading a snapshot ~1.5 s: the suite on the embedded default is minutes faster).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { connect } from '#app/db/db.server'
import { migrateDatabase } from '#app/db/migrate.server'

import {
  adminQuery,
  PGLITE_TEMPLATE_ENV,
  serverUrl,
  TEMPLATE_ENV,
  urlForDatabase,
} from './test-database'

async function pgliteSnapshot() {
  const connection = connect({ pgliteDataDir: 'memory://' })
  await migrateDatabase(connection)
  const snapshot = await connection.snapshot!()
  await connection.close()
  const file = path.resolve(`tests/.artifacts/pglite-template-${process.pid}.tar.gz`)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()))
  process.env[PGLITE_TEMPLATE_ENV] = file
  return () => rmSync(file, { force: true })
}

export default async function globalSetup() {
  // Both integration projects (vitest.config.ts) name this set-up; the first one makes the database
  // both start from, and removes it at the end.
  if (process.env[TEMPLATE_ENV] || process.env[PGLITE_TEMPLATE_ENV]) return
  const baseUrl = serverUrl()
  if (!baseUrl) return pgliteSnapshot()
  const template = `ideabox_test_tpl_${process.pid}`
  await adminQuery(baseUrl, `drop database if exists ${template}`)
  await adminQuery(baseUrl, `create database ${template}`)
  const connection = connect({ databaseUrl: urlForDatabase(baseUrl, template), poolSize: 2 })
  await migrateDatabase(connection)
  await connection.close()
  process.env[TEMPLATE_ENV] = template
  return async () => {
    await adminQuery(baseUrl, `drop database if exists ${template} with (force)`)
  }
}
