// Shared e2e fixtures: an accessibility check for every page a journey visits, failure on browser
// errors, and signing in through the real form.
import AxeBuilder from '@axe-core/playwright'
import { type Browser, type Cookie, expect, type Page, test as base } from '@playwright/test'

import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '#app/demo/demo-seed.server'

type Role = (typeof DEMO_ACCOUNTS)[number]['role']

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] as const
const labelInName = 'label-content-name-mismatch'

export const test = base.extend<{
  checkA11y: (page?: Page) => Promise<void>
  browserErrors: string[]
}>({
  browserErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
      page.on('console', (message) => {
        // A 4xx answer to a form post is expected behaviour (validation), not a page bug. Nor is a
        // navigation interrupted by the next one (Enter pressed while the last answer was still
        // arriving): Remix's single fetch logs the aborted answer's decoding as an error
        // (@remix-run/react single-fetch.js, `console.error(e)`; react-router#14203), though
        // nothing fails for the person.
        if (
          message.type() === 'error' &&
          !/status of 4\d\d/.test(message.text()) &&
          !message.text().startsWith('AbortError: signal is aborted without reason')
        )
          errors.push(message.text())
      })
      await use(errors)
      expect(errors, 'the browser reported errors').toEqual([])
    },
    { auto: true },
  ],
  checkA11y: async ({ page }, use) => {
    await use(async (target = page) => {
      // axe reads the layout at the current scroll position, and counts a control half under the
      // sticky header as too small a target. Scan from the top, where nothing is under it.
      await target.evaluate(() => window.scrollTo(0, 0))
      // Legacy mode runs axe in the page itself; the default runs it per frame and then finishes
      // in a blank page it opens for each check (1-3 s each here). Our pages have no iframes.
      // Every WCAG 2.x A/AA rule, and label-content-name-mismatch (WCAG 2.5.3, label in name): axe
      // ships it as experimental, so it runs only when named, and it fails whatever its impact.
      const results = await new AxeBuilder({ page: target })
        .options({
          runOnly: { type: 'tag', values: [...wcagTags] },
          rules: { [labelInName]: { enabled: true } },
          // Every rule still runs; only the violations are listed node by node (passes and the
          // rest name one node each). Listing them all made a scan's answer 135-384 KB, carried
          // from the page to the test: a quarter of each scan's time, most of the test's CPU.
          resultTypes: ['violations'],
        })
        .setLegacyMode()
        .analyze()
      const serious = results.violations.filter(
        (violation) =>
          violation.impact === 'serious' ||
          violation.impact === 'critical' ||
          violation.id === labelInName,
      )
      expect(
        serious.map(
          (violation) =>
            `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
        ),
        `accessibility violations on ${target.url()}`,
      ).toEqual([])
    })
  },
})

export { expect }

export function demoAccount(role: Role) {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role)
  if (!account) throw new Error(`No demo account with role ${role}`)
  return account
}

/**
 * The session cookie each role signed in with through the form, kept per worker process: a journey
 * that only needs "signed in as a moderator" reuses it instead of signing in again (each sign-in
 * costs a password hash on the server and three page loads). Sign-in itself is tested through the
 * form by the journeys that are about it, and by the first login of each role in each worker.
 */
const sessionCookies = new Map<Role, Cookie[]>()

/** Signs in as the demo account with this role: through the form, or with this worker's session for the role while it is valid. */
export async function login(page: Page, role: Role) {
  const account = demoAccount(role)
  const menu = page.getByLabel(`Account menu for ${account.displayName}`)
  const kept = sessionCookies.get(role)
  if (kept) {
    await page.context().addCookies(kept)
    await page.goto('/')
    // Signed out meanwhile (a journey ended its sessions): sign in through the form again.
    if (await menu.isVisible()) return account
    await page.context().clearCookies()
  }
  await page.goto('/login')
  await page.getByLabel('Email address').fill(account.email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  // Signed in: the sign-in page is left for where it leads (in the account's language).
  await expect(page).not.toHaveURL(/\/login/)
  // With JavaScript the address changes before the page is drawn: read the language from a whole page.
  await page.reload()
  await inEnglish(page)
  await expect(menu).toBeVisible()
  // Only the session (Lucia's default cookie name): a language or other choice stays in its journey.
  const session = (await page.context().cookies()).filter(
    (cookie) => cookie.name === 'auth_session',
  )
  if (session.length > 0) sessionCookies.set(role, session)
  return account
}

/**
 * Signing in switches the browser to the account's language, and a journey that switched a demo
 * account to Dutch while signed in left the account in Dutch: the journeys that read English
 * switch back (as a person would, with the header's control).
 */
export async function inEnglish(page: Page) {
  await page.waitForLoadState()
  if ((await page.locator('html').getAttribute('lang')) === 'en') return
  await page.getByRole('button', { name: 'EN English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
}

let counter = 0
/** A fresh email address per call, unique across workers and runs. */
export function freshEmail(prefix = 'e2e') {
  counter += 1
  return `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter}@example.test`
}

/** Signs up through the form as a new person and follows the emailed link, which signs them in; returns their address. */
export async function signUp(page: Page, displayName: string, emailPrefix = 'e2e') {
  await page.goto('/signup')
  return signUpOnThisPage(page, displayName, emailPrefix)
}

/**
 * `signUp` on the sign-up form already open (where posting as a visitor leads): fills it in as a new
 * person, follows the emailed link, and sees them signed in; returns their address.
 */
export async function signUpOnThisPage(page: Page, displayName: string, emailPrefix = 'e2e') {
  const email = freshEmail(emailPrefix)
  await page.getByLabel('Display name').fill(displayName)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill('a sturdy passphrase')
  await page.getByRole('button', { name: 'Create account' }).click()
  await finishSignUp(page, email)
  await expect(page.getByLabel(`Account menu for ${displayName}`)).toBeVisible()
  return email
}

// One admin page per worker reads the mailbox for every sign-up (signing in once, not per journey).
let mailReader: { browser: Browser; page: Page } | undefined
async function mailReaderFor(page: Page) {
  const browser = page.context().browser()!
  if (!mailReader || mailReader.browser !== browser || mailReader.page.isClosed()) {
    const context = await browser.newContext({
      baseURL: new URL(page.url()).origin,
      locale: 'en-GB',
      extraHTTPHeaders: { 'Accept-Language': 'en' },
    })
    const admin = await context.newPage()
    await login(admin, 'admin')
    mailReader = { browser, page: admin }
  }
  return mailReader.page
}

/**
 * After the sign-up form: waits for the "check your email" page, then opens the confirmation link
 * from the mailbox in the person's own page and presses its button (it signs them in and continues
 * where they were going; opening the link alone changes nothing).
 */
export async function finishSignUp(page: Page, email: string) {
  await expect(page).toHaveURL(/\/signup\/sent\?/)
  const mail = await openMail(
    await mailReaderFor(page),
    email,
    /Confirm your email address|Bevestig je e-mailadres/,
  )
  const link = /https?:\/\/[^\s/]+(\/verify-email\/[\w-]+)/.exec(
    (await mail.textContent()) ?? '',
  )?.[1]
  expect(link, `a confirmation link in the mail to ${email}`).toBeTruthy()
  await page.goto(link!)
  await page
    .getByRole('button', { name: /^(Confirm my email address|Bevestig mijn e-mailadres)$/ })
    .click()
}

/** Files an experience idea at /admin/intake as the signed-in agent, past the similar-ideas step if it shows. */
export async function captureAtIntake(
  agent: Page,
  {
    email,
    name,
    channel,
    reference,
    title,
    description,
  }: {
    email: string
    name?: string
    channel: string
    reference?: string
    title: string
    description: string
  },
) {
  await agent.goto('/admin/intake')
  await agent.getByLabel('Email address').fill(email)
  if (name) await agent.getByLabel('Their name', { exact: true }).fill(name)
  await agent.getByLabel('Channel').selectOption(channel)
  if (reference) await agent.getByLabel('Reference (optional)').fill(reference)
  await agent.getByLabel('Kind').selectOption('experience')
  await agent.getByLabel('Category').selectOption({ label: 'Experience: Atmosphere & locations' })
  await agent.getByLabel('Title').fill(title)
  await agent.getByLabel('Description').fill(description)
  await agent.getByRole('button', { name: 'Check for similar ideas' }).click()
  // Checking never files: filing is its own step, offered once the check has run.
  await agent.getByRole('button', { name: /^File (as a new idea|the idea)$/ }).click()
  const done = agent.getByText(
    'Filed. The customer was emailed the acknowledgement (to an address with an account: a link to add it to that account):',
  )
  await expect(done).toBeVisible()
}

/** An idea as the new-idea form takes it: its kind and category by their English labels. */
type NewIdeaFields = { title: string; description: string; kind?: string; category?: string }

/** Opens the new-idea form and fills it in (by default a product idea about food), without sending it. */
export async function fillNewIdea(
  page: Page,
  { title, description, kind = 'Product', category = 'Food' }: NewIdeaFields,
) {
  await page.goto('/ideas/new')
  await page.getByText(kind, { exact: true }).click()
  await page.getByLabel('Category').selectOption({ label: category })
  await page.getByLabel('Title').fill(title)
  await page.getByLabel('Description').fill(description)
}

/** The thanks shown once an idea is posted. */
export const ideaReceived = (page: Page) => page.getByText('Thank you! Your idea was received.')

/** Posts an idea through the form as the signed-in person, past the similar-ideas step if it shows. */
export async function postIdea(page: Page, idea: NewIdeaFields) {
  await fillNewIdea(page, idea)
  await page.getByRole('button', { name: /^Post (idea|my idea anyway)$/ }).click()
  const received = ideaReceived(page)
  const anyway = page.getByRole('button', { name: 'Post my idea anyway' })
  await expect(received.or(anyway)).toBeVisible()
  if (!(await received.isVisible())) {
    await anyway.click()
    await expect(received).toBeVisible()
  }
  const id = Number(/\/ideas\/(\d+)-/.exec(page.url())?.[1])
  return { id, url: page.url().replace(/\?.*$/, '') }
}

/** Writes a comment on the idea open in the page and posts it. */
export async function postComment(page: Page, text: string) {
  await page.getByLabel('Add a comment').fill(text)
  await page.getByRole('button', { name: 'Post comment' }).click()
}

/** The newest message to `to` whose subject matches, opened in the mailbox (/admin/mail) as the admin reads it. */
export async function openMail(admin: Page, to: string, subject: RegExp) {
  // The worker sends every few seconds: look again until the message is there.
  await expect(async () => {
    await admin.goto('/admin/mail')
    const row = admin.locator('tr', { hasText: to }).filter({ hasText: subject })
    await expect(row.first()).toBeVisible({ timeout: 1000 })
    await row.first().getByRole('link').click()
  }).toPass({ timeout: 20_000 })
  return admin.locator('.mail-view')
}
