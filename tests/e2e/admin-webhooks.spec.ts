// Journey: an admin sends a webhook a test and sees it in the delivery log, then deletes it after
// a confirm step, with JavaScript (checked with axe) and without it (plain form posts).
import type { Page } from '@playwright/test'

import { expect, login, test } from './fixtures'

/**
 * A public address given as an IP (no name to look up), unique per journey. Only `update.published`
 * is asked for, and the webhook is deleted at the end, so it receives little of what other journeys
 * cause (a delivery that cannot connect does not fail anything).
 */
const hookUrl = (tag: string) =>
  `https://93.184.216.34/ideabox-e2e/${tag}-${Date.now().toString(36)}`

async function createHook(page: Page, url: string) {
  await page.goto('/admin/webhooks')
  await page.getByLabel('Address').fill(url)
  await page.getByRole('checkbox', { name: 'update.published' }).check()
  await page.getByRole('button', { name: 'Create webhook' }).click()
  await expect(page.getByText('Copy the signing secret now')).toBeVisible()
}

async function sendTestAndDelete(page: Page, url: string, checkA11y?: () => Promise<void>) {
  await page.getByRole('button', { name: `Send a test to ${url}` }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Test sent' })).toBeVisible()
  const log = page.getByRole('table', { name: 'Delivery log' })
  await expect(log.getByRole('row').filter({ hasText: url }).first()).toContainText('ping')
  // The summary of a <details>: its label names the webhook, its text says Delete.
  await page.getByLabel(`Delete webhook ${url}`, { exact: true }).click()
  const confirm = page.getByRole('button', { name: `Delete for good: webhook ${url}` })
  await expect(confirm).toBeVisible()
  await checkA11y?.()
  await confirm.click()
  await expect(page.getByRole('status').filter({ hasText: 'Webhook deleted.' })).toBeVisible()
  await expect(page.getByRole('button', { name: `Send a test to ${url}` })).toHaveCount(0)
  await checkA11y?.()
}

test('an admin sends a webhook a test and deletes it after confirming', async ({
  page,
  checkA11y,
}) => {
  await login(page, 'admin')
  const url = hookUrl('js')
  await createHook(page, url)
  await checkA11y()
  await sendTestAndDelete(page, url, () => checkA11y())
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  // axe needs JavaScript in the page: the journey above scans the same page.
  test('the test and the confirm step are plain form posts', async ({ page }) => {
    await login(page, 'admin')
    const url = hookUrl('nojs')
    await createHook(page, url)
    await sendTestAndDelete(page, url)
  })
})
