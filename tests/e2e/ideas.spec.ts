// Journey: a visitor writes an idea, signs up at submit without losing it, and another person votes.
import { expect, finishSignUp, freshEmail, login, postIdea, signUp, test } from './fixtures'

test('a visitor drafts an idea, signs up at submit, and sees it received; a customer finds it by search and votes', async ({
  page,
  browser,
  checkA11y,
}) => {
  const marker = `pk${Date.now().toString(36)}`
  const title = `Seasonal pumpkin scones all autumn ${marker}`
  await page.goto('/')
  await page.getByRole('link', { name: 'Post an idea' }).click()
  await expect(page.getByRole('heading', { name: 'Share your idea' })).toBeVisible()
  await checkA11y()
  await page.getByText('Product', { exact: true }).click()
  await page.getByLabel('Category').selectOption({ label: 'Food' })
  await page.getByLabel('Title').fill(title)
  await page
    .getByLabel('Description')
    .fill('Scones with **pumpkin** from September to November.\n\n- warm\n- not too sweet')
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(page.getByRole('heading', { name: 'Preview' })).toBeVisible()
  await expect(page.locator('.preview strong')).toHaveText('pumpkin')
  await checkA11y()
  await page.getByRole('button', { name: /Post/ }).click()

  await expect(
    page.getByText('Your idea is saved. Create an account (or sign in) to post it.'),
  ).toBeVisible()
  await page.getByLabel('Display name').fill('Pat Pumpkin')
  const email = freshEmail('pumpkin')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill('a sturdy passphrase')
  await page.getByRole('button', { name: 'Create account' }).click()
  await finishSignUp(page, email)

  await expect(page.getByText('Welcome! Your idea is still here.')).toBeVisible()
  await expect(page.getByLabel('Title')).toHaveValue(title)
  await page.getByRole('button', { name: /Post/ }).click()
  await expect(page.getByText('Thank you! Your idea was received.')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await checkA11y()
  const ideaUrl = page.url().replace(/\?.*$/, '')

  const otherContext = await browser.newContext()
  const other = await otherContext.newPage()
  await login(other, 'customer')
  await other.goto('/ideas')
  await other.getByRole('searchbox', { name: 'Search' }).fill(`pumpkin scone ${marker}`)
  await other.getByRole('button', { name: 'Apply' }).click()
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(
    `Ideas matching “pumpkin scone ${marker}”`,
  )
  await expect(other.locator('article.idea-card')).toHaveCount(1)
  await expect(other.locator('article.idea-card mark').first()).toHaveText('pumpkin')
  await checkA11y(other)
  await other.getByRole('link', { name: title }).click()
  await expect(other).toHaveURL(ideaUrl)
  const voteFor = other.getByRole('button', { name: `Vote for “${title}”` })
  await expect(other.locator('.vote-control__score')).toHaveText('1')
  // The count changes at once (optimistic); wait for the server's answer before reloading.
  await Promise.all([
    other.waitForResponse(
      (response) => response.url().includes('/vote') && response.request().method() === 'POST',
    ),
    voteFor.click(),
  ])
  await expect(voteFor).toHaveAttribute('aria-pressed', 'true')
  await expect(other.locator('.vote-control__score')).toHaveText('2')
  await other.reload()
  await expect(other.locator('.vote-control__score')).toHaveText('2')
  await expect(other.getByRole('button', { name: `Vote for “${title}”` })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await checkA11y(other)
  await otherContext.close()
})

test('the similar ideas follow the title, and a title changed before its list answered is shown its own before it is posted', async ({
  page,
}) => {
  await signUp(page, 'Sam Rewords', 'rewords')
  await page.goto('/ideas/new')
  await page.getByText('Product', { exact: true }).click()
  await page.getByLabel('Category').selectOption({ label: 'Drinks' })
  await page.getByLabel('Description').fill('Asked for at the counter.')
  const similar = page.getByRole('region', { name: 'Is your idea already here?' })
  // The demo's decaf idea, and the ones other journeys post.
  const decaf = similar.getByRole('link', { name: /^Decaf options for every espresso drink/ })
  const coldBrew = similar.getByRole('link', { name: /^Cold brew on tap all year round/ })
  await page.getByLabel('Title').fill('Decaf options for every espresso drink, please')
  await expect(decaf.first()).toBeVisible()
  // While typing, the list follows the title.
  await page.getByLabel('Title').fill('Cold brew on tap in winter, please')
  await expect(coldBrew.first()).toBeVisible()
  await expect(decaf).toHaveCount(0)
  // The lookup for the next title answers no list (busy): posting that title shows the ideas like
  // it first, from the server, as it would if Post were pressed before the list answered.
  await page.route('**/ideas/similar?*', (route) => route.fulfill({ status: 429, body: '' }))
  await page.getByLabel('Title').fill('Decaf options for every espresso drink, thank you')
  await page.getByRole('button', { name: 'Post idea' }).click()
  await expect(decaf.first()).toBeVisible()
  await expect(page.getByRole('button', { name: 'Post my idea anyway' })).toBeVisible()
  await expect(page.getByText('Thank you! Your idea was received.')).toHaveCount(0)
  await page.getByRole('button', { name: 'Post my idea anyway' }).click()
  await expect(page.getByText('Thank you! Your idea was received.')).toBeVisible()
})

test('with JavaScript the category list follows the kind chosen, also after a refused post', async ({
  page,
}) => {
  await page.goto('/ideas/new')
  const category = page.getByLabel('Category')
  const groups = () =>
    category
      .locator('optgroup')
      .evaluateAll((found) => found.map((group) => group.getAttribute('label')))
  await expect.poll(groups).toEqual(['Product', 'Experience', 'Involvement'])
  await page.getByText('Experience', { exact: true }).click()
  await expect.poll(groups).toEqual(['Experience'])
  await category.selectOption({ label: 'Service' })
  await page.getByLabel('Title').fill('Hi')
  await page.getByLabel('Description').fill('Friendlier mornings.')
  await page.getByRole('button', { name: 'Post idea' }).click()
  await expect(page.getByText('Use at least 5 characters.')).toBeVisible()
  await expect(category.locator('option:checked')).toHaveText('Service')
  await page.getByText('Product', { exact: true }).click()
  await expect.poll(groups).toEqual(['Product'])
  await category.selectOption({ label: 'Drinks' })
  await expect(category.locator('option:checked')).toHaveText('Drinks')
})

test('the ideas list sorts, filters and pages through the URL', async ({ page, checkA11y }) => {
  await page.goto('/ideas')
  await checkA11y()
  await page.getByLabel('Sort', { exact: true }).selectOption('new')
  await page.getByLabel('Kind', { exact: true }).selectOption('product')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/sort=new/)
  await expect(page).toHaveURL(/kind=product/)
  await expect(page.locator('article.idea-card').first()).toBeVisible()
})

test('"Load more" appends the next page in place, and the first new idea takes focus', async ({
  page,
  checkA11y,
}) => {
  await page.goto('/ideas?sort=new')
  const cards = page.locator('article.idea-card')
  await expect(cards).toHaveCount(20)
  await page.getByRole('button', { name: 'Load more ideas' }).click()
  await expect(cards).toHaveCount(40)
  await expect(page).toHaveURL(/\/ideas\?sort=new$/)
  await expect(cards.nth(20).locator('.idea-card__title a')).toBeFocused()
  await expect(page.getByRole('status').filter({ hasText: '20 more ideas loaded.' })).toBeAttached()
  const titles = await cards.locator('.idea-card__title').allTextContents()
  expect(new Set(titles).size).toBe(titles.length)
  await checkA11y()
})

test('an author rewords a fresh idea, sees the history, then withdraws it', async ({
  page,
  checkA11y,
}) => {
  await signUp(page, 'Edie Editor', 'editor')

  const marker = `ed${Date.now().toString(36)}`
  await page.goto('/ideas/new')
  await page.getByText('Experience', { exact: true }).click()
  await page.getByLabel('Category').selectOption({ label: 'Service' })
  await page.getByLabel('Title').fill(`Phonetic nametags ${marker}`)
  await page.getByLabel('Description').fill('Ask how to spell it.')
  await page.getByRole('button', { name: /Post/ }).click()
  const postAnyway = page.getByRole('button', { name: 'Post my idea anyway' })
  if (await postAnyway.isVisible()) await postAnyway.click()
  await expect(page.getByText('Thank you! Your idea was received.')).toBeVisible()

  await page.getByRole('link', { name: 'Edit', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Edit your idea' })).toBeVisible()
  await checkA11y()
  await page.getByLabel('Title').fill('x')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('Use at least 5 characters.')).toBeVisible()
  await page.getByLabel('Title').fill(`Phonetic nametags please ${marker}`)
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('Your changes are saved.')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Phonetic nametags please ${marker}`,
  )
  await page.getByText('Earlier version (1)').click()
  // The earlier version, with what the edit changed marked.
  await expect(page.locator('.revisions strong')).toHaveText(`Phonetic nametags please ${marker}`)
  await expect(page.locator('.revisions ins')).toHaveText('please')
  await checkA11y()

  await page.getByRole('link', { name: 'Edit', exact: true }).click()
  await page.getByRole('button', { name: 'Withdraw idea' }).click()
  await expect(page.getByText('Tick the box to confirm.')).toBeVisible()
  await page.getByLabel('Yes, withdraw my idea').check()
  await page.getByRole('button', { name: 'Withdraw idea' }).click()
  // One banner says so; nothing that no longer holds (status, promise, voting, comment form) stays.
  await expect(page.getByText('You withdrew this idea.')).toHaveCount(1)
  await expect(page.locator('.notice')).toHaveCount(1)
  await expect(page.getByRole('textbox', { name: 'Add a comment' })).toHaveCount(0)
  await expect(
    page.getByText('This idea was withdrawn, so it takes no new comments.'),
  ).toBeVisible()

  await page.goto('/my/ideas')
  await expect(page.locator('article.idea-card', { hasText: marker })).toContainText('Withdrawn')
  // Its status ("New") no longer holds: the card shows only that it was withdrawn.
  await expect(
    page.locator('article.idea-card', { hasText: marker }).locator('.status-badge'),
  ).toHaveCount(0)
  await checkA11y()
})

test('profiles show points, and the leaderboard ranks this month and all time', async ({
  page,
  checkA11y,
}) => {
  await page.goto('/leaderboard')
  await expect(page.getByRole('heading', { level: 1, name: 'Leaderboard' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'This month' })).toHaveAttribute(
    'aria-current',
    'page',
  )
  await checkA11y()
  await page.getByRole('link', { name: 'All time' }).click()
  await expect(page.getByRole('table', { name: 'Top contributors: All time' })).toBeVisible()
  await page.getByRole('table').getByRole('link').first().click()
  await expect(page).toHaveURL(/\/u\/[a-z0-9-]+$/)
  await expect(page.getByText('Points', { exact: true })).toBeVisible()
  await checkA11y()

  await login(page, 'customer')
  await page.goto('/my/votes')
  await expect(page.getByRole('heading', { level: 1, name: 'Ideas I voted on' })).toBeVisible()
  await expect(page.locator('article.idea-card').first()).toBeVisible()
  await checkA11y()
})

test('quick clicks on a vote button end where the last click said; a vote after the session ended asks to sign in again', async ({
  page,
  context,
}) => {
  await signUp(page, 'Quick Clicker', 'clicker')
  const title = `Double-tap proof buttons ${Date.now().toString(36)}`
  const { url } = await postIdea(page, {
    title,
    description: 'Votes that count once, however fast you tap.',
  })

  const voteFor = page.getByRole('button', { name: `Vote for “${title}”` })
  const score = page.locator('.vote-control__score')
  // An author's idea starts with their own vote. (Scores are read relative to what is shown: the
  // crawler in the other worker may vote on this idea too.)
  await expect(voteFor).toHaveAttribute('aria-pressed', 'true')
  // Five clicks as fast as they come: none, up, none, up, none. Votes go one at a time, the last click winning.
  for (let click = 0; click < 5; click += 1) await voteFor.click()
  await expect(voteFor).toHaveAttribute('aria-pressed', 'false')
  await page.waitForLoadState('networkidle')
  // The server kept the last click: the page rendered afresh shows this person's vote withdrawn.
  await page.reload()
  await expect(voteFor).toHaveAttribute('aria-pressed', 'false')

  // The session ends (signed out elsewhere): the vote rolls back and says how to go on.
  const before = await score.textContent()
  await context.clearCookies()
  await voteFor.click()
  const signIn = page.getByRole('alert').getByRole('link', { name: 'Sign in again to vote.' })
  await expect(signIn).toBeVisible()
  await expect(voteFor).toHaveAttribute('aria-pressed', 'false')
  await expect(score).toHaveText(before!)
  await signIn.click()
  await expect(page).toHaveURL(/\/login\?redirectTo=/)
  // Back to the idea after signing in.
  expect(new URL(page.url()).searchParams.get('redirectTo')).toContain(new URL(url).pathname)
})
