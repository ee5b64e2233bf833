// Journey: a person signs up, signs out, signs in, and gets clear errors along the way.
import { expect, finishSignUp, freshEmail, test } from './fixtures'

test('sign up, sign out and sign in again', async ({ page, checkA11y }) => {
  const email = freshEmail('journey')
  await page.goto('/')
  await checkA11y()
  await page.getByRole('link', { name: 'Sign up', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible()
  await checkA11y()
  await page.getByLabel('Display name').fill('Robin Journey')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill('a sturdy passphrase')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible()
  await expect(page.getByText(`We sent an email to ${email}.`)).toBeVisible()
  await checkA11y()
  await finishSignUp(page, email)

  const menu = page.getByLabel('Account menu for Robin Journey')
  await expect(menu).toBeVisible()
  await menu.click()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible()

  await page.getByRole('link', { name: 'Sign in', exact: true }).click()
  await checkA11y()
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill('a sturdy passphrase')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(menu).toBeVisible()
  await menu.click()
  await page.getByRole('link', { name: 'My account' }).click()
  await expect(page.getByText(email)).toBeVisible()
  await checkA11y()
})

test('a wrong password gets one message that reveals nothing, and the email stays', async ({
  page,
  checkA11y,
}) => {
  await page.goto('/login')
  await page.getByLabel('Email address').fill('customer@demo.ideabox.test')
  await page.getByLabel('Password').fill('not the password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toHaveText(
    'That email and password do not match an account. Check both and try again.',
  )
  await expect(page.getByLabel('Email address')).toHaveValue('customer@demo.ideabox.test')
  await checkA11y()
})

test('sign-up errors appear next to the fields they concern', async ({ page, checkA11y }) => {
  await page.goto('/signup')
  await page.getByLabel('Display name').fill('Sam')
  await page.getByLabel('Email address').fill('customer@demo.ideabox.test')
  await page.getByLabel('Password').fill('short')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible()
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true')
  await checkA11y()

  await page.getByLabel('Password').fill('customer@demo.ideabox.test!')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByText('Your password must not contain your email address.')).toBeVisible()

  await page.getByLabel('Password').fill('a sturdy passphrase')
  // A taken address gets the same answer as a new one (its holder is told by email), and no session.
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Sign in', exact: true }).first()).toBeVisible()
})
