// Every page of the app at phone width (390 px), in both languages, signed out, as a customer and
// (for /admin) as the admin: nothing is wider than the screen, no two navigation landmarks share a
// name, no id is used twice, no skip link shows without focus, and every field's hint describes its
// field (aria-describedby). The list of pages is generated from app/routes/ (route-urls.ts).
import type { Browser, Page } from '@playwright/test'

import { DEMO_PASSWORD } from '#app/demo/demo-seed.server'

import { demoAccount, expect, login, signUp, test } from './fixtures'
import { adminUrls, customerUrls } from './route-urls'

const phone = { width: 390, height: 844 }

async function signedInContext(browser: Browser, locale: string, role?: 'customer' | 'admin') {
  const context = await browser.newContext({ viewport: phone, locale })
  const page = await context.newPage()
  const language = locale.slice(0, 2)
  if (role && language !== 'en') await readingDutch(page, role)
  else if (role) await signIn(page, role)
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', language)
  return { context, page }
}

async function signIn(page: Page, role: 'customer' | 'admin') {
  const account = demoAccount(role)
  await page.goto('/login')
  await page.locator('input[name="email"]').fill(account.email)
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  // The password form's own button (the page also offers single sign-on buttons).
  await page
    .locator('main form', { has: page.locator('input[name="password"]') })
    .locator('button[type="submit"]')
    .click()
  await expect(page.locator('.account-menu summary')).toBeVisible()
}

/**
 * Signed in as a person of this test's own whose account reads Dutch (a signed-in person's pages are
 * in their account's language): a new customer, made an admin by the demo admin for the back office.
 * Switching a shared demo account to Dutch would turn every journey signed in as it meanwhile Dutch.
 */
