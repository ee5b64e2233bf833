// Every main page at phone and desktop width: nothing wider than the screen, and a screenshot to look at.
import { mkdirSync } from 'node:fs'
import { expect, test } from './fixtures'

const pages = [
  ['home', '/'],
  ['ideas', '/ideas'],
  ['idea', '/ideas/1'],
  ['new-idea', '/ideas/new'],
  ['roadmap', '/roadmap'],
  ['updates', '/updates'],
  ['login', '/login'],
  ['signup', '/signup'],
] as const

for (const [width, height] of [
  [390, 844],
  [1280, 800],
] as const) {
  test.describe(`at ${width}px`, () => {
    test.use({ viewport: { width, height } })

    test('pages fit the screen', async ({ page, checkA11y }) => {
      mkdirSync('tests/.artifacts/screenshots', { recursive: true })
      for (const [name, path] of pages) {
        await page.goto(path)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        expect(overflow, `${path} is wider than ${width}px`).toBeLessThanOrEqual(0)
        await page.screenshot({ path: `tests/.artifacts/screenshots/${name}-${width}.png`, fullPage: true })
        if (width === 390) await checkA11y()
      }
    })
  })
}
