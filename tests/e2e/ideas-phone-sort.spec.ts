// Issue 16: on a phone the Sort control was folded away inside the "Filter" disclosure.
import { expect, test } from './fixtures'

test.use({ viewport: { width: 390, height: 844 } })

test('on a phone, Sort is in sight while the filters are folded', async ({ page }) => {
  await page.goto('/ideas')
  await expect(page.getByLabel('Category', { exact: true })).toBeHidden()
  await expect(page.getByLabel('Sort', { exact: true })).toBeVisible()
})
