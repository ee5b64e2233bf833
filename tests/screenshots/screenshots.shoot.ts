// Saves every customer page (generated from app/routes/, tests/e2e/route-urls.ts) at 390 and 1280 px,
// in English and Dutch, to docs/screenshots/<page>-<width>-<language>.png. A page that asks a
// signed-out visitor to sign in is shot as the demo customer instead.
import { mkdirSync, rmSync } from 'node:fs'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { customerUrls } from '../e2e/route-urls'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '#app/demo/demo-seed.server'

const folder = 'docs/screenshots'
const widths = [390, 1280] as const
const locales = { en: 'en-GB', nl: 'nl-NL' } as const

function fileName(url: string) {
  return url === '/' ? 'home' : url.slice(1).replace(/[^a-z0-9]+/gi, '-')
}

async function signIn(page: Page) {
  const customer = DEMO_ACCOUNTS.find((account) => account.role === 'customer')!
  await page.goto('/login')
  await page.locator('input[name="email"]').fill(customer.email)
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('main form button[type="submit"]').click()
  await expect(page.locator('.account-menu summary')).toBeVisible()
}

async function contextFor(browser: Browser, width: number, language: keyof typeof locales, signedIn: boolean) {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 800 }, locale: locales[language] })
  const page = await context.newPage()
  if (signedIn) await signIn(page)
  return { context, page }
}

test('screenshots of every customer page', async ({ browser }) => {
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  for (const width of widths) {
    for (const language of Object.keys(locales) as (keyof typeof locales)[]) {
      const guest = await contextFor(browser, width, language, false)
      const customer = await contextFor(browser, width, language, true)
      for (const url of customerUrls) {
        await guest.page.goto(url)
        const page = new URL(guest.page.url()).pathname === '/login' && url !== '/login' ? customer.page : guest.page
        if (page !== guest.page) await page.goto(url)
        await page.screenshot({ path: `${folder}/${fileName(url)}-${width}-${language}.png`, fullPage: true })
      }
      await guest.context.close()
      await customer.context.close()
    }
  }
})
