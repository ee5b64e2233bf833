// Journey: a store agent captures an idea for a customer who already has an account. The idea is not
// put in their account on the agent's word: the customer gets "… recorded this idea for you — is it
// yours?", follows the link signed in, sees what was recorded and confirms; then it is theirs.
import { captureAtIntake, expect, login, openMail, signUp, test } from './fixtures'

test('a customer with an account confirms an idea an agent captured for them, and only then finds it in their account', async ({
  browser,
  checkA11y,
}) => {
  const marker = Date.now().toString(36)
  const title = `Refill station for water bottles ${marker}`

  const customerContext = await browser.newContext()
  const customer = await customerContext.newPage()
  const email = await signUp(customer, 'Mila Member', 'member')

  const agentContext = await browser.newContext()
  const agent = await agentContext.newPage()
  await login(agent, 'agent')
  await captureAtIntake(agent, {
    email,
    channel: 'store',
    title,
    description: 'Asked at the counter in Utrecht.',
  })

  // Not in the account on the agent's word.
  await customer.goto('/my/ideas')
  await expect(customer.getByRole('link', { name: title })).toHaveCount(0)

  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await login(admin, 'admin')
  const question = await openMail(admin, email, /Is this idea yours\?/)
  await expect(question).toContainText('Sanne Store recorded the idea')
  const link = /http:\/\/localhost:\d+(\/captured\/[\w.-]+)/.exec(
    (await question.textContent()) ?? '',
  )![1]!

  await customer.goto(link)
  await expect(customer.getByRole('heading', { name: 'Is this yours?' })).toBeVisible()
  await expect(customer.getByText(title)).toBeVisible()
  await checkA11y(customer)
  await customer.getByRole('button', { name: 'Yes, these are mine' }).click()
  await expect(customer.getByText('is now in your account')).toBeVisible()
  await checkA11y(customer)
  await customer.goto('/my/ideas')
  await expect(customer.getByRole('link', { name: title })).toBeVisible()

  for (const context of [customerContext, agentContext, adminContext]) await context.close()
})
