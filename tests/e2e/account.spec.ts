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
