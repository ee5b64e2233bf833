// Journey: everything essential works with JavaScript switched off (plain form posts).
import { expect, freshEmail, test } from './fixtures'

test.use({ javaScriptEnabled: false })

// axe needs JavaScript in the page; the same pages are scanned by the journeys that have it.
test('sign up, vote, switch language and sign out without JavaScript', async ({ page }) => {
  await page.goto('/signup')
  await page.getByLabel('Display name').fill('Noa Script')
  await page.getByLabel('Email address').fill(freshEmail('nojs'))
  await page.getByLabel('Password').fill('a sturdy passphrase')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByLabel('Account menu for Noa Script')).toBeVisible()

  await page.goto('/ideas')
  const card = page.locator('article.idea-card').first()
  const before = Number(await card.locator('.vote-control__score').textContent())
  await card.getByRole('button', { name: /^Vote for/ }).click()
  await expect(page).toHaveURL(/\/ideas#idea-\d+$/)
  await expect(card.locator('.vote-control__score')).toHaveText(String(before + 1))
  await expect(card.getByRole('button', { name: /^Vote for/ })).toHaveAttribute('aria-pressed', 'true')

  await page.getByRole('button', { name: 'Nederlands' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ideeën' })).toBeVisible()
  await page.getByRole('button', { name: 'English' }).click()

  await page.getByLabel('Account menu for Noa Script').click()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible()
})

test('posting an idea shows similar ideas as a step before the final submit', async ({ page }) => {
  await page.goto('/signup')
  await page.getByLabel('Display name').fill('Noa Poster')
  await page.getByLabel('Email address').fill(freshEmail('nojs-post'))
  await page.getByLabel('Password').fill('a sturdy passphrase')
  await page.getByRole('button', { name: 'Create account' }).click()

  await page.goto('/ideas/new')
  await page.getByText('Product', { exact: true }).click()
  await page.getByLabel('Category').selectOption({ label: 'Drinks' })
  await page.getByLabel('Title').fill('Oat milk at no extra charge, please')
  await page.getByLabel('Description').fill('Plant milk should cost the same.')
  await page.getByRole('button', { name: 'Post idea' }).click()
  await expect(page.getByRole('heading', { name: 'Is your idea already here?' })).toBeVisible()
  await page.getByRole('button', { name: 'Post my idea anyway' }).click()
  await expect(page.getByText('Thank you! Your idea was received.')).toBeVisible()
})
