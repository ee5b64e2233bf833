// `npm run screenshots`: the e2e server (a production build with the demo data on a fresh database,
// see playwright.config.ts) and one run that saves every customer page to docs/screenshots/.
import { fileURLToPath } from 'node:url'

import base from '../../playwright.config'

// Playwright starts the web server in the config's folder; its command is written for the repository's root.
const root = fileURLToPath(new URL('../..', import.meta.url))

export default {
  ...base,
  testDir: '.',
  testMatch: 'screenshots.shoot.ts',
  webServer: { ...base.webServer, cwd: root },
  outputDir: '../.artifacts/screenshot-results',
  // One page after another: the pictures are for looking at, not for speed.
  workers: 1,
  timeout: 600_000,
}
