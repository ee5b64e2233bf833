// Issue 16: one long unbroken word (300 × "Ω" + 400 × "x") made a whole idea page ~7,700 px wide for
// everyone. A word of any length wraps inside its column on every page that shows what people typed.
import { expect, postIdea, signUp, test } from './fixtures'

const word = (length: number, seed: string) =>
  `${'Ω'.repeat(Math.floor(length / 3))}${seed}${'x'.repeat(length)}`.slice(0, length)

test('a 2,000-character word in a title, description, comment and name never widens a page', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 })
  const name = word(50, Date.now().toString(36))
  await signUp(page, name, 'long-word')
  const { url } = await postIdea(page, {
    title: word(120, Date.now().toString(36)),
    description: word(2000, 'd'),
  })
  // A new idea waits for a moderator, so the comment goes on a public one.
  await page.goto('/ideas/1')
  const ideaOne = new URL(page.url()).pathname
  await page.getByLabel('Add a comment').fill(word(2000, 'c'))
  await page.getByRole('button', { name: 'Post comment' }).click()
  await page.waitForLoadState('networkidle')
  const profile = await page
    .locator('.idea-page a[href^="/u/"], main a[href^="/u/"]')
    .first()
    .getAttribute('href')
  expect(profile).toBeTruthy()

  const wide: string[] = []
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    for (const path of [
      new URL(url).pathname,
      ideaOne,
      '/ideas?sort=new',
      profile!,
      '/notifications',
    ]) {
      await page.goto(path)
      const { by, culprits } = await page.evaluate(() => {
        const edge = document.documentElement.clientWidth
        // The innermost elements past the right edge name the rule that is missing.
        const past = [...document.querySelectorAll('body *')].filter(
          (element) => element.getBoundingClientRect().right > edge + 1,
        )
        const innermost = past.filter(
          (element) => !past.some((other) => other !== element && element.contains(other)),
        )
        return {
          by: document.documentElement.scrollWidth - edge,
          culprits: innermost
            .slice(0, 4)
            .map(
              (element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`,
            ),
        }
      })
      if (by > 0) wide.push(`${path} at ${width} px: ${by} px too wide (${culprits.join(', ')})`)
    }
  }
  expect(wide).toEqual([])
})
