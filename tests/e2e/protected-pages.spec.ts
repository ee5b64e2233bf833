// Journey: pages that need sign-in or a role send people to the right place.
import { DEMO_PASSWORD } from '#app/demo/demo-seed.server'

import { demoAccount, expect, inEnglish, login, test } from './fixtures'

test('a visitor opening their account signs in and comes back to it', async ({
  page,
  checkA11y,
}) => {
  await page.goto('/account')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/)
  await checkA11y()
  const account = demoAccount('customer')
  await page.getByLabel('Email address').fill(account.email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await page.reload()
  await inEnglish(page)
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible()
})

test('a marketer opening the back office lands on updates, and gets a 403 page in the team’s lists', async ({
  page,
}) => {
  await login(page, 'marketer')
  const landed = await page.goto('/admin')
  expect(landed?.status()).toBe(200)
  await expect(page).toHaveURL(/\/admin\/updates$/)
  const response = await page.goto('/admin/ideas')
  expect(response?.status()).toBe(403)
})

test('a customer gets a 403 page in the back office', async ({ page, checkA11y }) => {
  await login(page, 'customer')
  const response = await page.goto('/admin')
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { name: 'Access denied' })).toBeVisible()
  await checkA11y()
})

test('a moderator reaches the back office', async ({ page, checkA11y }) => {
  await login(page, 'moderator')
  await page.getByRole('link', { name: 'Back office' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Triage queue' })).toBeVisible()
  await expect(
    page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: /Triage/ }),
  ).toHaveAttribute('aria-current', 'page')
  await checkA11y()
})

test('an unknown address shows a real 404 page', async ({ page, checkA11y }) => {
  const response = await page.goto('/this/does/not/exist')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await checkA11y()
})
