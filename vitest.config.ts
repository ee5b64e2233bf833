import path from 'node:path'

import { defineConfig } from 'vitest/config'

const alias = {
  '#app': path.resolve(import.meta.dirname, 'app'),
  '#tests': path.resolve(import.meta.dirname, 'tests'),
}

// Integration tests talk to a real database: PGlite by default, PostgreSQL when
// TEST_DATABASE_URL or DATABASE_URL is set. Each file gets a database of its own.
const integration = [
  'app/domain/**/*.server.test.ts',
  'app/db/**/*.test.ts',
  'app/routes/**/*.test.ts',
  'tests/integration/**/*.test.ts',
]

/** Unit test files that `vi.mock` a module (checked by app/test-isolation.test.ts). */
export const mockingUnit = [
  'app/utils/i18n/i18n.browser.test.ts',
  'app/utils/markdown.server.fallback.test.ts',
]

/** Integration test files that `vi.mock` a module (checked by app/test-isolation.test.ts). */
export const mockingIntegration = [
  'app/domain/ideas/ideas.server.test.ts',
  'app/domain/pages/idea-page.server.test.ts',
]

const integrationSetup = {
  environment: 'node' as const,
  globalSetup: ['tests/setup/global-setup.ts'],
  setupFiles: ['tests/setup/database.ts', 'tests/setup/console.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // Every page answered after one statement is checked against its loaders, and a difference fails
  // the request (docs/decisions/040): every test that reads a page twice checks the versions. The
  // anonymous page cache is off, so that visitors' pages are worked out (and checked) too.
  env: { KEPT_ANSWER_CHECK_EVERY: '1', PAGE_CACHE_SECONDS: '0' },
}

export default defineConfig({
  resolve: { alias },
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          // Property tests run hundreds of cases: a loaded machine must not fail them by the clock.
          testTimeout: 30_000,
          // One module graph per worker, as for the integration files below: importing the app's
          // modules again for each of ~70 files was 20 of the project's 49 CPU-seconds.
          isolate: false,
          include: ['app/**/*.test.{ts,tsx}'],
          exclude: [...integration, ...mockingUnit, 'node_modules/**'],
          setupFiles: ['tests/setup/console.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'unit-isolated',
          environment: 'node',
          testTimeout: 30_000,
          include: mockingUnit,
          setupFiles: ['tests/setup/console.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          // One module graph per worker, not per file: importing the app again for each of ~90
          // files cost ~60 s of the run. Each file still gets a database of its own
          // (tests/setup/database.ts runs before each file); files that replace a module with
          // `vi.mock` run isolated below, since a mock would leak into the files after them.
          isolate: false,
          include: integration,
          exclude: [...mockingIntegration, 'node_modules/**'],
          ...integrationSetup,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration-isolated',
          include: mockingIntegration,
          ...integrationSetup,
        },
      },
    ],
  },
})
