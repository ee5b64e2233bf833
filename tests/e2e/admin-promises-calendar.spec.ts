// The working calendar refuses a day that ends before it starts, beside the end time, and keeps the
// times the admin typed (with JavaScript and without: the page comes back from the server then).
import { expect, login, test } from './fixtures'

for (const javaScriptEnabled of [true, false]) {
  test(`a working day that ends before it starts is refused with the times kept (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    await login(page, 'admin')
    await page.goto('/admin/promises')
    const calendar = page.getByRole('form', { name: 'Working calendar' })
    await calendar.getByLabel('Working day starts').fill('18:00')
    await calendar.getByLabel('Working day ends').fill('08:00')
    await calendar.getByRole('button', { name: 'Save settings' }).click()
    await expect(calendar.getByText('The working day must end after it starts.')).toBeVisible()
    await expect(calendar.getByLabel('Working day starts')).toHaveValue('18:00')
    await expect(calendar.getByLabel('Working day ends')).toHaveValue('08:00')
    await context.close()
  })
}
