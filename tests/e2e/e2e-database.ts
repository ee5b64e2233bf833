// The database the end-to-end server uses: `<name>_e2e` beside DATABASE_URL, or a PGlite folder.
import path from 'node:path'

export const E2E_PGLITE_DIR = path.resolve('tests/.artifacts/e2e-pglite')

export function e2eDatabaseUrl(databaseUrl: string | undefined) {
  if (!databaseUrl) return undefined
  const url = new URL(databaseUrl)
  url.pathname = `/${url.pathname.replace(/^\//, '') || 'postgres'}_e2e`
  return url.toString()
}
