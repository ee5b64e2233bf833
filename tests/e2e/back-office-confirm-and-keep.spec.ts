// Journeys: a bulk status change that tells people says first what will happen and asks to confirm
// (with and without JavaScript); the update editor's Preview keeps what was typed, its body field has
// the updates hint, and leaving with unsaved changes asks first.
import { expect, login, postIdea, test } from './fixtures'

for (const javaScriptEnabled of [true, false]) {
  test(`a bulk status change is confirmed before anyone is told (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    // Two ideas of this test's own (other journeys triage the queue's first rows at the same time).
    const marker = `confirmstep${javaScriptEnabled ? 'js' : 'plain'}${Date.now().toString(36)}`
    const poster = await browser.newContext()
    const posterPage = await poster.newPage()
    await login(posterPage, 'moderator')
    await postIdea(posterPage, {
      title: `Refill stations ${marker}`,
      description: `Water refill stations in every shop (${marker}).`,
    })
    await postIdea(posterPage, {
      title: `Bike racks ${marker}`,
      description: `Bike racks outside the shops (${marker}).`,
    })
    await poster.close()
    const context = await browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    await login(page, 'moderator')
    await page.goto(`/admin?q=${marker}`)
    const boxes = page.locator('input[type="checkbox"][name="ideaId"]')
    await expect(boxes).toHaveCount(2)
    for (const index of [0, 1]) await boxes.nth(index).check()
    const status = javaScriptEnabled ? 'Planned' : 'Under review'
    await page.getByLabel('Set status', { exact: true }).selectOption({ label: status })
    await page.locator('#bulk-response').fill('We are **on it**.')
    await page.getByRole('button', { name: 'Set status for selected' }).click()

    const question = page.getByRole('region', { name: 'Check before you change' })
    await expect(question).toContainText(
      new RegExp(`2 ideas move to ${status}; \\d+ (people|person) will be told\\.`),
    )
    // The answer as people will read it: rendered, not its Markdown.
    await expect(question.locator('blockquote strong')).toHaveText('on it')
    await expect(question).not.toContainText('**')
    // Nothing changed yet: the queue still lists both.
    await expect(page.locator('.notice[role="status"]')).toHaveCount(0)
    const told = /(\d+) (people|person) will be told/.exec((await question.textContent()) ?? '')![1]

    await question.getByRole('button', { name: 'Yes, change and tell them' }).click()
    await expect(page.locator('.notice[role="status"]')).toHaveText(
      `2 ideas moved to ${status}; ${told} ${told === '1' ? 'person' : 'people'} will be told.`,
    )
    await expect(question).toHaveCount(0)
    await context.close()
  })
}

test('the update editor: the updates hint, Preview without JavaScript keeps the text, leaving unsaved asks first', async ({
  browser,
  checkA11y,
}) => {
  const withJs = await browser.newContext()
  const page = await withJs.newPage()
  await login(page, 'marketer')
  await page.goto('/admin/updates')
  await page.getByLabel('Title').fill(`Kept words ${Date.now().toString(36)}`)
  await page.getByRole('button', { name: 'Start a draft' }).click()
  await expect(page).toHaveURL(/\/admin\/updates\/\d+$/)
  const editor = page.url()
  const body = page.getByLabel('Text (Markdown)')
  await expect(body).toHaveAccessibleDescription(/The preview shows it as readers will see it/)
  await expect(body).not.toHaveAccessibleDescription(/idea/i)
  await checkA11y(page)

  // Unsaved text: leaving through a link asks, and staying keeps it.
  await body.fill('Words **not saved** yet.')
  let asked = 0
  page.on('dialog', (dialog) => {
    asked += 1
    void dialog.dismiss()
  })
  await page.getByRole('link', { name: '← Updates' }).click()
  await expect.poll(() => asked).toBe(1)
  await expect(page).toHaveURL(editor)
  await expect(body).toHaveValue('Words **not saved** yet.')
  // Saved: leaving asks nothing.
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page).toHaveURL(/saved=1/)
  await page.getByRole('link', { name: '← Updates' }).click()
  await expect(page).toHaveURL(/\/admin\/updates$/)
  expect(asked).toBe(1)

  // Enter in the idea search searches, not Save (the form's first button); a draft's text is kept
  // along with the search, so opening the draft again shows it (a published update's is not).
  await page.goto(editor)
  await body.fill('Typed, then searched with Enter.')
  const find = page.getByRole('searchbox', { name: 'Find ideas to link' })
  await find.fill('oat milk')
  await find.press('Enter')
  await expect(page).not.toHaveURL(/saved=1/)
  await expect(page.getByRole('button', { name: /^Link “/ }).first()).toBeVisible()
  await expect(body).toHaveValue('Typed, then searched with Enter.')
  const reopened = await withJs.newPage()
  await reopened.goto(editor)
  await expect(reopened.getByLabel('Text (Markdown)')).toHaveValue(
    'Typed, then searched with Enter.',
  )
  await withJs.close()

  const noJs = await browser.newContext({ javaScriptEnabled: false })
  const plain = await noJs.newPage()
  await login(plain, 'marketer')
  await plain.goto(editor)
  await plain.getByLabel('Summary').fill('A summary typed, not saved.')
  await plain.getByLabel('Text (Markdown)').fill('Typed **without** JavaScript.')
  await plain.getByRole('button', { name: 'Preview' }).click()
  await expect(plain.getByRole('region', { name: 'Preview' }).locator('strong')).toHaveText(
    'without',
  )
  await expect(plain.getByLabel('Text (Markdown)')).toHaveValue('Typed **without** JavaScript.')
  await expect(plain.getByLabel('Summary')).toHaveValue('A summary typed, not saved.')
  // Linking an idea found by the search keeps the text as typed too (a draft's is saved along).
  await plain.getByRole('searchbox', { name: 'Find ideas to link' }).fill('oat milk')
  await plain.getByRole('button', { name: 'Search' }).click()
  const link = plain.getByRole('button', { name: /^Link “/ }).first()
  const title = (await link.getAttribute('aria-label'))!.slice('Link “'.length, -1)
  await link.click()
  await expect(plain.getByRole('button', { name: `Remove “${title}”` })).toBeVisible()
  await expect(plain.getByLabel('Text (Markdown)')).toHaveValue('Typed **without** JavaScript.')
  await expect(plain.getByLabel('Summary')).toHaveValue('A summary typed, not saved.')
  await expect(plain.getByRole('searchbox', { name: 'Find ideas to link' })).toHaveValue('oat milk')
  await plain.getByRole('button', { name: `Remove “${title}”` }).click()
  await expect(plain.getByRole('button', { name: `Link “${title}”` })).toBeVisible()
  await expect(plain.getByLabel('Summary')).toHaveValue('A summary typed, not saved.')
  await noJs.close()
})

test('found in the back-office screenshots: the test email address shows whole, the API scopes’ boxes keep their size', async ({
  browser,
}) => {
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } })
    const page = await context.newPage()
    await login(page, 'admin')
    await page.goto('/admin/mail')
    const address = page.getByLabel('Send a test email to')
    await expect(address).toHaveValue('admin@demo.ideabox.test')
    expect(
      await address.evaluate((input: HTMLInputElement) => input.scrollWidth - input.clientWidth),
      `the address is cut at ${width} px`,
    ).toBeLessThanOrEqual(0)
    await page.goto('/admin/api')
    const sizes = await page
      .locator('input[name="scope"]')
      .evaluateAll((boxes) => boxes.map((box) => Math.round(box.getBoundingClientRect().width)))
    expect(new Set(sizes).size, `checkbox widths at ${width} px: ${sizes.join(', ')}`).toBe(1)
    await context.close()
  }
})
