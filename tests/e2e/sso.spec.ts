// Journey: a person signs in with their company account, through the provider's own login page
// (a real OpenID Connect provider on loopback), lands on Ideabox signed in, and signs out of both.
import { DEMO_PASSWORD } from '#app/demo/demo-seed.server'

import { type RunningOidcProvider, startOidcProvider } from '../setup/oidc-provider'
import { demoAccount, expect, test } from './fixtures'
import { E2E_APP_URL, E2E_OIDC_PORT } from './oidc-port'

// One provider on a fixed port (the server's configuration names it): the journeys run in one worker.
test.describe.configure({ mode: 'serial' })

let provider: RunningOidcProvider

test.beforeAll(async () => {
  provider = await startOidcProvider({ port: E2E_OIDC_PORT, appUrls: [E2E_APP_URL] })
})

test.afterAll(async () => {
  await provider?.close()
})

test('sign in with the company account and sign out of both', async ({ page, checkA11y }) => {
  // The provider's pages import a web font; this machine has no internet, and they are not ours.
  await page.route('https://fonts.googleapis.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/css', body: '' }),
  )
  const login = `journey-${Date.now()}`
  provider.accounts[login] = {
    email: `${login}@example.test`,
    email_verified: true,
    name: 'Sasha Single',
  }

  await page.goto('/login?redirectTo=/ideas')
  await checkA11y()
  await page.getByRole('button', { name: 'Continue with Example ID' }).click()

  // The provider's own login form (oidc-provider's devInteractions).
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`))
  await page.getByPlaceholder('Enter any login').fill(login)
  await page.getByPlaceholder('and password').fill('any password')
  await page.getByRole('button', { name: 'Sign-in' }).click()

  await expect(page).toHaveURL(/\/ideas$/)
  const menu = page.getByLabel('Account menu for Sasha Single')
  await expect(menu).toBeVisible()
  await checkA11y()
  await menu.click()
  await page.getByRole('link', { name: 'My account' }).click()
  await expect(page.getByText(`${login}@example.test`)).toBeVisible()
  await checkA11y()

  // Sign-out ends the session here, then asks the provider to end its own (RP-initiated logout).
  await page.goto('/ideas')
  await menu.click()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/`))
  await page.getByRole('button', { name: 'Yes, sign me out' }).click()
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible()
  await checkA11y()
})

test('an existing account is linked only after its password', async ({ page, checkA11y }) => {
  await page.route('https://fonts.googleapis.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/css', body: '' }),
  )
  const customer = demoAccount('customer')
  const login = `existing-${Date.now()}`
  provider.accounts[login] = { email: customer.email, email_verified: true, name: 'Someone Else' }

  await page.goto('/login')
  await page.getByRole('button', { name: 'Continue with Example ID' }).click()
  await page.getByPlaceholder('Enter any login').fill(login)
  await page.getByPlaceholder('and password').fill('any password')
  await page.getByRole('button', { name: 'Sign-in' }).click()

  await expect(page.getByRole('heading', { name: 'Link your account' })).toBeVisible()
  await checkA11y()
  await page.getByLabel('Password').fill('not the password')
  await page.getByRole('button', { name: 'Link and sign in' }).click()
  await expect(page.getByText('That email and password do not match an account.')).toBeVisible()
  await checkA11y()
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Link and sign in' }).click()
  await expect(page.getByLabel(`Account menu for ${customer.displayName}`)).toBeVisible()
})

test('a failure at the provider gets a page of its own, in both languages', async ({
  page,
  checkA11y,
}) => {
  await page.goto('/auth/sso/example/callback?failed=cancelled')
  await expect(page.getByRole('heading', { name: 'Sign-in cancelled' })).toBeVisible()
  await checkA11y()
  await page.goto('/auth/sso/example/callback?code=forged&state=forged')
  await expect(page.getByRole('heading', { name: 'This sign-in link is not valid' })).toBeVisible()
  await checkA11y()
  await page.getByRole('button', { name: 'Nederlands' }).click()
  await expect(page.getByRole('heading', { name: 'Deze inloglink is niet geldig' })).toBeVisible()
  await checkA11y()
})
