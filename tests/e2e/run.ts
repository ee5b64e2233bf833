// `npm run test:e2e`: makes sure a Chromium exists (Debian's, or Playwright's own, installed on first
// run on a laptop), then runs Playwright with any extra arguments passed through.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

import { chromium } from '@playwright/test'

import { systemChromium } from './chromium'

function playwrightChromiumInstalled() {
  try {
    return existsSync(chromium.executablePath())
  } catch {
    return false
  }
}

if (!systemChromium() && !playwrightChromiumInstalled()) {
  console.log('No Chromium found: installing Playwright’s Chromium (one time).')
  const install = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' })
  if (install.status !== 0) process.exit(install.status ?? 1)
}

const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(run.status ?? 1)
