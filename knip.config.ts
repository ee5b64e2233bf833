// knip: exports, files and dependencies nobody uses (`npm run lint` runs it). Remix's routes and
// entries, vitest's and Playwright's test files and the ESLint config are found by knip's plugins;
// package.json's scripts name theirs; the entries listed here are the commands and scripts started
// by path.
import type { KnipConfig } from 'knip'

const config: KnipConfig = {
  entry: [
    'app/cli/*.ts',
    // bench/run.ts starts the baseline server by path.
    'bench/{run,seed-large,bundle-size,baseline-server,js-size,post-cost}.ts',
    // The screenshot tools (the before/after one is run by hand with tsx).
    'tests/screenshots/*.ts',
  ],
  project: ['app/**/*.{ts,tsx}', 'bench/**/*.ts', 'tests/**/*.ts', '*.{ts,js}'],
  // Type packages the compiler reads for mailparser and smtp-server; vite's client types come with
  // vitest; @remix-run/router comes with @remix-run/* and only its patch's test reads it.
  ignoreDependencies: ['@types/mailparser', '@types/smtp-server', 'vite', '@remix-run/router'],
  // The reliability suite looks for a PostgreSQL installation by running its pg_config when present.
  ignoreBinaries: ['pg_config'],
}

export default config
