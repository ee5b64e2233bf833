// End-to-end tests: Chromium against the production build, on a database of its own with the demo data.

import { defineConfig, devices } from '@playwright/test'

import { systemChromium } from './tests/e2e/chromium'
import { E2E_PGLITE_DIR, e2eDatabaseUrl } from './tests/e2e/e2e-database'
import { E2E_OIDC_PORT } from './tests/e2e/oidc-port'

const PORT = Number(process.env.E2E_PORT ?? 3100)
const adminDatabaseUrl = process.env.DATABASE_URL
const serverDatabase: Record<string, string> = adminDatabaseUrl
  ? { DATABASE_URL: e2eDatabaseUrl(adminDatabaseUrl)!, E2E_ADMIN_DATABASE_URL: adminDatabaseUrl }
  : { PGLITE_DATA_DIR: E2E_PGLITE_DIR }
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'DATABASE_URL',
  ),
)

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'tests/.artifacts/test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // A guard against a hung journey, not a speed limit: the longest journeys (a dozen pages, each
  // checked with axe) took 25–35 s here on a fast day and 46 s on a slow one, on the same kind of
  // machine (docs/performance.md: its speed varies by ±30 % from day to day).
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    // No trace: recording one (DOM snapshots at every step) for every journey, to keep it only for a
    // failed one, cost ~12 % of the run's time on two cores (and a whole run is held to 10 minutes).
    // A failure still leaves its message, the page's accessibility snapshot (error-context.md) and a
    // screenshot; to see a journey step by step, run it again with `npm run test:e2e -- --trace on`.
    trace: 'off',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: systemChromium(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // prepare-database.ts gives the server a fresh database; start.ts builds, migrates, seeds, serves.
    command: 'npx tsx tests/e2e/prepare-database.ts && npx tsx app/cli/start.ts',
    url: `http://localhost:${PORT}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      ...inherited,
      ...serverDatabase,
      NODE_ENV: 'production',
      PORT: String(PORT),
      SEED_DEMO: 'true',
      E2E: '1',
      // Every journey signs people up from this one machine's address.
      SIGN_UP_LIMIT_PER_HOUR: '1000',
      // Notification emails carry a reply address, so the reply-by-email journey can answer one.
      INBOUND_EMAIL_DOMAIN: 'reply.example.test',
      // A comment's email is sent at once, not after its edit window (decision 039): the journeys read
      // it within seconds (the wait itself is tested in tests/integration).
      COMMENT_EMAIL_WAIT_MINUTES: '0',
      // Each page answered after one statement is checked against its loaders; a difference is a 500 (decision 040).
      KEPT_ANSWER_CHECK_EVERY: '1',
      OIDC_PROVIDERS: JSON.stringify([
        {
          id: 'example',
          label: 'Example ID',
          issuer: `http://127.0.0.1:${E2E_OIDC_PORT}`,
          clientId: 'ideabox',
          clientSecret: 'ideabox-example-secret',
        },
      ]),
    },
  },
})
