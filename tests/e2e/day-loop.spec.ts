// Journey: the whole day's loop, read as its recipients read it. A customer posts an idea; a
// follower and a phone customer (voted through /admin/intake, no account) join it; a moderator
// answers it, plans it and launches it; a marketer publishes "you asked, we built"; the roadmap
// shows it. Every email that goes out is opened from the mailbox, checked for the event's content,
// and its link followed in the recipient's own browser (signed in as them, or anonymous for the
// phone customer), where the page shows the event.
import type { Browser, Locator, Page } from '@playwright/test'

import { expect, freshEmail, login, openMail, postIdea, signUp, test } from './fixtures'

/** The site path of the first link in a mail that matches `path` (a regex source for the path). */
async function linkIn(mail: Locator, path: string) {
  const found = new RegExp(`https?://[^\\s/]+(${path})`).exec((await mail.textContent()) ?? '')?.[1]
  expect(found, `a link matching ${path} in the mail`).toBeTruthy()
  return found!
}

async function pageFor(browser: Browser) {
  const context = await browser.newContext()
  return { context, page: await context.newPage() }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

test('the day loop: posted, voted by phone, answered, planned, launched, announced, on the roadmap, every email read and followed by its recipient', async ({
  browser,
  checkA11y,
}) => {
  const marker = Date.now().toString(36)
  const title = `Late opening on Fridays ${marker}`
  const answer = `We are asking the Utrecht shop to try it ${marker}.`
  const updateTitle = `Open until ten on Fridays ${marker}`
  const summary = `You asked for later Fridays ${marker}; from this week the shop stays open until ten.`
  const phoneEmail = freshEmail('phone')
  const pages: Page[] = []
  const open = async () => {
    const opened = await pageFor(browser)
    pages.push(opened.page)
    return opened.page
  }

  // The mailbox, read as the admin.
  const admin = await open()
  await login(admin, 'admin')

  // A customer posts an idea and is told by email; the link leads to it.
  const customer = await open()
  const customerEmail = await signUp(customer, 'Cas Customer', 'loop-author')
  const idea = await postIdea(customer, {
    title,
    description: 'Open until ten on Friday evenings.',
    category: 'Drinks',
  })
  const received = await openMail(
    admin,
    customerEmail,
    new RegExp(`We received your idea “${escape(title)}”`),
  )
  await expect(received).toContainText('Open until ten on Friday evenings.')
  await customer.goto(await linkIn(received, `/ideas/${idea.id}-[\\w-]+`))
  await expect(customer.getByRole('heading', { level: 1, name: title })).toBeVisible()

  // Someone else follows it.
  const follower = await open()
  const followerEmail = await signUp(follower, 'Fien Follower', 'loop-follower')
  await follower.goto(idea.url)
  // The count changes at once (optimistic); the reload below waits for the server's answer first.
  const followed = follower.waitForResponse(
    (response) => response.url().includes('/follow') && response.request().method() === 'POST',
  )
  await follower.getByRole('button', { name: 'Follow', exact: true }).click()
  await expect(follower.getByText('2 followers')).toBeVisible()
  await followed
  // Followed for real (the author follows their own idea), not only on the screen: it still says so after a reload.
  await follower.reload()
  await expect(follower.getByRole('button', { name: 'Following', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  )

  // A call-centre agent adds a phone customer's vote: find the idea, give the contact details and channel.
  const agent = await open()
  await login(agent, 'agent')
  await agent.goto('/admin/intake')
  const voteSection = agent.getByRole('region', {
    name: 'Add a customer’s vote to an existing idea',
  })
  await voteSection
    .getByRole('searchbox', { name: 'Words or number of the idea' })
    .fill(`#${idea.id}`)
  await voteSection.getByRole('button', { name: 'Find ideas' }).click()
  // The customer's details are the ones at the top of the page, for a vote as for an idea.
  await agent.getByLabel('Their email address').fill(phoneEmail)
  await agent.getByLabel('Their name', { exact: true }).fill('Pim Phone')
  await agent.getByLabel('Channel').selectOption('phone')
  await checkA11y(agent)
  await voteSection
    .getByRole('button', { name: `Add the customer’s vote to “#${idea.id} ${title}”` })
    .click()
  await expect(agent.getByRole('status')).toContainText(`The customer’s vote was added to ${title}`)
  // The phone customer has no account: their own browser is an anonymous one.
  const phoneCustomer = await open()

  // A moderator triages it with a public answer.
  const moderator = await open()
  await login(moderator, 'moderator')
  const changeStatus = async (status: string, response?: string) => {
    await moderator.goto(`/admin/ideas/${idea.id}`)
    await moderator.getByLabel('New status').selectOption({ label: status })
    if (response)
      await moderator
        .getByRole('textbox', { name: 'Public response (Markdown)' })
        .first()
        .fill(response)
    await moderator.getByRole('button', { name: 'Change status' }).click()
    await expect(moderator.locator('#timeline')).toContainText(status)
  }
  await changeStatus('Under review', answer)
  await checkA11y(moderator)

  // Everyone on the idea hears it, with the answer; the link opens the answer on the idea page.
  for (const [recipient, email] of [
    [follower, followerEmail],
    [phoneCustomer, phoneEmail],
  ] as const) {
    const mail = await openMail(
      admin,
      email,
      new RegExp(`The team moved “${escape(title)}” to Under review`),
    )
    await expect(mail).toContainText(answer)
    await recipient.goto(await linkIn(mail, `/ideas/${idea.id}-[\\w-]+`))
    await expect(recipient.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await expect(recipient.locator('#timeline')).toContainText(answer)
  }
  await checkA11y(phoneCustomer)

  // Planned, then launched: each status change reaches the author with the new status.
  for (const status of ['Planned', 'Launched']) {
    await changeStatus(status)
    const mail = await openMail(
      admin,
      customerEmail,
      new RegExp(`The team moved “${escape(title)}” to ${status}`),
    )
    await expect(mail).toContainText(title)
    await customer.goto(await linkIn(mail, `/ideas/${idea.id}-[\\w-]+`))
    await expect(customer.locator('.status-badge').first()).toContainText(status)
  }

  // A marketer closes the loop with an update linked to the idea.
  const marketer = await open()
  await login(marketer, 'marketer')
  await marketer.goto('/admin/updates')
  await marketer.getByLabel('Title').fill(updateTitle)
  await marketer.getByRole('button', { name: 'Start a draft' }).click()
  await marketer.getByLabel('Summary').fill(summary)
  await marketer
    .getByLabel('Text (Markdown)')
    .fill('From this week the **Utrecht** shop stays open until ten on Fridays.')
  await marketer.getByRole('button', { name: 'Save', exact: true }).click()
  await marketer.getByRole('searchbox', { name: 'Find ideas to link' }).fill(`#${idea.id}`)
  await marketer.getByRole('button', { name: 'Search' }).click()
  await marketer.getByRole('button', { name: `Link “${title}”` }).click()
  await expect(marketer.locator('#ideas').getByRole('link', { name: title })).toBeVisible()
  await marketer.getByRole('button', { name: 'Publish now' }).click()
  await expect(marketer.getByText('Published', { exact: false }).first()).toBeVisible()

  // The author, the follower and the phone customer are each emailed; each opens the update.
  for (const [recipient, email] of [
    [customer, customerEmail],
    [follower, followerEmail],
    [phoneCustomer, phoneEmail],
  ] as const) {
    const mail = await openMail(
      admin,
      email,
      new RegExp(`You asked, we built: ${escape(updateTitle)}`),
    )
    await expect(mail).toContainText(summary)
    await recipient.goto(await linkIn(mail, '/updates/[a-z0-9-]+'))
    await expect(recipient.getByRole('heading', { level: 1, name: updateTitle })).toBeVisible()
    await expect(recipient.getByRole('region', { name: 'You asked for this' })).toContainText(title)
  }
  await checkA11y(follower)

  // The roadmap shows it launched, with the update.
  await customer.goto('/roadmap?kind=product')
  const launched = customer
    .getByRole('region', { name: /Launched/ })
    .getByRole('listitem')
    .filter({ has: customer.getByRole('link', { name: title }) })
  await expect(launched).toBeVisible()
  // The author's vote and the phone customer's: its score, as the idea list's cards show it.
  await expect(launched).toContainText('Score 2')
  await launched.getByRole('link', { name: 'Read the update' }).click()
  await expect(customer.getByRole('heading', { level: 1, name: updateTitle })).toBeVisible()
  await checkA11y(customer)

  for (const page of pages) await page.context().close()
})
