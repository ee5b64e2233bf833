// Journey: everything essential works with JavaScript switched off (plain form posts).
import {
  expect,
  fillNewIdea,
  ideaReceived,
  login,
  postComment,
  signUp,
  signUpOnThisPage,
  test,
} from './fixtures'

/** The oat milk idea the posting journeys start from: a title the demo data has ideas like. */
const oatMilk = {
  kind: 'Product',
  category: 'Drinks',
  title: 'Oat milk at no extra charge, please',
  description: 'Plant milk should cost the same.',
}

test.use({ javaScriptEnabled: false })

// axe needs JavaScript in the page; the same pages are scanned by the journeys that have it.
test('sign up, vote, switch language and sign out without JavaScript', async ({ page }) => {
  await signUp(page, 'Noa Script', 'nojs')

  await page.goto('/ideas')
  const card = page.locator('article.idea-card').first()
  const before = Number(await card.locator('.vote-control__score').textContent())
  await card.getByRole('button', { name: /^Vote for/ }).click()
  await expect(page).toHaveURL(/\/ideas#idea-\d+$/)
  await expect(card.locator('.vote-control__score')).toHaveText(String(before + 1))
  await expect(card.getByRole('button', { name: /^Vote for/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  )

  await page.getByRole('button', { name: 'Nederlands' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ideeën' })).toBeVisible()
  await page.getByRole('button', { name: 'English' }).click()

  await page.getByLabel('Account menu for Noa Script').click()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible()
})

test('posting an idea shows similar ideas as a step before the final submit', async ({ page }) => {
  await signUp(page, 'Noa Poster', 'nojs-post')
  await fillNewIdea(page, oatMilk)
  await page.getByRole('button', { name: 'Post idea' }).click()
  await expect(page.getByRole('heading', { name: 'Is your idea already here?' })).toBeVisible()
  await page.getByRole('button', { name: 'Post my idea anyway' }).click()
  await expect(ideaReceived(page)).toBeVisible()
})

test('a title changed after the similar ideas were shown shows the ideas like the new title first', async ({
  page,
}) => {
  await signUp(page, 'Noa Changer', 'nojs-retitle')
  await fillNewIdea(page, oatMilk)
  await page.getByRole('button', { name: 'Post idea' }).click()
  const similar = page.getByRole('region', { name: 'Is your idea already here?' })
  await expect(similar).toBeVisible()
  await expect(
    similar.getByRole('link', { name: /^Decaf options for every espresso drink/ }),
  ).toHaveCount(0)
  // A new title: the ideas like it are shown before anything is posted.
  await page.getByLabel('Title').fill('Decaf options for every espresso drink, please')
  await page.getByRole('button', { name: 'Post my idea anyway' }).click()
  await expect(
    similar.getByRole('link', { name: /^Decaf options for every espresso drink/ }).first(),
  ).toBeVisible()
  await expect(ideaReceived(page)).toHaveCount(0)
  await expect(page.getByLabel('Title')).toHaveValue(
    'Decaf options for every espresso drink, please',
  )
  await page.getByRole('button', { name: 'Post my idea anyway' }).click()
  await expect(ideaReceived(page)).toBeVisible()
})

test('after Preview, one press of Post posts the idea (the preview showed the similar ideas)', async ({
  page,
}) => {
  await signUp(page, 'Noa Previewer', 'nojs-preview')
  await fillNewIdea(page, {
    ...oatMilk,
    title: 'Oat milk in every size, please',
    description: 'Plant milk *in every cup*.',
  })
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(page.getByRole('heading', { name: 'Is your idea already here?' })).toBeVisible()
  await expect(page.locator('.preview em')).toHaveText('in every cup')
  await page.getByRole('button', { name: /^Post (idea|my idea anyway)$/ }).click()
  await expect(ideaReceived(page)).toBeVisible()
})

test('a refused idea still offers every kind’s categories: switching the kind leaves one to pick', async ({
  page,
}) => {
  await signUp(page, 'Noa Switcher', 'nojs-kind')
  await fillNewIdea(page, {
    kind: 'Experience',
    category: 'Service',
    title: 'Hi',
    description: 'Oat milk at no extra charge.',
  })
  await page.getByRole('button', { name: 'Post idea' }).click()
  await expect(page.getByText('Use at least 5 characters.')).toBeVisible()
  // What was typed is kept, and every kind's categories are still there to choose from.
  const category = page.getByLabel('Category')
  await expect(category.locator('option:checked')).toHaveText('Service')
  await expect(page.getByLabel('Title')).toHaveValue('Hi')
  await expect(category.locator('optgroup')).toHaveCount(3)

  // Another kind, its category kept from before: refused beside the category, nothing lost.
  await page.getByText('Product', { exact: true }).click()
  await page.getByLabel('Title').fill('Oat milk at no extra charge, please')
  await page.getByRole('button', { name: 'Preview' }).click()
  const otherKind = 'This category is for another kind of idea'
  await expect(page.getByText(otherKind)).toBeVisible()
  await expect(category.locator('option:checked')).toHaveText('Service')
  await page.getByRole('button', { name: /^Post (idea|my idea anyway)$/ }).click()
  await expect(page.getByText(otherKind)).toBeVisible()

  // A category of the new kind: posted.
  await category.selectOption({ label: 'Drinks' })
  await page.getByRole('button', { name: /^Post (idea|my idea anyway)$/ }).click()
  const anyway = page.getByRole('button', { name: 'Post my idea anyway' })
  await expect(ideaReceived(page).or(anyway)).toBeVisible()
  if (await anyway.isVisible()) await anyway.click()
  await expect(ideaReceived(page)).toBeVisible()
})

test('a visitor drafts an idea and signs up at submit; another person finds it by search and votes', async ({
  page,
  browser,
}) => {
  const marker = `nj${Date.now().toString(36)}`
  const title = `Cinnamon buns ${marker}`
  await fillNewIdea(page, { title, description: 'Fresh from the oven, **warm**.' })
  await page.getByRole('button', { name: 'Post idea' }).click()
  // Other runs' ideas may look similar: the step before the final submit, then on.
  const anyway = page.getByRole('button', { name: 'Post my idea anyway' })
  if (await anyway.isVisible()) await anyway.click()
  await expect(
    page.getByText('Your idea is saved. Create an account (or sign in) to post it.'),
  ).toBeVisible()
  await signUpOnThisPage(page, 'Noa Baker', 'nojs-draft')
  await expect(page.getByLabel('Title')).toHaveValue(title)
  await page.getByRole('button', { name: 'Post idea' }).click()
  // The draft already went through the similar-ideas step, so the idea is posted at once.
  await expect(ideaReceived(page)).toBeVisible()
  const ideaUrl = page.url().replace(/\?.*$/, '')

  const otherContext = await browser.newContext({ javaScriptEnabled: false })
  const other = await otherContext.newPage()
  await login(other, 'customer')
  await other.goto('/ideas')
  await other.getByRole('searchbox', { name: 'Search' }).fill(`cinnamon ${marker}`)
  await other.getByRole('button', { name: 'Apply' }).click()
  const card = other.locator('article.idea-card')
  await expect(card).toHaveCount(1)
  await card.getByRole('button', { name: `Vote for “${title}”` }).click()
  // Back at the same place in the same search, with the vote counted.
  await expect(other).toHaveURL(new RegExp(`/ideas\\?q=cinnamon.*#idea-\\d+$`))
  await expect(card.locator('.vote-control__score')).toHaveText('2')
  await other.goto(ideaUrl)
  await expect(other.locator('.vote-control__score')).toHaveText('2')
  await expect(other.getByRole('button', { name: `Vote for “${title}”` })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await otherContext.close()
})

test('a refused comment comes back with the error next to it and the text kept', async ({
  page,
}) => {
  await login(page, 'customer')
  await page.goto('/ideas?sort=new')
  await page.locator('article.idea-card .idea-card__title a').first().click()
  // Only spaces get past the browser's own check; the server says what is wrong, at the field.
  await postComment(page, '   ')
  await expect(page.getByText('Write something first.')).toBeVisible()
  await expect(page.getByLabel('Add a comment')).toHaveAttribute('aria-invalid', 'true')
  await postComment(page, 'Shorter and to the point.')
  await expect(
    page.locator('.comment').filter({ hasText: 'Shorter and to the point.' }),
  ).toBeVisible()
})

test('reply and report forms open through their links, and a reply posts', async ({ page }) => {
  const stamp = Date.now().toString(36)
  await login(page, 'customer')
  await page.goto('/ideas/2')
  await postComment(page, `Plain HTML works too ${stamp}`)
  const comment = page.locator('article.comment', { hasText: `Plain HTML works too ${stamp}` })
  // The forms are not in the page until asked for: the link loads the page with that one open.
  await expect(comment.getByLabel('Your reply')).toHaveCount(0)
  await comment.getByRole('link', { name: 'Reply', exact: true }).click()
  await expect(page).toHaveURL(/[?&]open=reply-\d+/)
  const opened = page.locator('article.comment', { hasText: `Plain HTML works too ${stamp}` })
  await opened.getByLabel('Your reply').fill(`And so does replying ${stamp}`)
  await opened.getByRole('button', { name: 'Post reply' }).click()
  await expect(
    page.locator('article.comment', { hasText: `And so does replying ${stamp}` }),
  ).toBeVisible()
  await expect(page.getByLabel('Your reply')).toHaveCount(0)
  await page.getByRole('link', { name: 'Report', exact: true }).first().click()
  await expect(page.getByLabel('Reason').first()).toBeVisible()
})

test('paging through the ideas goes back a page as well as on', async ({ page }) => {
  // Newest first: ideas posted meanwhile by other journeys arrive on page 1, not between pages 2 and 3.
  await page.goto('/ideas?sort=new')
  const titles = () => page.locator('.idea-card__title').allTextContents()
  const pager = page.getByRole('navigation', { name: 'Pages' })
  await expect(pager.getByRole('link', { name: 'Previous page' })).toHaveCount(0)
  await pager.getByRole('link', { name: 'Next page' }).click()
  await expect(page).toHaveURL(/cursor=/)
  const second = await titles()
  expect(second.length).toBeGreaterThan(0)
  await pager.getByRole('link', { name: 'Next page' }).click()
  const third = await titles()
  expect(third).not.toEqual(second)
  await pager.getByRole('link', { name: 'Previous page' }).click()
  await expect(page).toHaveURL(/before=/)
  expect(await titles()).toEqual(second)
  await expect(pager.getByRole('link', { name: 'Back to the first page' })).toBeVisible()
  await pager.getByRole('link', { name: 'Next page' }).click()
  expect(await titles()).toEqual(third)
})

test('a marketer’s draft keeps what was typed when they search for and link an idea', async ({
  page,
}) => {
  await login(page, 'marketer')
  // A planned idea of the demo data, to link.
  await page.goto('/ideas?status=planned')
  const planned = page.locator('article.idea-card .idea-card__title a').first()
  const title = (await planned.textContent())!.trim()
  const id = /\/ideas\/(\d+)/.exec((await planned.getAttribute('href'))!)![1]!
  await page.goto('/admin/updates')
  await page.getByLabel('Title').fill(`Soup season ${Date.now().toString(36)}`)
  await page.getByRole('button', { name: 'Start a draft' }).click()
  await expect(page).toHaveURL(/\/admin\/updates\/\d+$/)
  const editor = page.url()
  const typed = 'Typed before searching, never saved with the Save button.'
  await page.getByLabel('Text (Markdown)').fill(typed)
  await page.getByRole('searchbox', { name: 'Find ideas to link' }).fill(`#${id}`)
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(page.getByLabel('Text (Markdown)')).toHaveValue(typed)
  const more = `${typed} And before linking.`
  await page.getByLabel('Text (Markdown)').fill(more)
  await page.getByRole('button', { name: `Link “${title}”` }).click()
  // Left and opened again: nothing typed is lost.
  await page.goto(editor)
  await expect(page.getByLabel('Text (Markdown)')).toHaveValue(more)
  await expect(page.locator('#ideas').getByRole('link', { name: title })).toBeVisible()
  // Searching again finds it as linked, in the back office's words.
  await page.getByRole('searchbox', { name: 'Find ideas to link' }).fill(`#${id}`)
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(page.locator('#ideas')).toContainText('already linked')
  await expect(page.locator('#ideas')).toContainText(`No other ideas match “#${id}”.`)
  await expect(page.locator('#ideas')).not.toContainText('post it as a new idea')
})
