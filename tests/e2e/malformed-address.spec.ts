// Issue 16: a malformed address (/ideas/%E0%A4%A, /ideas/1-%ff) answered a bare plain-text 400. It
// gets the site's error page in the full layout (header, footer), in the visitor's language, still
// with status 400; in a browser the page starts like any other and its links work.
import { expect, login, test } from './fixtures'

for (const path of ['/ideas/%E0%A4%A', '/ideas/1-%ff']) {
  test(`${path} answers the error page with status 400, in English and Dutch`, async ({
    playwright,
    baseURL,
  }) => {
    for (const [language, title] of [
      ['en', 'Something is wrong with that request'],
      ['nl', 'Er klopt iets niet aan dit verzoek'],
    ] as const) {
      const api = await playwright.request.newContext({
        baseURL,
        extraHTTPHeaders: { 'Accept-Language': language, Accept: 'text/html' },
      })
      const response = await api.get(path)
      expect(response.status()).toBe(400)
      expect(response.headers()['content-type']).toMatch(/^text\/html/)
      const html = await response.text()
      expect(html).toContain(title)
      expect(html).toContain(`lang="${language}"`)
      expect(html).toContain('class="site-header"')
      await api.dispose()
    }
  })
}

test('a signed-in person sees their header on the error page, and can go on from it', async ({
  page,
  checkA11y,
}) => {
  const account = await login(page, 'customer')
  const response = await page.goto('/ideas/%E0%A4%A')
  expect(response?.status()).toBe(400)
  await expect(
    page.getByRole('heading', { level: 1, name: 'Something is wrong with that request' }),
  ).toBeVisible()
  await expect(page.getByLabel(`Account menu for ${account.displayName}`)).toBeVisible()
  await checkA11y()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ideas' }).click()
  await expect(page).toHaveURL(/\/ideas$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Ideas' })).toBeVisible()
})
