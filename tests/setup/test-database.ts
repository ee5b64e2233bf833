// Where the test suite keeps its databases: PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is
// set (a migrated template, copied per test file), otherwise in-memory PGlite per test file.
import postgres from 'postgres'

export function serverUrl() {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined
}

/** The same server and credentials, another database. */
export function urlForDatabase(baseUrl: string, database: string) {
  const url = new URL(baseUrl)
  url.pathname = `/${database}`
  return url.toString()
}

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE). */
export async function adminQuery(baseUrl: string, statement: string) {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(statement)
  } finally {
    await admin.end({ timeout: 5 })
  }
}

export const TEMPLATE_ENV = 'IDEABOX_TEST_TEMPLATE'
/** PGlite: the file holding a migrated database's snapshot, which every test file starts from. */
export const PGLITE_TEMPLATE_ENV = 'IDEABOX_TEST_PGLITE_TEMPLATE'
