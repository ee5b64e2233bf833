// Issue 16, forms: a success notice from an earlier save must not stay above a later refusal.
import { expect, signUp, test } from './fixtures'

test('an old success notice goes once a later form is refused', async ({ page }) => {
  await signUp(page, 'Notice Tester', 'notice')
  await page.goto('/account/security?notice=account.security.passwordChanged')
  const notice = page.getByText('Your password is changed.')
  await expect(notice).toBeVisible()
  const password = page.locator('section', { has: page.getByRole('heading', { name: /password/i }) })
  await password.getByLabel('Current password').fill('not my password at all')
  await password.getByLabel('New password').fill('a brand new passphrase')
  await password.getByRole('button', { name: /change password/i }).click()
  await expect(page.getByText('That is not your current password.')).toBeVisible()
  await expect(notice).toHaveCount(0)
})