async function readingDutch(page: Page, role: 'customer' | 'admin') {
  // Signed up in English (the sign-up helper reads English), then switched as a person would.
  await page.goto('/')
  await page.context().addCookies([{ name: 'ideabox_lang', value: 'en', url: page.url() }])
  const name =
    role === 'admin' ? `Beheerder ${Date.now() % 100000}` : `Klant ${Date.now() % 100000}`
  const email = await signUp(page, name)
  if (role === 'admin') {
    const staff = await page.context().browser()!.newContext({ locale: 'en-GB' })
    const admin = await staff.newPage()
    await login(admin, 'admin')
    await admin.goto(`/admin/people?q=${encodeURIComponent(email)}`)
    await admin.getByRole('link', { name }).first().click()
    await admin.locator('select#role').selectOption('admin')
    await admin.getByRole('button', { name: 'Change role' }).click()
    await expect(admin.locator('select#role')).toHaveValue('admin')
    await staff.close()
  }
  // The header's switch: the account's language and this browser's.
  await page.goto('/')
  await page.getByRole('button', { name: 'Nederlands' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl')
}

/** The back-office pages of the most-voted ideas: their voters tables are the widest (one overflowed a phone in Dutch). */
async function mostVotedIdeaPages(page: Page) {
  await page.goto('/ideas?sort=top')
  const ids = await page
    .locator('article.idea-card')
    .evaluateAll((cards) => cards.map((card) => card.id.replace('idea-', '')))
  expect(ids.length, 'ideas on /ideas?sort=top').toBeGreaterThanOrEqual(5)
  return ids.slice(0, 5).map((id) => `/admin/ideas/${id}`)
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
      const pages = role === 'admin' ? [...list, ...(await mostVotedIdeaPages(page))] : list
      for (const url of pages) {
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
          const navNames = [...document.querySelectorAll('nav')].map(
            (nav) => nav.getAttribute('aria-label') ?? '',
          )
          const sameName = navNames.filter((name, index) => navNames.indexOf(name) !== index)
          // An id used twice (settings had a section and its heading both `statuses`, labelled by itself).
          const ids = [...document.querySelectorAll('[id]')].map((element) => element.id)
          const sameId = ids.filter((id, index) => ids.indexOf(id) !== index)
          // A field's hint a screen reader never reads with the field: no control names it in its
          // aria-describedby (the note and status answers' hints did not).
          const described = new Set(
            [...document.querySelectorAll('[aria-describedby]')].flatMap((element) =>
              element.getAttribute('aria-describedby')!.split(/\s+/),
            ),
          )
          const silentHints = [...document.querySelectorAll('.field__hint')]
            .filter((hint) => !hint.id || !described.has(hint.id))
            .map((hint) => hint.id || hint.textContent!.trim().slice(0, 30))
          // Text too small to read on a phone, as drawn: an SVG scaled down to the screen draws its
          // 14 px labels at 9 px (the promises chart did).
          const tiny = [...document.querySelectorAll('main *')]
            .filter((element) =>
              [...element.childNodes].some(
                (node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim(),
              ),
            )
            .filter((element) => element.getClientRects().length > 0)
            .map((element) => {
              const scale =
                element instanceof SVGGraphicsElement ? (element.getScreenCTM()?.a ?? 1) : 1
              return {
                element,
                size: parseFloat(getComputedStyle(element).fontSize) * scale,
              }
            })
            .filter(({ size }) => size < 11)
            .slice(0, 3)
            .map(
              ({ element, size }) =>
                `"${element.textContent!.trim().slice(0, 20)}" ${size.toFixed(1)}px`,
            )
          // A skip link shows only when the keyboard reaches it, wherever the page is scrolled
          // (it showed above the sticky header of a page scrolled down).
          window.scrollTo(0, document.documentElement.scrollHeight)
          const skipLinks = [...document.querySelectorAll('.skip-link')]
            .filter((link) => link !== document.activeElement)
            .map((link) => link.getBoundingClientRect())
            .filter((box) => box.width > 1 || box.height > 1).length
          return {
            by: document.documentElement.scrollWidth - width,
            culprits,
            sameName,
            sameId,
            tiny,
            skipLinks,
            silentHints,
          }
        })
        if (overflow.by > 0)
          wide.push(`${url} (${page.url()}) by ${overflow.by}px: ${overflow.culprits.join(', ')}`)
        if (overflow.sameName.length)
          wide.push(`${url}: two <nav> named "${overflow.sameName.join('", "')}"`)
        if (overflow.sameId.length)
          wide.push(`${url}: id used twice: ${overflow.sameId.join(', ')}`)
        if (overflow.tiny.length) wide.push(`${url}: text under 11 px: ${overflow.tiny.join(', ')}`)
        if (overflow.skipLinks) wide.push(`${url}: a skip link shows without focus`)
        if (overflow.silentHints.length)
          wide.push(`${url}: hints no field is described by: ${overflow.silentHints.join(', ')}`)
      }
      await context.close()
      expect(
        wide,
        'pages wider than a 390 px phone, with nav landmarks of one name, an id used twice, text too small to read, a skip link shown or a hint no field is described by',
      ).toEqual([])
    })
  }
}

test.describe('on a phone', () => {
  test.use({ viewport: phone })

  // The other journeys check the pages they visit; these are the ones none of them opens.
  test('the pages no journey visits pass axe, label in name included', async ({
    page,
    checkA11y,
  }) => {
    for (const url of ['/', '/promises', '/leaderboard', '/u/casey-jansen']) {
      await page.goto(url)
      await checkA11y()
    }
    await login(page, 'customer')
    await checkA11y()
  })

  test('the back office: one-line menu, tables as cards, the mail banner once, axe on settings and promises', async ({
    page,
    checkA11y,
  }) => {
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

    // Every back-office page (generated from app/routes/): no table scrolls sideways inside its box.
    const scrolling: string[] = []
    for (const url of ['/admin/ideas?view=mine', ...adminUrls]) {
      await page.goto(url)
      const inner = await page.evaluate(() =>
        [...document.querySelectorAll('.table-scroll')].map(
          (scroller) => scroller.scrollWidth - scroller.clientWidth,
        ),
      )
      if (inner.some((by) => by > 0)) scrolling.push(`${url} by ${Math.max(...inner)}px`)
    }
    expect(scrolling, 'tables that scroll sideways at 390 px').toEqual([])
    const banner = page.getByText('Email is not being sent: SMTP_URL is not set')
    for (const url of ['/admin', '/admin/ideas', '/admin/people', '/admin/mail', '/admin/audit']) {
      await page.goto(url)
      await expect(banner).toHaveCount(url === '/admin' || url === '/admin/mail' ? 1 : 0)
    }
  })
})

