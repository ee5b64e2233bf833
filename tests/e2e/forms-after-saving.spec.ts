// A form that keeps its text after saving invites a duplicate (issue 17, brief h17a): once an
// internal note or an intake form is saved it is empty again, with JavaScript (no reload happens)
// and without (redirect after POST); a status change from the triage list redirects too, so a
// reload shows the confirmation and changes nothing twice.
import { captureAtIntake, expect, freshEmail, login, test } from './fixtures'

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled })

    test('a saved internal note leaves the note form empty; a mention of nobody says so', async ({
      page,
      checkA11y,
    }) => {
      await login(page, 'moderator')
      await page.goto('/admin/ideas')
      await page.locator('tr[data-idea-row] th a').first().click()
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      const marker = `note-${Date.now().toString(36)}-${javaScriptEnabled ? 'js' : 'nojs'}`
      const note = page.getByRole('textbox', { name: 'Add a note' })
      await note.fill(`Checked with the supplier ${marker}, ask @nobody-${marker}`)
      await page.getByRole('button', { name: 'Save note' }).click()
      await expect(page.locator('#notes')).toContainText(`Checked with the supplier ${marker}`)
      await expect(page.getByRole('textbox', { name: 'Add a note' })).toHaveValue('')
      await expect(page.locator('#notes').getByRole('status')).toContainText(
        `No one is called @nobody-${marker}`,
      )
      // axe runs in the page, so only where scripts run.
      if (javaScriptEnabled) await checkA11y(page)
    })

    test('a filed intake idea leaves the intake form empty', async ({ page }) => {
      await login(page, 'agent')
      const marker = `${Date.now().toString(36)}${javaScriptEnabled ? 'js' : 'nojs'}`
      if (javaScriptEnabled) {
        await captureAtIntake(page, {
          email: freshEmail('intake-reset'),
          name: 'Rita Reset',
          channel: 'phone',
          title: `Refill station for water bottles ${marker}`,
          description: 'Free tap water refills at the counter.',
        })
      } else {
        // Without JavaScript the kind does not narrow the categories; the same steps otherwise.
        await page.goto('/admin/intake')
        await page.getByLabel('Their email address').fill(freshEmail('intake-reset'))
        await page.getByLabel('Channel').selectOption('phone')
        await page.getByLabel('Kind').selectOption('experience')
        await page
          .getByLabel('Category')
          .selectOption({ label: 'Experience: Atmosphere & locations' })
        await page.getByLabel('Title').fill(`Refill station for water bottles ${marker}`)
        await page.getByLabel('Description').fill('Free tap water refills at the counter.')
        await page.getByRole('button', { name: 'Check for similar ideas' }).click()
        await page.getByRole('button', { name: /^File (as a new idea|the idea)$/ }).click()
        await expect(
          page.getByText(
            'Filed. The customer was emailed the acknowledgement (to an address with an account: a link to add it to that account):',
          ),
        ).toBeVisible()
      }
      const form = page.locator('form.intake-form').first()
      await expect(form.getByLabel('Title')).toHaveValue('')
      await expect(form.getByLabel('Description')).toHaveValue('')
      await expect(form.getByLabel('Their email address')).toHaveValue('')
      await expect(form.getByLabel('Kind')).toHaveValue('')
    })
  })
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a status change from the triage list redirects to the list, which says what was done', async ({
    page,
  }) => {
    await login(page, 'moderator')
    await page.goto('/admin')
    const row = page.locator('tr[data-idea-row]').first()
    const title = (await row.locator('th a').textContent())!
    await row.locator('summary').first().click()
    await row.getByLabel('New status').selectOption({ label: 'Under review' })
    await row.getByLabel('Public response').fill('We are looking into this.')
    await row.getByRole('button', { name: 'Change status' }).click()
    await expect(page).toHaveURL(/\/admin\?(.*&)?moved=1/)
    const done = page.getByRole('status').filter({ hasText: /1 idea moved to Under review/ })
    await expect(done).toBeVisible()
    // A reload is a GET of the list: the confirmation again, nothing posted twice.
    await page.reload()
    await expect(done).toBeVisible()
    await expect(page.getByRole('link', { name: title, exact: true })).toHaveCount(0)
  })
})
