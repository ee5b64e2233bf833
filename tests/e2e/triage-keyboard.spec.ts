// Triage by keyboard (issue 17): the skip link puts the first row a few Tab presses away, the
// shortcuts move, select, open a row's status form (Escape closes it again), assign, search and list
// themselves, and they stay quiet while someone types in a field.
import { expect, login, test } from './fixtures'

test('a moderator triages the queue by keyboard: skip link, j/k/x/s/a, / and ?', async ({
  page,
  checkA11y,
}) => {
  await login(page, 'moderator')
  await page.goto('/admin')
  await checkA11y(page)
  const rows = page.locator('tr[data-idea-row]')
  await expect(rows.nth(2)).toBeVisible()
  const firstRow = rows.nth(0)
  const secondRow = rows.nth(1)

  // Tab order: the skip link, then the first row within five presses.
  const skip = page.getByRole('link', { name: 'Skip to the queue' })
  await skip.focus()
  await page.keyboard.press('Enter')
  let presses = 0
  while (presses < 5 && !(await firstRow.evaluate((row) => row.contains(document.activeElement)))) {
    await page.keyboard.press('Tab')
    presses += 1
  }
  expect(
    await firstRow.evaluate((row) => row.contains(document.activeElement)),
    'first row reached within 5 Tab presses',
  ).toBe(true)

  // j / k move between rows; x selects the current one.
  await page.keyboard.press('j')
  await expect(secondRow.locator('th a')).toBeFocused()
  await page.keyboard.press('k')
  await expect(firstRow.locator('th a')).toBeFocused()
  await page.keyboard.press('x')
  await expect(firstRow.getByRole('checkbox')).toBeChecked()

  // / searches; letters typed there stay in the field and are not shortcuts.
  await page.keyboard.press('/')
  const search = page.getByRole('searchbox', { name: 'Search' })
  await expect(search).toBeFocused()
  await page.keyboard.type('jxk')
  await expect(search).toHaveValue('jxk')
  await expect(firstRow.getByRole('checkbox')).toBeChecked()
  await expect(secondRow.getByRole('checkbox')).not.toBeChecked()

  // ? lists the shortcuts in a dialog.
  await firstRow.locator('th a').focus()
  await page.keyboard.press('?')
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('Next idea')
  await checkA11y(page)
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // a selects the row and goes to the assignment.
  await secondRow.locator('th a').focus()
  await page.keyboard.press('a')
  await expect(page.getByLabel('Assign to')).toBeFocused()
  await expect(secondRow.getByRole('checkbox')).toBeChecked()

  // s opens the row's status form; Escape closes it and puts focus back on the row, so j/k work again.
  await firstRow.locator('th a').focus()
  await page.keyboard.press('s')
  const firstStatus = firstRow.getByLabel('New status')
  await expect(firstStatus).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(firstStatus).toBeHidden()
  await expect(firstRow.locator('details')).not.toHaveAttribute('open')
  await expect(firstRow.locator('th a')).toBeFocused()
  await page.keyboard.press('j')
  await expect(secondRow.locator('th a')).toBeFocused()
  // From the response field too (typing there is no shortcut, Escape still closes the form).
  await page.keyboard.press('k')
  await page.keyboard.press('s')
  await firstRow.getByLabel('Public response').focus()
  await page.keyboard.press('Escape')
  await expect(firstRow.locator('details')).not.toHaveAttribute('open')
  await expect(firstRow.locator('th a')).toBeFocused()

  // s opens the row's own status form with focus in it; the change is confirmed in the page.
  await secondRow.locator('th a').focus()
  const title = (await secondRow.locator('th a').textContent())!
  await page.keyboard.press('s')
  const status = secondRow.getByLabel('New status')
  await expect(status).toBeFocused()
  await status.selectOption({ label: 'Under review' })
  await secondRow.getByLabel('Public response').fill('We are looking into this.')
  await secondRow.getByRole('button', { name: 'Change status' }).click()
  const done = page
    .getByRole('status')
    .filter({ hasText: /1 idea moved to Under review; \d+ (people|person) will/ })
  await expect(done).toBeVisible()
  // The row left the queue: focus goes to what was done.
  await expect(done).toBeFocused()
  await expect(page.getByRole('link', { name: title, exact: true })).toHaveCount(0)
})
