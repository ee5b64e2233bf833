// A small fixed set of customer pages, shot from a running server, for before/after comparisons
// (docs/screenshots/BEFORE-AFTER.md). Run it against any build, e.g. an older commit started in a
// worktree of its own:
//   BASE_URL=http://localhost:3211 npx tsx tests/screenshots/before-after.ts docs/screenshots/before
// The names match `npm run screenshots` (docs/screenshots/<page>-<width>-<language>.png), so each
// picture pairs with its "after". Full-page, at a device scale of 1, to keep the files small.
import { mkdirSync } from 'node:fs'

import { type Browser, chromium } from '@playwright/test'

import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '#app/demo/demo-seed.server'

import { systemChromium } from '../e2e/chromium'

const baseUrl = process.env.BASE_URL ?? 'http://localhost:3100'
const folder = process.argv[2] ?? 'docs/screenshots/before'

/** Page, width, language, and whether it needs the demo customer signed in. */
export const beforeAfterPages = [
  { url: '/ideas', name: 'ideas', width: 390, language: 'en', signedIn: false },
  { url: '/ideas', name: 'ideas', width: 1280, language: 'en', signedIn: false },
  { url: '/ideas/1', name: 'ideas-1', width: 390, language: 'en', signedIn: false },
  { url: '/ideas/1', name: 'ideas-1', width: 1280, language: 'en', signedIn: false },
  {
    url: '/account/notifications',
    name: 'account-notifications',
    width: 1280,
    language: 'en',
    signedIn: true,
  },
  { url: '/promises', name: 'promises', width: 390, language: 'nl', signedIn: false },
] as const

async function shoot(browser: Browser, page: (typeof beforeAfterPages)[number]) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: page.width, height: page.width < 600 ? 844 : 800 },
    deviceScaleFactor: 1,
    locale: page.language === 'nl' ? 'nl-NL' : 'en-GB',
  })
  const tab = await context.newPage()
  if (page.signedIn) {
    const customer = DEMO_ACCOUNTS.find((account) => account.role === 'customer')!
    await tab.goto('/login')
    await tab.locator('input[name="email"]').fill(customer.email)
    await tab.locator('input[name="password"]').fill(DEMO_PASSWORD)
    await tab.locator('main form button[type="submit"]').click()
    await tab.locator('.account-menu summary').waitFor()
  }
  await tab.goto(page.url)
  await tab.screenshot({
    path: `${folder}/${page.name}-${page.width}-${page.language}.png`,
    fullPage: true,
  })
  await context.close()
}

mkdirSync(folder, { recursive: true })
const browser = await chromium.launch({
  executablePath: systemChromium(),
  args: ['--no-sandbox', '--disable-gpu'],
})
try {
  for (const page of beforeAfterPages) await shoot(browser, page)
} finally {
  await browser.close()
}
console.log(`Saved ${beforeAfterPages.length} pictures of ${baseUrl} to ${folder}/`)
