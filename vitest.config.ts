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
          include: ['app/**/*.test.{ts,tsx}'],
          exclude: [...integration, 'node_modules/**'],
          setupFiles: ['tests/setup/console.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          environment: 'node',
          include: integration,
          globalSetup: ['tests/setup/global-setup.ts'],
          setupFiles: ['tests/setup/database.ts', 'tests/setup/console.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