for (const locale of ['en-GB', 'nl-NL'] as const) {
  test(`a phone's first screen, ${locale}: a one-row header, the list's choices behind "Filter", active filters as chips`, async ({
    browser,
  }) => {
    const { context, page } = await signedInContext(browser, locale)
    await page.goto('/ideas')
    const brand = (await page.locator('.brand').boundingBox())!
    const actions = (await page.locator('.site-header__actions').boundingBox())!
    expect(
      Math.abs(brand.y + brand.height / 2 - (actions.y + actions.height / 2)),
      'brand and sign-in buttons on one row',
    ).toBeLessThan(8)
    const brandName = await page
      .locator('.brand__name')
      .evaluate((name) => name.scrollWidth - name.clientWidth)
    expect(brandName, 'the site name is not cut').toBeLessThanOrEqual(0)
    const nav = (await page.locator('.main-nav').boundingBox())!
    const languages = (await page.locator('.language-switcher').boundingBox())!
    expect(nav.y, 'the main nav starts the second row').toBeGreaterThanOrEqual(
      actions.y + actions.height,
    )
    expect(
      Math.abs(nav.y + nav.height / 2 - (languages.y + languages.height / 2)),
      'the language buttons share its row',
    ).toBeLessThan(8)
    // Sort stays in sight (it is not a filter); the filters fold behind "Filter".
    await expect(page.locator('select[name="sort"]')).toBeVisible()
    await expect(page.locator('select[name="category"]')).toBeHidden()
    await expect(page.locator('.idea-card').first()).toBeInViewport()
    await page.locator('.filters__more > summary').click()
    await expect(page.locator('select[name="category"]')).toBeVisible()

    await page.goto('/ideas?kind=product&status=new&sort=top')
    const chips = page.locator('.filter-chip')
    await expect(chips).toHaveCount(2)
    const hrefs = await chips.evaluateAll((links) => links.map((link) => link.getAttribute('href')))
    expect(hrefs.sort()).toEqual(['/ideas?sort=top&kind=product', '/ideas?sort=top&status=new'])
    await context.close()
  })
}

// A profile's heading shows the name whole instead, wrapped (profile-long-name.spec.ts).
test('names in a list stay on one line: cut with an ellipsis, whole in the title', async ({
  page,
}) => {
  for (const [url, selector] of [['/leaderboard', '.leaderboard tbody a']] as const) {
    await page.goto(url)
    const names = await page.locator(selector).evaluateAll((elements) =>
      elements.map((element) => ({
        style: `${getComputedStyle(element).whiteSpace} ${getComputedStyle(element).textOverflow}`,
        title: element.getAttribute('title') === element.textContent?.trim(),
      })),
    )
    expect(names.length, url).toBeGreaterThan(0)
    expect(
      names.filter((name) => name.style !== 'nowrap ellipsis' || !name.title),
      url,
    ).toEqual([])
  }
})

