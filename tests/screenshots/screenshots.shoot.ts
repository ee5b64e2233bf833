// Saves every customer page (generated from app/routes/, tests/e2e/route-urls.ts) at 390 and 1280 px,
// in English and Dutch, to docs/screenshots/<page>-<width>-<language>.png. A page that asks a
// signed-out visitor to sign in is shot as the demo customer instead. Every back-office page is shot
// as the demo admin, in English, to docs/screenshots/admin/<page>-<width>.png.
import { mkdirSync, readdirSync, rmSync } from 'node:fs'

import { type Browser, expect, type Page, test } from '@playwright/test'

import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '#app/demo/demo-seed.server'

import { adminUrls, customerUrls } from '../e2e/route-urls'

const folder = 'docs/screenshots'
const widths = [390, 1280] as const
const locales = { en: 'en-GB', nl: 'nl-NL' } as const

function fileName(url: string) {
  return url === '/' ? 'home' : url.slice(1).replace(/[^a-z0-9]+/gi, '-')
}

async function signIn(page: Page, role: 'customer' | 'admin' = 'customer') {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role)!
  await page.goto('/login')
  await page.locator('input[name="email"]').fill(account.email)
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('main form button[type="submit"]').click()
  await expect(page.locator('.account-menu summary')).toBeVisible()
}

async function contextFor(
  browser: Browser,
  width: number,
  language: keyof typeof locales,
  signedIn: false | 'customer' | 'admin',
) {
  const context = await browser.newContext({
    viewport: { width, height: width < 600 ? 844 : 800 },
    locale: locales[language],
  })
  const page = await context.newPage()
  if (signedIn) await signIn(page, signedIn)
  return { context, page }
}

/** The whole page, cut at 4,000 px so a long list stays a picture one can open (and a modest file). */
async function shoot(page: Page, path: string) {
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
  }))
  await page.screenshot({
    path,
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, 4_000) },
  })
}

test('screenshots of every customer page', async ({ browser }) => {
  // Only this run's own pictures go: the before/ set and BEFORE-AFTER.md beside them stay.
  mkdirSync(folder, { recursive: true })
  for (const file of readdirSync(folder)) if (file.endsWith('.png')) rmSync(`${folder}/${file}`)
  for (const width of widths) {
    for (const language of Object.keys(locales) as (keyof typeof locales)[]) {
      const guest = await contextFor(browser, width, language, false)
      const customer = await contextFor(browser, width, language, 'customer')
      for (const url of customerUrls) {
        await guest.page.goto(url)
        const page =
          new URL(guest.page.url()).pathname === '/login' && url !== '/login'
            ? customer.page
            : guest.page
        if (page !== guest.page) await page.goto(url)
        await shoot(page, `${folder}/${fileName(url)}-${width}-${language}.png`)
      }
      await guest.context.close()
      await customer.context.close()
    }
  }
})

test('screenshots of every back-office page', async ({ browser }) => {
  const adminFolder = `${folder}/admin`
  rmSync(adminFolder, { recursive: true, force: true })
  mkdirSync(adminFolder, { recursive: true })
  for (const width of widths) {
    const admin = await contextFor(browser, width, 'en', 'admin')
    for (const url of adminUrls) {
      await admin.page.goto(url)
      await shoot(
        admin.page,
        `${adminFolder}/${url === '/admin' ? 'queue' : fileName(url.slice('/admin'.length))}-${width}.png`,
      )
    }
    await admin.context.close()
  }
})
