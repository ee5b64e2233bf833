// Journeys: a marketer closes the loop with an update that reaches a voter in the app and by email;
// a person who forgot their password gets back in through the emailed link.
import { expect, finishSignUp, freshEmail, login, openMail, postIdea, test } from './fixtures'

test('a marketer publishes an update linked to a launched idea; a voter is told in the app and by email and reads it', async ({
  browser,
  checkA11y,
}) => {
  const marker = Date.now().toString(36)
  // A voter with their own account and address.
  const voterContext = await browser.newContext()
  const voter = await voterContext.newPage()
  const voterEmail = freshEmail('voter')
  await voter.goto('/signup')
  await voter.getByLabel('Display name').fill('Vic Voter')
  await voter.getByLabel('Email address').fill(voterEmail)
  await voter.getByLabel('Password').fill('a sturdy passphrase')
  await voter.getByRole('button', { name: 'Create account' }).click()
  await finishSignUp(voter, voterEmail)
  await expect(voter.getByLabel('Account menu for Vic Voter')).toBeVisible()
  const idea = await postIdea(voter, {
    title: `Honey syrup option ${marker}`,
    description: 'Instead of sugar syrup.',
    category: 'Drinks',
  })

  const teamContext = await browser.newContext()
  const moderator = await teamContext.newPage()
  await login(moderator, 'moderator')
  await moderator.goto(`/admin/ideas/${idea.id}`)
  await moderator.getByLabel('New status').selectOption({ label: 'Launched' })
  await moderator.getByRole('button', { name: 'Change status' }).click()
  await expect(moderator.locator('#timeline')).toContainText('Launched')

  const marketerContext = await browser.newContext()
  const marketer = await marketerContext.newPage()
  await login(marketer, 'marketer')
  await marketer.goto('/admin/updates')
  await checkA11y(marketer)
  await marketer.getByLabel('Title').fill(`Honey syrup is here ${marker}`)
  await marketer.getByRole('button', { name: 'Start a draft' }).click()
  await marketer
    .getByLabel('Summary')
    .fill('You asked for a honey option; it is in every shop now.')
  await marketer.getByLabel('Text (Markdown)').fill('From today you can choose **honey syrup**.')
  await marketer.getByRole('button', { name: 'Save', exact: true }).click()
  await marketer.getByRole('searchbox', { name: 'Find ideas to link' }).fill(`#${idea.id}`)
  await marketer.getByRole('button', { name: 'Search' }).click()
  await marketer.getByRole('button', { name: `Link “Honey syrup option ${marker}”` }).click()
  await expect(
    marketer.locator('#ideas').getByRole('link', { name: `Honey syrup option ${marker}` }),
  ).toBeVisible()
  await checkA11y(marketer)
  await marketer.getByRole('button', { name: 'Publish now' }).click()
  await expect(marketer.getByText('Published', { exact: false }).first()).toBeVisible()

  await voter.goto('/notifications')
  const notice = voter.getByRole('link', {
    name: `You asked, we built: Honey syrup is here ${marker}`,
  })
  await expect(notice).toBeVisible()
  await checkA11y(voter)

  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await login(admin, 'admin')
  const mail = await openMail(admin, voterEmail, new RegExp(`Honey syrup is here ${marker}`))
  await expect(mail).toContainText('You asked for a honey option')
  const link = /http:\/\/localhost:\d+(\/updates\/[a-z0-9-]+)/.exec(
    (await mail.textContent()) ?? '',
  )![1]!
  await checkA11y(admin)

  await voter.goto(link)
  await expect(
    voter.getByRole('heading', { level: 1, name: `Honey syrup is here ${marker}` }),
  ).toBeVisible()
  await expect(voter.getByRole('region', { name: 'You asked for this' })).toContainText(
    `Honey syrup option ${marker}`,
  )
  await checkA11y(voter)
  await voter.goto(idea.url)
  await expect(
    voter.getByRole('link', { name: `Read the update: Honey syrup is here ${marker}` }),
  ).toBeVisible()

  const feed = await voter.request.get('/updates.rss')
  expect(feed.headers()['content-type']).toContain('application/rss+xml')
  expect(await feed.text()).toContain(`Honey syrup is here ${marker}`)
  for (const context of [voterContext, teamContext, marketerContext, adminContext])
    await context.close()
})

