// The ideas list's controls show what the list shows, after every navigation with JavaScript
// (fresh-eyes review: after a search the Sort control still said "Trending" over a best-match
// list, and "Apply" then re-sorted it; a filter removed by its chip stayed chosen).
import { expect, test } from './fixtures'

test('after a search, a sort and a removed filter, the controls say what the list is', async ({
  page,
}) => {
  await page.goto('/ideas')
  const sort = page.getByLabel('Sort', { exact: true })
  await expect(sort.locator('option:checked')).toHaveText('Trending')
  await page.getByLabel('Search', { exact: true }).fill('coffee')
  await page.getByLabel('Search', { exact: true }).press('Enter')
  await expect(page).toHaveURL(/q=coffee/)
  await expect(sort.locator('option:checked')).toHaveText('Best match')
  // Apply without changing anything: the same list, still by best match.
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).not.toHaveURL(/sort=trending/)
  await expect(sort.locator('option:checked')).toHaveText('Best match')
  // The search is not one of the folded filters.
  await expect(page.locator('.filters__count')).toHaveCount(0)

  await page.goto('/ideas?status=planned')
  const status = page.getByLabel('Status', { exact: true })
  await expect(status.locator('option:checked')).not.toHaveText('All statuses')
  await expect(page.locator('.filters__count')).toHaveText('1')
  await page.getByRole('link', { name: /^Status: .*remove this filter/ }).click()
  await expect(page).not.toHaveURL(/status=/)
  await expect(status.locator('option:checked')).toHaveText('All statuses')
})
