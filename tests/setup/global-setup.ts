// Once per run: on PostgreSQL, create and migrate a template database every test file copies.
import { connect } from '#app/db/db.server'
import { migrateDatabase } from '#app/db/migrate.server'
import { adminQuery, serverUrl, TEMPLATE_ENV, urlForDatabase } from './test-database'

export default async function globalSetup() {
  const baseUrl = serverUrl()
  if (!baseUrl) return
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
