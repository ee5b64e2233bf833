// Every page of the app at phone width (390 px), in both languages, signed out, as a customer and
// (for /admin) as the admin: nothing is wider than the screen. The list of pages is generated from
// app/routes/, so a new route is checked without anyone remembering to add it here.
import { readdirSync } from 'node:fs'
import type { Browser } from '@playwright/test'
import { demoAccount, expect, login, test } from './fixtures'
import { DEMO_PASSWORD } from '#tests/seed/demo'

/** Demo values for each route parameter (tests/seed/demo.ts); tokens are unknown on purpose: their error pages must fit too. */
const demoParams: Record<string, string> = {
  ideaRef: '1',
  ideaId: '1',
  userId: '1',
  updateId: '1',
  handle: 'casey-jansen',
  slug: 'you-asked-oat-milk-and-more',
  token: 'no-such-token',
}

/** Routes that answer with something other than a page a person reads (feeds, JSON, redirects after a post). */
const notPages =
  /^(api\.|healthz|images\.|updates\[\.\]|admin\.insights\[\.\]|dev\.mail|logout|language|ideas\.similar|ideas\.\$ideaRef_\.(vote|follow))/

/** `ideas.$ideaRef_.edit.tsx` → `/ideas/1/edit`; `admin._index.tsx` → `/admin`; layout-only segments drop out. */
function routeUrl(file: string) {
  const segments = file
    .replace(/\.tsx?$/, '')
    .replace(/\[\.\]/g, '\u0000')
    .split('.')
    .map((segment) => segment.replace(/\u0000/g, '.').replace(/_$/, ''))
    .filter((segment) => segment !== '_index' && segment !== '$')
    .map((segment) => {
      if (!segment.startsWith('$')) return segment
      const value = demoParams[segment.slice(1)]
      if (!value) throw new Error(`No demo value for ${segment} in ${file}: add one to demoParams`)
      return value
    })
  return `/${segments.join('/')}`
}

const routeFiles = readdirSync('app/routes').filter(
  (file) => /\.tsx?$/.test(file) && !notPages.test(file),
)
const urls = [...new Set(routeFiles.map(routeUrl))].sort()
const customerUrls = urls.filter((url) => url !== '/admin' && !url.startsWith('/admin/'))
// /admin itself, and the splat route's own 404 page.
const adminUrls = urls.filter((url) => url === '/admin' || url.startsWith('/admin/'))
customerUrls.push('/no-such-page')

const phone = { width: 390, height: 844 }

async function signedInContext(browser: Browser, locale: string, role?: 'customer' | 'admin') {
  const context = await browser.newContext({ viewport: phone, locale })
  const page = await context.newPage()
  if (role) {
    const account = demoAccount(role)
    await page.goto('/login')
    await page.locator('input[name="email"]').fill(account.email)
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
    await page.locator('main form button[type="submit"]').click()
    await expect(page.locator('.account-menu summary')).toBeVisible()
  }
  return { context, page }
}

test('the route list covers the app', () => {
  expect(customerUrls).toContain('/ideas/1/edit')
  expect(customerUrls).toContain('/u/casey-jansen')
  expect(adminUrls).toContain('/admin/settings')
  expect(adminUrls.length).toBeGreaterThanOrEqual(15)
})

for (const locale of ['en-GB', 'nl-NL'] as const) {
  for (const role of [undefined, 'customer', 'admin'] as const) {
    const list = role === 'admin' ? adminUrls : customerUrls
    test(`no page scrolls sideways at 390 px: ${locale}, ${role ?? 'signed out'} (${list.length} pages)`, async ({
      browser,
    }) => {
      const { context, page } = await signedInContext(browser, locale, role)
      const wide: string[] = []
      for (const url of list) {
        await page.goto(url)
        const overflow = await page.evaluate(() => {
          const width = window.innerWidth
          const culprits = [...document.querySelectorAll('body *')]
            .filter(
              (element) =>
                element.getBoundingClientRect().right > width + 1 &&
                getComputedStyle(element).position !== 'fixed',
            )
            .slice(-3)
            .map(
              (element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`,
            )
          // Two navigation landmarks with one name cannot be told apart in a screen reader's list.
          const navNames = [...document.querySelectorAll('nav')].map((nav) => nav.getAttribute('aria-label') ?? '')
          const sameName = navNames.filter((name, index) => navNames.indexOf(name) !== index)
          return { by: document.documentElement.scrollWidth - width, culprits, sameName }
        })
        if (overflow.by > 0) wide.push(`${url} (${page.url()}) by ${overflow.by}px: ${overflow.culprits.join(', ')}`)
        if (overflow.sameName.length) wide.push(`${url}: two <nav> named "${overflow.sameName.join('", "')}"`)
      }
      await context.close()
      expect(wide, 'pages wider than a 390 px phone, or with nav landmarks of one name').toEqual([])
    })
  }
}

test.describe('on a phone', () => {
  test.use({ viewport: phone })

  // The other journeys check the pages they visit; these are the ones none of them opens.
  test('the pages no journey visits pass axe, label in name included', async ({ page, checkA11y }) => {
    for (const url of ['/', '/promises', '/leaderboard', '/u/casey-jansen']) {
      await page.goto(url)
      await checkA11y()
    }
    await login(page, 'customer')
    await checkA11y()
  })

  test('the back office: one-line menu, tables as cards, the mail banner once, axe on settings and promises', async ({ page, checkA11y }) => {
    await login(page, 'admin')
    await page.goto('/admin')
    const menu = page.locator('.admin-nav')
    expect((await menu.boundingBox())!.height, 'the closed menu is one line').toBeLessThan(70)
    await expect(page.getByRole('link', { name: 'Settings' })).toBeHidden()
    await page.getByText('Back-office menu').click()
    await page.getByRole('link', { name: 'Settings' }).click()
    await expect(page).toHaveURL(/\/admin\/settings$/)
    await checkA11y()
    await page.goto('/admin/promises')
    await checkA11y()

    const banner = page.getByText('Email is not being sent: SMTP_URL is not set')
    for (const url of ['/admin', '/admin/ideas', '/admin/ideas?view=mine', '/admin/people', '/admin/mail', '/admin/audit']) {
      await page.goto(url)
      const inner = await page.evaluate(() => [...document.querySelectorAll('.table-scroll')].map((scroller) => scroller.scrollWidth - scroller.clientWidth))
      expect(inner.filter((by) => by > 0), `${url}: a table scrolls sideways`).toEqual([])
      await expect(banner).toHaveCount(url === '/admin' || url === '/admin/mail' ? 1 : 0)
    }
  })
})

test('the main pages fit a 1280 px screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  for (const url of ['/', '/ideas', '/ideas/1', '/ideas/new', '/roadmap', '/updates', '/promises', '/leaderboard']) {
    await page.goto(url)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), url).toBeLessThanOrEqual(0)
  }
  await context.close()
})