test('a person who forgot their password resets it through the emailed link', async ({
  browser,
  checkA11y,
}) => {
  const email = freshEmail('forgot')
  const personContext = await browser.newContext()
  const person = await personContext.newPage()
  await person.goto('/signup')
  await person.getByLabel('Display name').fill('Fay Forgetful')
  await person.getByLabel('Email address').fill(email)
  await person.getByLabel('Password').fill('the first passphrase')
  await person.getByRole('button', { name: 'Create account' }).click()
  await finishSignUp(person, email)
  await expect(person.getByLabel('Account menu for Fay Forgetful')).toBeVisible()
  await person.getByLabel('Account menu for Fay Forgetful').click()
  await person.getByRole('button', { name: 'Sign out' }).click()
  await expect(person.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible()

  await person.goto('/login')
  await person.getByRole('link', { name: 'Forgot your password?' }).click()
  await checkA11y(person)
  await person.getByLabel('Email address').fill(email)
  await person.getByRole('button', { name: 'Send the link' }).click()
  await expect(
    person.getByText('If an account uses that address, a link is on its way.'),
  ).toBeVisible()

  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await login(admin, 'admin')
  const mail = await openMail(admin, email, /Reset your password/)
  const link = /http:\/\/localhost:\d+(\/reset-password\/[\w-]+)/.exec(
    (await mail.textContent()) ?? '',
  )![1]!

  await person.goto(link)
  await checkA11y(person)
  await person.getByLabel('New password').fill('short')
  await person.getByRole('button', { name: 'Save the new password' }).click()
  await expect(person.getByText('Use at least 10 characters.')).toBeVisible()
  await person.getByLabel('New password').fill('a brand new passphrase')
  await person.getByRole('button', { name: 'Save the new password' }).click()
  await expect(person.getByText('Your new password is set.')).toBeVisible()
  // The link works once.
  await person.goto(link)
  await expect(person.getByText('This link has expired or was already used.')).toBeVisible()
  await personContext.close()
  await adminContext.close()
})

test('marking linked ideas as launched is offered, unticked, to the product team only; a marketer is not offered it', async ({
  browser,
  checkA11y,
}) => {
  const marker = Date.now().toString(36)
  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await login(admin, 'admin')
  await admin.goto('/ideas?status=planned')
  const planned = admin.locator('article.idea-card .idea-card__title a').first()
  const title = (await planned.textContent())!.trim()
  const id = /\/ideas\/(\d+)/.exec((await planned.getAttribute('href'))!)![1]!
  await admin.goto('/admin/updates')
  await admin.getByLabel('Title').fill(`Launch check ${marker}`)
  await admin.getByRole('button', { name: 'Start a draft' }).click()
  await expect(admin).toHaveURL(/\/admin\/updates\/\d+$/)
  const editor = admin.url()
  await admin.getByRole('searchbox', { name: 'Find ideas to link' }).fill(`#${id}`)
  await admin.getByRole('button', { name: 'Search' }).click()
  await admin.getByRole('button', { name: `Link “${title}”` }).click()
  const publishing = admin.getByRole('region', { name: 'Publishing' })
  const box = publishing.getByRole('checkbox', { name: title })
  await expect(box).toBeVisible()
  await expect(box).not.toBeChecked()
  await expect(publishing).toContainText('their followers and voters are told')
  await checkA11y(admin)

  const marketerContext = await browser.newContext()
  const marketer = await marketerContext.newPage()
  await login(marketer, 'marketer')
  await marketer.goto(editor)
  await expect(marketer.locator('#ideas').getByRole('link', { name: title })).toBeVisible()
  await expect(marketer.getByRole('checkbox')).toHaveCount(0)
  for (const context of [adminContext, marketerContext]) await context.close()
})
