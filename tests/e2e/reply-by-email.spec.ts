// Journey: a customer answers a comment notification by replying to the email, and the reply shows
// on the idea page as their comment, marked as written by email.
import { expect, login, openMail, test } from './fixtures'

test('a reply to a comment notification becomes a comment on the idea, marked as by email', async ({
  page,
  browser,
  checkA11y,
}) => {
  const stamp = Date.now().toString(36)
  // The customer comments, and so follows the idea.
  const customer = await login(page, 'customer')
  await page.goto('/ideas/2')
  await page.getByLabel('Add a comment').fill(`Is there a date for this yet? ${stamp}`)
  await page.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.locator('article.comment', { hasText: stamp })).toBeVisible()

  // A moderator answers: the customer gets a comment notification by email.
  const moderatorContext = await browser.newContext()
  const moderator = await moderatorContext.newPage()
  await login(moderator, 'moderator')
  await moderator.goto('/ideas/2')
  await moderator
    .getByLabel('Add a comment')
    .fill(`Not yet, we are testing recipes first. ${stamp}`)
  await moderator.getByRole('button', { name: 'Post comment' }).click()
  await expect(
    moderator.locator('article.comment', { hasText: `testing recipes first. ${stamp}` }),
  ).toBeVisible()
  await moderatorContext.close()

  // The admin gives the mail provider a token for the inbound endpoint, and reads the email that went out.
  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await login(admin, 'admin')
  await admin.goto('/admin/api')
  await admin.getByLabel('Name').fill(`Mail provider ${stamp}`)
  await admin.getByRole('checkbox', { name: /inbound:email/ }).check()
  await admin.getByRole('button', { name: 'Create token' }).click()
  await expect(admin.getByText('Copy this token now')).toBeVisible()
  const token = /^ibx_[\w-]{20,80}$/.exec(
    ((await admin.locator('.token-once').textContent()) ?? '').trim(),
  )?.[0]
  expect(token, 'the new token is shown once').toBeTruthy()

  const mail = await openMail(admin, customer.email, /Morgan Vos commented on/)
  await expect(mail).toContainText(`testing recipes first. ${stamp}`)
  await expect(mail).toContainText('Reply to this email to add a comment')
  const replyTo = /reply\+[0-9a-z-]+@reply\.example\.test/.exec(
    (await admin.locator('.mail-reply-to').textContent()) ?? '',
  )?.[0]
  expect(replyTo, 'the email carries a reply address').toBeTruthy()
  await adminContext.close()

  // The customer's mail client replies (Gmail style, with the quoted email below), through the provider's webhook.
  const raw = [
    `From: ${customer.displayName} <${customer.email}>`,
    `To: ${replyTo}`,
    `Subject: Re: Morgan Vos commented`,
    `Message-ID: <e2e-${stamp}@mail.example.test>`,
    'Date: Fri, 4 Dec 2026 10:14:09 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    `Thanks, I will keep an eye on it. ${stamp}`,
    '',
    `On Fri, 4 Dec 2026 at 10:05, Ideabox <${replyTo}> wrote:`,
    `> Not yet, we are testing recipes first. ${stamp}`,
    '',
  ].join('\r\n')
  const response = await page.request.post('/api/v1/inbound/email', {
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'message/rfc822' },
    data: raw,
  })
  expect(response.status(), await response.text()).toBe(201)

  await page.goto('/ideas/2')
  const reply = page.locator('article.comment', {
    hasText: `Thanks, I will keep an eye on it. ${stamp}`,
  })
  await expect(reply).toBeVisible()
  await expect(reply).toContainText(customer.displayName)
  await expect(reply).toContainText('By email')
  await expect(reply).not.toContainText('testing recipes first')
  await checkA11y()
})
