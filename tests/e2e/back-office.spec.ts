// Journeys of the product team: triage with a public answer that reaches the customer and the
// roadmap, merging duplicates, and hiding a reported comment.
import { expect, login, postIdea, signUp, test } from './fixtures'

test('a moderator triages a new idea with a response; the customer sees it on the idea page, in notifications and on the roadmap', async ({
  browser,
  checkA11y,
}) => {
  const customerContext = await browser.newContext()
  const customer = await customerContext.newPage()
  await login(customer, 'customer')
  const title = `Espresso tonic on the menu ${Date.now().toString(36)}`
  const idea = await postIdea(customer, {
    title,
    description: 'Espresso over tonic water with ice.',
    category: 'Drinks',
  })

  const teamContext = await browser.newContext()
  const moderator = await teamContext.newPage()
  await login(moderator, 'moderator')
  await moderator.goto('/admin')
  await checkA11y(moderator)
  await moderator.getByRole('link', { name: title }).click()
  await expect(moderator.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await checkA11y(moderator)
  await moderator.getByLabel('New status').selectOption({ label: 'Under review' })
  await moderator
    .getByRole('textbox', { name: 'Public response (Markdown)' })
    .first()
    .fill('We are testing this in **three shops** this winter.')
  await moderator.getByRole('button', { name: 'Change status' }).click()
  await expect(moderator.locator('#timeline')).toContainText(
    'We are testing this in three shops this winter.',
  )
  // The change is confirmed in a status message that takes focus (so it is read out), and the form starts empty.
  const confirmed = moderator
    .getByRole('status')
    .filter({ hasText: /Status changed to Under review; \d+ (people|person) will be told\./ })
  await expect(confirmed).toBeFocused()
  await expect(moderator.getByLabel('New status')).toHaveValue('')
  await checkA11y(moderator)
  // Answered ideas leave the queue.
  await moderator.goto('/admin')
  await expect(moderator.getByRole('link', { name: title })).toHaveCount(0)

  await customer.goto(idea.url)
  await expect(customer.getByText('Under review').first()).toBeVisible()
  await expect(customer.locator('#timeline strong')).toHaveText('three shops')
  await checkA11y(customer)
  await customer.getByRole('link', { name: /^Notifications/ }).click()
  await expect(
    customer.getByRole('link', { name: `The team moved “${title}” to Under review` }),
  ).toBeVisible()
  // The notification carries the team's answer itself.
  await expect(customer.getByRole('listitem').filter({ hasText: title }).first()).toContainText(
    'We are testing this in three shops this winter.',
  )
  await checkA11y(customer)
  await customer.goto('/roadmap?kind=product')
  await expect(
    customer.getByRole('region', { name: /Under review/ }).getByRole('link', { name: title }),
  ).toBeVisible()
  await checkA11y(customer)
  await customerContext.close()
  await teamContext.close()
})

test('a moderator merges a duplicate into the original; votes move and the duplicate points to it', async ({
  browser,
}) => {
  const marker = Date.now().toString(36)
  const authorContext = await browser.newContext()
  const author = await authorContext.newPage()
  await login(author, 'customer')
  const original = await postIdea(author, {
    title: `Reusable cup discount ${marker}`,
    description: 'Ten cents off.',
    kind: 'Involvement',
    category: 'Sustainability',
  })
  const duplicate = await postIdea(author, {
    title: `Discount for bringing my own cup ${marker}`,
    description: 'Same idea.',
    kind: 'Involvement',
    category: 'Sustainability',
  })

  const voterContext = await browser.newContext()
  const voter = await voterContext.newPage()
  await signUp(voter, 'Vera Voter', 'merge')
  await voter.goto(duplicate.url)
  await Promise.all([
    voter.waitForResponse(
      (response) => response.url().includes('/vote') && response.request().method() === 'POST',
    ),
    voter.getByRole('button', { name: /^Vote for/ }).click(),
  ])
  await expect(voter.locator('.vote-control__score')).toHaveText('2')

  const teamContext = await browser.newContext()
  const moderator = await teamContext.newPage()
  await login(moderator, 'moderator')
  await moderator.goto(`/admin/ideas/${duplicate.id}`)
  await moderator.getByLabel('Original idea (number or link)').fill(`#${original.id}`)
  await moderator.getByRole('button', { name: 'Merge into the original' }).click()
  await expect(moderator.getByText('This idea was merged into another one')).toBeVisible()

  await voter.goto(duplicate.url)
  await expect(voter.getByText('Duplicate').first()).toBeVisible()
  await voter
    .locator('.notice')
    .getByRole('link', { name: `Reusable cup discount ${marker}` })
    .click()
  await expect(voter).toHaveURL(original.url)
  // The original's author vote, plus the voter's and the duplicate's author (the same person: once).
  await expect(voter.locator('.vote-control__score')).toHaveText('2')
  await expect(voter.getByRole('button', { name: /^Vote for/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await authorContext.close()
  await voterContext.close()
  await teamContext.close()
})

test('a reported comment is hidden by a moderator and shows as hidden to everyone', async ({
  browser,
  checkA11y,
}) => {
  const marker = Date.now().toString(36)
  const writerContext = await browser.newContext()
  const writer = await writerContext.newPage()
  await signUp(writer, 'Sam Spammer', 'spam')
  await writer.goto('/ideas?sort=top')
  await writer.locator('article.idea-card .idea-card__title a').first().click()
  await expect(writer).toHaveURL(/\/ideas\/\d+-/)
  const ideaUrl = writer.url()
  await writer.getByLabel('Add a comment').fill(`Cheap sunglasses at example.com ${marker}`)
  await writer.getByRole('button', { name: 'Post comment' }).click()
  const comment = writer.locator('.comment', { hasText: marker })
  await expect(comment).toBeVisible()

  const reporterContext = await browser.newContext()
  const reporter = await reporterContext.newPage()
  await login(reporter, 'customer')
  await reporter.goto(ideaUrl)
  const reported = reporter.locator('.comment', { hasText: marker })
  await reported.getByText('Report', { exact: true }).click()
  await reported.getByLabel('Reason').selectOption({ label: 'Spam or advertising' })
  await reported.getByRole('button', { name: 'Send report' }).click()
  await expect(reporter.getByText('Thank you. The team will look at your report.')).toBeVisible()

  const teamContext = await browser.newContext()
  const moderator = await teamContext.newPage()
  await login(moderator, 'moderator')
  await moderator.goto('/admin/reports')
  await checkA11y(moderator)
  const item = moderator.locator('.report-queue > li', { hasText: marker })
  await item.getByRole('button', { name: 'Hide' }).click()
  await expect(item.getByText('Give a reason.')).toBeVisible()
  await item.getByLabel('Reason (the author is told)').fill('Advertising')
  await item.getByRole('button', { name: 'Hide' }).click()
  await expect(moderator.locator('.report-queue > li', { hasText: marker })).toHaveCount(0)

  await reporter.goto(ideaUrl)
  await expect(reporter.getByText(marker)).toHaveCount(0)
  await expect(reporter.getByText('This comment was hidden by a moderator.')).toBeVisible()
  await writer.goto('/notifications')
  // The headline says what happened; the moderator's reason follows once, as its excerpt.
  const told = writer.locator('li', { hasText: /hid something you wrote on/ }).first()
  await expect(told).toBeVisible()
  await expect(told.locator('.notification__excerpt')).toHaveText('Advertising')
  await writerContext.close()
  await reporterContext.close()
  await teamContext.close()
})
