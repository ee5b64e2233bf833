// A person's profile is where their whole name is read: on a phone (390 px) a long name, with spaces
// or one unbroken word, wraps inside the heading instead of being cut with an ellipsis.
import { expect, signUp, test } from './fixtures'

test('a long display name is shown whole on a phone, with or without spaces', async ({
  browser,
}) => {
  const marker = Date.now().toString(36)
  for (const name of [
    `Maximiliaan Alexander ${marker} van den Hoogenband`.slice(0, 50),
    `Wolfeschlegelsteinhausenbergerdorff${marker}xxxxxxxxxxxxxxxx`.slice(0, 50),
  ]) {
    const context = await browser.newContext()
    const page = await context.newPage()
    await signUp(page, name, 'long-name')
    await page.goto('/account')
    const profile = await page.locator('main a[href^="/u/"]').first().getAttribute('href')
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(profile!)
    const heading = page.getByRole('heading', { level: 1 })
    await expect(heading).toContainText(name)
    const shown = await heading.evaluate((h1) => {
      const name = h1.querySelector('bdi')!.parentElement!
      const edge = document.documentElement.clientWidth
      return {
        clipped: name.scrollWidth > name.clientWidth + 1,
        cut: getComputedStyle(name).textOverflow === 'ellipsis',
        past: name.getBoundingClientRect().right > edge + 1,
        pageTooWide: document.documentElement.scrollWidth > edge,
      }
    })
    expect(shown, name).toEqual({ clipped: false, cut: false, past: false, pageTooWide: false })
    await context.close()
  }
})
