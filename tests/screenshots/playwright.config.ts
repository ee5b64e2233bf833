// `npm run screenshots`: the e2e server (a production build with the demo data on a fresh database,
// see playwright.config.ts) and one run that saves every customer page to docs/screenshots/.
import { fileURLToPath } from 'node:url'
import base from '../../playwright.config'

export default {
  ...base,
  testDir: '.',
  testMatch: 'screenshots.shoot.ts',
  outputDir: '../.artifacts/screenshot-results',
  // One page after another: the pictures are for looking at, not for speed.
  workers: 1,
  timeout: 600_000,
  // The server's commands name paths from the repository's root; Playwright would run them from this folder.
  webServer: { ...base.webServer, cwd: fileURLToPath(new URL('../..', import.meta.url)) },
}