test('the idea page on a wide screen: a side column, light threads, answers that wrap together', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await login(page, 'customer')
  await page.goto('/ideas/1')
  const body = (await page.locator('.idea-page__body').boundingBox())!
  for (const side of [
    '.idea-side .vote-summary',
    '.idea-side .promise-clock, .idea-side .status-badge',
    '.related-ideas__card',
  ]) {
    const box = (await page.locator(side).first().boundingBox())!
    expect(box.x, `${side} beside the text`).toBeGreaterThan(body.x + body.width)
  }
  // No boxes in boxes: a comment is not a bordered card inside another.
  const boxed = await page
    .locator('.comment')
    .evaluateAll(
      (comments) =>
        comments.filter(
          (comment) =>
            getComputedStyle(comment).borderRightStyle !== 'none' ||
            getComputedStyle(comment.parentElement!).borderRightStyle !== 'none',
        ).length,
    )
  expect(boxed).toBe(0)
  // Reply, Edit, Delete and Report in one style.
  const styles = await page
    .locator('.comment__actions')
    .first()
    .locator('summary, .disclosure__opener, .link-button')
    .evaluateAll((actions) =>
      actions.map(
        (action) =>
          `${getComputedStyle(action).fontSize} ${getComputedStyle(action).fontWeight} ${getComputedStyle(action).color}`,
      ),
    )
  expect(new Set(styles).size, styles.join(' | ')).toBe(1)
  await page.setViewportSize({ width: 390, height: 844 })
  for (const question of await page.locator('.feedback-inline').all()) {
    const [yes, no] = await question.getByRole('button').all()
    expect((await yes!.boundingBox())!.y).toBe((await no!.boundingBox())!.y)
  }
  await context.close()
})

test('the promises chart on a phone: labels and shares at least the size of the body text', async ({
  browser,
}) => {
  for (const locale of ['en-GB', 'nl-NL'] as const) {
    const context = await browser.newContext({ viewport: phone, locale })
    const page = await context.newPage()
    await page.goto('/promises')
    const sizes = await page.evaluate(() => {
      const body = parseFloat(getComputedStyle(document.body).fontSize)
      const chart = document.querySelector('.share-chart')!
      const texts = [...chart.querySelectorAll('*')].filter(
        (element) =>
          !element.closest('table') &&
          [...element.childNodes].some(
            (node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim(),
          ),
      )
      return {
        body,
        drawn: texts.map((element) => {
          const scale = element instanceof SVGGraphicsElement ? (element.getScreenCTM()?.a ?? 1) : 1
          return parseFloat(getComputedStyle(element).fontSize) * scale
        }),
      }
    })
    expect(sizes.drawn.length, locale).toBeGreaterThan(0)
    expect(Math.min(...sizes.drawn), locale).toBeGreaterThanOrEqual(sizes.body)
    await context.close()
  }
})

test('the ideas list’s filter bar at 1280 px: Search and Sort start the first row, the filters the next, no gap', async ({
  browser,
}) => {
  for (const locale of ['en-GB', 'nl-NL'] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale })
    const page = await context.newPage()
    await page.goto('/ideas?q=bekers')
    const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!
    const form = await box('form.filters')
    const search = await box('.filters__search')
    const sort = await box('.filters .field:has(#sort)')
    const kind = await box('.filters__fields .field')
    const apply = await box('form.filters > button[type="submit"]')
    expect(Math.abs(search.x - form.x), `${locale}: Search starts the row`).toBeLessThan(2)
    expect(Math.abs(search.y - form.y), `${locale}: Search at the top`).toBeLessThan(2)
    expect(Math.abs(sort.y - search.y), `${locale}: Sort beside Search`).toBeLessThan(2)
    expect(
      Math.abs(sort.x + sort.width - (form.x + form.width)),
      `${locale}: row 1 full`,
    ).toBeLessThan(2)
    expect(kind.y, `${locale}: the filters below`).toBeGreaterThanOrEqual(search.y + search.height)
    expect(Math.abs(kind.x - form.x), `${locale}: the filters start their row`).toBeLessThan(2)
    expect(
      Math.abs(apply.y + apply.height - (kind.y + kind.height)),
      `${locale}: Apply ends it`,
    ).toBeLessThan(2)
    await context.close()
  }
})

test('the main pages fit a 1280 px screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  for (const url of [
    '/',
    '/ideas',
    '/ideas/1',
    '/ideas/new',
    '/roadmap',
    '/updates',
    '/promises',
    '/leaderboard',
  ]) {
    await page.goto(url)
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      url,
    ).toBeLessThanOrEqual(0)
  }
  await context.close()
})
