// Journey: a call-centre agent captures an idea for a new customer by phone; the customer hears at
// once, with the date they can expect an answer; they sign up with that address, confirm it, and
// find the idea in their account; the team answers, and the public promises page counts it.
import { captureAtIntake, expect, freshEmail, login, openMail, test } from './fixtures'

test('an agent captures a phone idea for a new customer who later claims it; the team answers and /promises counts it', async ({
  browser,
  checkA11y,
}) => {
  const marker = Date.now().toString(36)
  const email = freshEmail('caller')
  const title = `Quiet hour for parents ${marker}`

  const agentContext = await browser.newContext()
  const agent = await agentContext.newPage()
  await login(agent, 'agent')
  await agent.goto('/admin/intake')
  await checkA11y(agent)
  await captureAtIntake(agent, {
    email,
    name: 'Carla Caller',
    channel: 'phone',
    reference: `CALL-${marker}`,
    title,
    description: 'A calm hour with dimmed music for parents with babies.',
  })
  await checkA11y(agent)

  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await login(admin, 'admin')
  const acknowledgement = await openMail(admin, email, /We received your idea/)
  await expect(acknowledgement).toContainText('You can expect a first answer by')

  // The customer signs up with the same address and confirms it from the email.
  const customerContext = await browser.newContext()
  const customer = await customerContext.newPage()
  await customer.goto('/signup')
  await customer.getByLabel('Display name').fill('Carla Caller')
  await customer.getByLabel('Email address').fill(email)
  await customer.getByLabel('Password').fill('a sturdy passphrase')
  await customer.getByRole('button', { name: 'Create account' }).click()
  await expect(customer.getByRole('heading', { name: 'Check your email' })).toBeVisible()
  const confirmation = await openMail(admin, email, /Confirm your email address/)
  const link = /http:\/\/localhost:\d+(\/verify-email\/[\w-]+)/.exec(
    (await confirmation.textContent()) ?? '',
  )![1]!
  await customer.goto(link)
  await customer.getByRole('button', { name: 'Confirm my email address' }).click()
  await expect(customer.getByText('is now in your account')).toBeVisible()
  await expect(customer.getByLabel('Account menu for Carla Caller')).toBeVisible()
  await customer.goto('/my/ideas')
  await expect(customer.getByRole('link', { name: title })).toBeVisible()
  await customer.getByRole('link', { name: title }).click()
  await expect(customer.getByText('The team promises a first answer by')).toBeVisible()

  const teamContext = await browser.newContext()
  const moderator = await teamContext.newPage()
  await login(moderator, 'moderator')
  await moderator.goto('/admin')
  await moderator.getByRole('link', { name: title }).click()
  // The queue's rows have status forms of their own: wait for the idea's page.
  await expect(moderator.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await moderator.getByLabel('New status').selectOption({ label: 'Under review' })
  await moderator
    .getByRole('textbox', { name: 'Public response (Markdown)' })
    .first()
    .fill('Nice idea; we are asking the shop managers.')
  await moderator.getByRole('button', { name: 'Change status' }).click()
  await expect(moderator.locator('#timeline')).toContainText('shop managers')

  await customer.reload()
  await expect(customer.getByText('The team answered the same working day.')).toBeVisible()
  await customer.goto('/promises?days=30')
  await checkA11y(customer)
  // The figures are recounted at most every ten seconds per instance (another test may have just
  // looked): the new channel shows up within that.
  const phoneRow = customer
    .getByRole('table', { name: /per channel/ })
    .getByRole('row', { name: /Call centre/ })
  await expect(async () => {
    await customer.reload()
    await expect(phoneRow).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 30_000 })
  for (const context of [agentContext, adminContext, customerContext, teamContext])
    await context.close()
})
