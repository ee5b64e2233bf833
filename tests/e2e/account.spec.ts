// Journey: a person looks after their own account — new name, new password, their data as a file —
// with JavaScript switched off (plain form posts), and every account page passes an axe scan.
import { readFile } from 'node:fs/promises'

import { expect, signUp, test } from './fixtures'

const PASSWORD = 'a sturdy passphrase'

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  // axe needs JavaScript in the page; the pages are scanned by the test below.
  test('changes the name, the password and downloads the data', async ({ page }) => {
    await signUp(page, 'Ada Account', 'account')

    await page.goto('/account')
    await page.getByLabel('Display name').fill('Ada Renamed')
    await page.getByRole('button', { name: 'Save profile' }).click()
    await expect(
      page.getByRole('status').filter({ hasText: 'Your profile is saved.' }),
    ).toBeVisible()
    await expect(page.getByLabel('Account menu for Ada Renamed')).toBeVisible()

    // The sub-pages render inside the account frame, the notification settings included.
    await page
      .getByRole('navigation', { name: 'Account pages' })
      .getByRole('link', { name: 'Notifications' })
      .click()
    await expect(
      page.getByRole('heading', { level: 2, name: 'Notification settings' }),
    ).toBeVisible()

    await page
      .getByRole('navigation', { name: 'Account pages' })
      .getByRole('link', { name: 'Email & password' })
      .click()
    const passwordForm = page
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Change password' }) })
    await passwordForm.getByLabel('Current password').fill('not my password')
    await passwordForm.getByLabel('New password').fill('an even sturdier passphrase')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect(page.getByText('That is not your current password.')).toBeVisible()
    await passwordForm.getByLabel('Current password').fill(PASSWORD)
    await passwordForm.getByLabel('New password').fill('an even sturdier passphrase')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect(
      page.getByRole('status').filter({ hasText: 'Your password is changed.' }),
    ).toBeVisible()
    // This browser stays signed in with its new session.
    await expect(page.getByLabel('Account menu for Ada Renamed')).toBeVisible()

    await page
      .getByRole('navigation', { name: 'Account pages' })
      .getByRole('link', { name: 'Your data' })
      .click()
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Download my data' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(
      /^ideabox-data-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json$/,
    )
    const data = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
      profile: { displayName: string }
    }
    expect(data.profile.displayName).toBe('Ada Renamed')
  })
})

test('every account page and the privacy page pass the accessibility scan', async ({
  page,
  checkA11y,
}) => {
  await signUp(page, 'Axe Account', 'account-axe')
  for (const path of [
    '/account',
    '/account/security',
    '/account/notifications',
    '/account/sessions',
    '/account/data',
  ]) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible()
    await checkA11y()
  }
  await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy' })).toBeVisible()
  await checkA11y()
})

test('the sessions page names the time zone and keeps “This browser” on one line, on a phone and a desktop', async ({
  page,
  browser,
}) => {
  const email = await signUp(page, 'Sam Sessions', 'account-sessions')
  // A second browser, so the table has a sign-out button beside the badge.
  const other = await browser.newContext()
  const otherPage = await other.newPage()
  await otherPage.goto('/login')
  await otherPage.locator('input[name="email"]').fill(email)
  await otherPage.locator('input[name="password"]').fill(PASSWORD)
  await otherPage
    .locator('main form', { has: otherPage.locator('input[name="password"]') })
    .locator('button[type="submit"]')
    .click()
  await expect(otherPage).not.toHaveURL(/\/login/)
  await other.close()
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto('/account/sessions')
    await expect(page.getByText('Times are in Europe/Amsterdam time.')).toBeVisible()
    const badge = page.getByText('This browser', { exact: true })
    const signOut = page.getByRole('button', { name: /^Sign out the session/ })
    for (const label of [badge, signOut]) {
      const box = (await label.boundingBox())!
      const lineHeight = await label.evaluate((element) => {
        const style = getComputedStyle(element)
        return Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.6
      })
      // One line of text (with its padding and border), not a word broken over several.
      expect(box.height, `${await label.textContent()} at ${width} px`).toBeLessThan(lineHeight * 2)
      expect(box.width).toBeGreaterThan(40)
    }
  }
})
