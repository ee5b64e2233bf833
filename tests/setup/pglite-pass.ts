// `npm run test:pglite`: the integration tests whose outcome can differ between the embedded
// database (PGlite, PostgreSQL 18 in WASM, one connection) and a PostgreSQL server (15 here, a pool).
// CI runs the whole suite on PostgreSQL and then this pass on PGlite; `npm test` without
// DATABASE_URL runs everything on PGlite, so a laptop still covers all of it.
// What differs, and the tests that cover it:
// - the driver and the migrator (one connection, no pool, WASM start-up)          → app/db/
// - SQL functions and their checksum-tracked definitions (cast_vote, rate limits) → app/domain/votes/, app/domain/rate-limits/
// - full-text search, trigram similarity, collation and ordering of lists         → ideas.server, cursors.server, lists-invariants
// - the demo data `npm start` loads into PGlite                                   → demo-seed
// Not here: the page-version triggers (tests/integration/kept-answers.test.ts). They are PL/pgSQL,
// which PGlite runs as the server does, and the test was the pass's longest (78 of its 85 s in CI,
// 2026-12-08); `npm test` without DATABASE_URL still runs it on PGlite.
import { spawnSync } from 'node:child_process'

export const PGLITE_SENSITIVE = [
  'app/db/',
  'app/domain/votes/',
  'app/domain/rate-limits/',
  'app/domain/ideas/ideas.server.test.ts',
  'app/domain/ideas/cursors.server.test.ts',
  'tests/integration/lists-invariants.test.ts',
  'tests/integration/demo-seed.test.ts',
  'app/domain/ideas/hot-score.parity.server.test.ts',
] as const

const env = { ...process.env }
delete env.DATABASE_URL
delete env.TEST_DATABASE_URL
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--project',
    'integration',
    '--project',
    'integration-isolated',
    ...PGLITE_SENSITIVE,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env },
)
process.exit(run.status ?? 1)
