// Journey: people discuss an idea — comment, reply, a notification for the reply, and a report.
import { expect, login, test } from './fixtures'

test('comment, reply, get notified, and report a comment', async ({ page, browser, checkA11y }) => {
  const stamp = Date.now().toString(36)
  await login(page, 'customer')
  await page.goto('/ideas/2')
  await page.getByLabel('Add a comment').fill(`Any news on this? ${stamp}`)
  await page.getByRole('button', { name: 'Post comment' }).click()
  const mine = page.locator('article.comment', { hasText: `Any news on this? ${stamp}` })
  await expect(mine).toBeVisible()
  await expect(page.getByLabel('Add a comment')).toHaveValue('')
  await checkA11y()

  const moderatorContext = await browser.newContext()
  const moderator = await moderatorContext.newPage()
  await login(moderator, 'moderator')
  await moderator.goto('/ideas/2')
  const thread = moderator.locator('article.comment', { hasText: `Any news on this? ${stamp}` })
  await thread.getByText('Reply', { exact: true }).click()
  await thread.getByLabel('Your reply').fill(`We are testing it in three shops. ${stamp}`)
  await thread.getByRole('button', { name: 'Post reply' }).click()
  const reply = moderator.locator('article.comment', {
    hasText: `We are testing it in three shops. ${stamp}`,
  })
  await expect(reply).toBeVisible()
  await expect(reply.getByText('Team')).toBeVisible()
  await moderatorContext.close()

  await page.goto('/')
  await expect(page.getByRole('link', { name: /Notifications, \d+ unread/ })).toBeVisible()
  await page.getByRole('link', { name: /Notifications, \d+ unread/ }).click()
  await expect(
    page.getByRole('link', { name: /Morgan Vos replied to your comment/ }).first(),
  ).toBeVisible()
  await checkA11y()
  await page.getByRole('button', { name: 'Mark all as read' }).click()
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible()

  await page.goto('/ideas/2')
  const theirReply = page.locator('article.comment', {
    hasText: `We are testing it in three shops. ${stamp}`,
  })
  await theirReply.getByText('Report', { exact: true }).click()
  await theirReply.getByLabel('Reason').selectOption('off-topic')
  await theirReply.getByRole('button', { name: 'Send report' }).click()
  await expect(page.getByText('Thank you. The team will look at your report.')).toBeVisible()
})

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled })

    test('an author edits a fresh comment: the form says for how long, closes once saved, and the page stays at it', async ({
      page,
    }) => {
      const stamp = Date.now().toString(36)
      await login(page, 'customer')
      await page.goto('/ideas/3')
      await page.getByLabel('Add a comment').fill(`Typo in here ${stamp}`)
      await page.getByRole('button', { name: 'Post comment' }).click()
      const mine = page.locator('article.comment', { hasText: stamp })
      await expect(mine).toBeVisible()
      await mine.getByText('Edit', { exact: true }).click()
      const edit = mine.getByLabel('Edit your comment')
      await expect(edit).toHaveAccessibleDescription(
        'Markdown works. Be kind and specific. A comment can be changed for 15 minutes after it is posted.',
      )
      await edit.fill(`No typo in here ${stamp}`)
      await mine.getByRole('button', { name: 'Save' }).click()
      const edited = page.locator('article.comment', { hasText: `No typo in here ${stamp}` })
      await expect(edited.getByText('(edited)')).toBeVisible()
      await expect(edited.getByLabel('Edit your comment')).toBeHidden()
      // The page stays at the comment: with JavaScript it takes the focus, as the address's anchor
      // names it (not the page's heading, far above).
      if (javaScriptEnabled) await expect(edited).toBeFocused()
      await expect(edited).toBeInViewport()
      // Saved unchanged: the form closes all the same.
      await edited.getByText('Edit', { exact: true }).click()
      await edited.getByRole('button', { name: 'Save' }).click()
      await expect(edited.getByLabel('Edit your comment')).toBeHidden()
    })
  })
}
