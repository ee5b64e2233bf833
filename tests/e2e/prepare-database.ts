// Runs before the e2e server starts: drops and recreates its database so every run starts from the
// demo data alone. Then hands the right settings to the server through env (see playwright.config).
import { rmSync } from 'node:fs'

import postgres from 'postgres'

import { E2E_PGLITE_DIR } from './e2e-database'

const target = process.env.DATABASE_URL
const adminUrl = process.env.E2E_ADMIN_DATABASE_URL
if (target && adminUrl) {
  const name = new URL(target).pathname.slice(1)
  if (!/^\w+_e2e$/.test(name)) throw new Error(`Refusing to recreate ${name}: not an e2e database`)
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists ${name} with (force)`)
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  console.log(`e2e database: ${name}`)
} else {
  rmSync(E2E_PGLITE_DIR, { recursive: true, force: true })
  console.log(`e2e database: PGlite in ${E2E_PGLITE_DIR}`)
}
