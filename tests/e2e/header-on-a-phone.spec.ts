// On a phone (390 px) every header link is on screen for every staff role, in English and Dutch:
// the main nav wraps instead of scrolling sideways, so "Back office" is never hidden at its far end.
import { expect, login, test } from './fixtures'

for (const role of ['admin', 'moderator', 'marketer', 'agent'] as const) {
  for (const locale of ['en', 'nl'] as const) {
    test.describe(`a ${role} on a phone (${locale})`, () => {
      test.use({ viewport: { width: 390, height: 844 } })

      test('sees every header link without scrolling sideways', async ({ page }) => {
        await login(page, role)
        if (locale === 'nl') {
          await page.getByRole('button', { name: 'Nederlands' }).click()
          await expect(page.locator('html')).toHaveAttribute('lang', 'nl')
        }
        await page.goto('/ideas')
        const nav = page
          .getByRole('navigation', { name: locale === 'nl' ? 'Hoofdmenu' : 'Main' })
          .first()
        const links = nav.getByRole('link')
        await expect(links).toHaveCount(4)
        for (const link of await links.all()) await expect(link).toBeInViewport({ ratio: 1 })
        const scrolls = await nav.evaluate(
          (element) => element.scrollWidth > element.clientWidth + 1,
        )
        expect(scrolls, 'the nav scrolls sideways').toBe(false)
      })
    })
  }
}
