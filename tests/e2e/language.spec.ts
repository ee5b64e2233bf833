// Journey: the interface speaks Dutch when asked, and remembers it.
import { expect, finishSignUp, test } from './fixtures'

test('switching to Dutch sticks across pages and reloads', async ({ page, checkA11y }) => {
  await page.goto('/ideas')
  await page.getByRole('button', { name: 'Nederlands' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ideeën' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl')
  await checkA11y()
  await page.getByRole('link', { name: 'Roadmap' }).first().click()
  await expect(page.getByRole('link', { name: 'Inloggen', exact: true })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('link', { name: 'Inloggen', exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible()
})

test.describe('a Dutch browser', () => {
  test.use({ locale: 'nl-NL', extraHTTPHeaders: { 'Accept-Language': 'nl-NL,nl;q=0.9' } })

  test('gets Dutch without choosing', async ({ page, checkA11y }) => {
    await page.goto('/signup')
    await expect(page.getByRole('heading', { name: 'Maak je account aan' })).toBeVisible()
    await expect(page.getByLabel('E-mailadres')).toBeVisible()
    await page.getByRole('button', { name: 'Account aanmaken' }).click()
    await expect(page.getByText('Dit veld is verplicht.').first()).toBeVisible()
    await checkA11y()
  })
})

test.describe('on a phone, in Dutch', () => {
  test.use({
    viewport: { width: 390, height: 844 },
    locale: 'nl-NL',
    extraHTTPHeaders: { 'Accept-Language': 'nl' },
  })

  test('a person signs up, signs out and signs in again', async ({ page, checkA11y }) => {
    const email = `telefoon-${Date.now().toString(36)}@example.test`
    await page.goto('/')
    await page.getByRole('link', { name: 'Registreren', exact: true }).click()
    await page.getByLabel('Weergavenaam').fill('Anouk Mobiel')
    await page.getByLabel('E-mailadres').fill(email)
    await page.getByLabel('Wachtwoord').fill('een stevige wachtzin')
    await page.getByRole('button', { name: 'Account aanmaken' }).click()
    await expect(page.getByRole('heading', { name: 'Kijk in je e-mail' })).toBeVisible()
    await finishSignUp(page, email)
    const menu = page.getByLabel('Accountmenu van Anouk Mobiel')
    await expect(menu).toBeVisible()
    await checkA11y()
    await menu.click()
    await page.getByRole('button', { name: 'Uitloggen' }).click()
    await page.getByRole('link', { name: 'Inloggen', exact: true }).click()
    await page.getByLabel('E-mailadres').fill(email)
    await page.getByLabel('Wachtwoord').fill('een stevige wachtzin')
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await expect(menu).toBeVisible()
  })
})
