// Journey: without JavaScript, Back and the same button again does not say the same thing twice: a
// comment posted again is the one already there, and a comment reported again is reported once.
import { expect, login, test } from './fixtures'

test.use({ javaScriptEnabled: false })

test('Back, then "Post comment" again: one comment; a second report: "You already reported this"', async ({
  page,
}) => {
  const stamp = Date.now().toString(36)
  const text = `Said once only ${stamp}`
  await login(page, 'customer')
  await page.goto('/ideas/3')
  await page.getByLabel('Add a comment').fill(text)
  await page.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.locator('article.comment', { hasText: text })).toHaveCount(1)

  await page.goBack()
  await page.getByLabel('Add a comment').fill(`${text} `)
  await page.getByRole('button', { name: 'Post comment' }).click()
  await expect(page).toHaveURL(/#comment-\d+$/)
  await expect(page.locator('article.comment', { hasText: text })).toHaveCount(1)

  // Report someone else's comment in one tab while another tab still has the report form open.
  const theirs = page.locator('article.comment').filter({ hasNotText: text }).first()
  await theirs.getByRole('link', { name: 'Report', exact: true }).click()
  const oldTab = await page.context().newPage()
  await oldTab.goto(page.url())
  for (const tab of [page, oldTab]) {
    const form = tab.getByRole('form', { name: 'Report this comment' })
    await form.getByLabel('Reason').selectOption({ label: 'Spam or advertising' })
    await form.getByRole('button', { name: 'Send report' }).click()
  }
  await expect(page.getByText('Thank you. The team will look at your report.')).toBeVisible()
  await expect(
    oldTab.getByText('You already reported this. The team will look at your report.'),
  ).toBeVisible()
  // No report form comes back for that comment after the thanks.
  await expect(oldTab.getByText('You reported this.')).toBeVisible()
})
