// Issue 16: a malformed address (/ideas/%E0%A4%A, /ideas/1-%ff) answered a bare plain-text 400. It
// gets the site's error page, in the visitor's language, still with status 400.
import { expect, test } from './fixtures'

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
      await api.dispose()
    }
  })
}
