// Journey: an agent at the intake console types the customer once, at the top. Whether the idea is
// filed or the customer's vote goes to an idea found by the search below, it is that customer's,
// and what the agent chose is kept when the check questions it.
import type { Locator, Page } from '@playwright/test'

import { expect, freshEmail, login, test } from './fixtures'

/** The console, signed in as the agent, with a customer typed in at the top: its capture form. */
async function captureFor(page: Page, emailPrefix: string) {
  await login(page, 'agent')
  await page.goto('/admin/intake')
  const capture = page.locator('form.intake-form').first()
  await capture.getByLabel('Their email address').fill(freshEmail(emailPrefix))
  await capture.getByLabel('Their name', { exact: true }).fill('Sam Caller')
  await capture.getByLabel('Channel').selectOption('phone')
  return capture
}

/** The search below the capture form for the demo data's decaf idea: the section, and the vote it offers. */
async function findDecafIdea(page: Page) {
  const voteSection = page.getByRole('region', {
    name: 'Add a customer’s vote to an existing idea',
  })
  await voteSection.getByRole('searchbox', { name: 'Words or number of the idea' }).fill('decaf')
  await voteSection.getByRole('button', { name: 'Find ideas' }).click()
  const vote = voteSection.getByRole('button', {
    name: /^Add the customer’s vote to “#\d+ Decaf options for every espresso drink”$/,
  })
  await expect(vote).toBeVisible()
  return { voteSection, vote }
}

/** Adds the customer's vote with the button the search offered, and sees it said. */
async function voteFor(page: Page, vote: Locator) {
  await vote.click()
  await expect(page.getByRole('status')).toContainText(
    'The customer’s vote was added to Decaf options for every espresso drink',
  )
  expect(new URL(page.url()).searchParams.get('done')).toBe('vote')
}

/** After a check, the category of another kind is still the one chosen, and its field says why. */
async function expectOtherKindKept(capture: Locator) {
  const category = capture.getByLabel('Category')
  await expect(category).toHaveAccessibleDescription(
    'This category is for another kind of idea: choose one of this kind’s categories, or change the kind.',
  )
  await expect(category.locator('option:checked')).toHaveText('Product: Drinks')
  await expect(capture.getByLabel('Kind').locator('option:checked')).toHaveText('Experience')
  await expect(capture.getByLabel('Title')).toHaveValue('Warmer lights in the evening')
}

test('a vote for an idea found by the search is filed for the customer typed at the top', async ({
  page,
  checkA11y,
}) => {
  const capture = await captureFor(page, 'intake-search-vote')
  const { vote } = await findDecafIdea(page)
  // The customer typed before searching is still there, and is the one the vote is for.
  await expect(capture.getByLabel('Their email address')).toHaveValue(/^intake-search-vote-/)
  await checkA11y()
  await voteFor(page, vote)
})

test('a closed idea the search finds says its status, and offers no vote', async ({
  page,
  checkA11y,
}) => {
  await captureFor(page, 'intake-search-closed')
  const voteSection = page.getByRole('region', {
    name: 'Add a customer’s vote to an existing idea',
  })
  await voteSection
    .getByRole('searchbox', { name: 'Words or number of the idea' })
    .fill('alcohol-infused coffee')
  await voteSection.getByRole('button', { name: 'Find ideas' }).click()
  const declined = voteSection
    .getByRole('listitem')
    .filter({ hasText: 'Serve alcohol-infused coffee in the evening' })
  // The agent can tell the customer: its status, that the vote can't be added, and its page.
  await expect(declined.getByRole('link', { name: /^#\d+ Serve alcohol-infused/ })).toBeVisible()
  await expect(declined.locator('.status-badge')).toHaveText('Declined')
  await expect(declined).toContainText('Closed: the customer’s vote can’t be added.')
  await expect(declined.getByRole('button')).toHaveCount(0)
  await checkA11y()
})

test('Enter in a field after a check checks again: it never votes for the first similar idea', async ({
  page,
}) => {
  const capture = await captureFor(page, 'intake-enter')
  await capture.getByLabel('Kind').selectOption('product')
  await capture.getByLabel('Category').selectOption({ label: 'Product: Drinks' })
  await capture.getByLabel('Title').fill('Decaf options for every espresso drink')
  await capture.getByLabel('Description').fill('Asked for on the phone.')
  await capture.getByRole('button', { name: 'Check for similar ideas' }).click()
  const firstVote = capture.getByRole('button', { name: /^Add the customer’s vote to/ }).first()
  await expect(firstVote).toBeVisible()
  await capture.getByLabel('Title').press('Enter')
  // Checked again: the similar ideas are offered again, and no vote was filed.
  await expect(firstVote).toBeVisible()
  expect(new URL(page.url()).searchParams.get('done')).toBeNull()
  await expect(page.getByText(/vote was added/)).toHaveCount(0)
})

test('a category chosen before the kind stays chosen, and the check says it is another kind’s', async ({
  page,
}) => {
  const capture = await captureFor(page, 'intake-kind-js')
  await capture.getByLabel('Category').selectOption({ label: 'Product: Drinks' })
  await capture.getByLabel('Kind').selectOption('experience')
  await expect(capture.getByLabel('Category').locator('option:checked')).toHaveText(
    'Product: Drinks',
  )
  await capture.getByLabel('Title').fill('Warmer lights in the evening')
  await capture.getByLabel('Description').fill('Said at the till.')
  await capture.getByRole('button', { name: 'Check for similar ideas' }).click()
  await expectOtherKindKept(capture)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the check keeps a category of another kind and says so beside it', async ({ page }) => {
    const capture = await captureFor(page, 'intake-kind')
    await capture.getByLabel('Kind').selectOption('experience')
    await capture.getByLabel('Category').selectOption({ label: 'Product: Drinks' })
    await capture.getByLabel('Title').fill('Warmer lights in the evening')
    await capture.getByLabel('Description').fill('Said at the till.')
    await capture.getByRole('button', { name: 'Check for similar ideas' }).click()
    await expectOtherKindKept(capture)
  })

  test('the search keeps everything typed above it, and the vote found is that customer’s', async ({
    page,
  }) => {
    const capture = await captureFor(page, 'intake-search-nojs')
    await capture.getByLabel('Their phone number (optional)').fill('+31 20 123 4567')
    await capture.getByLabel('Kind').selectOption('product')
    await capture.getByLabel('Title').fill('Begun before the search')
    const { voteSection, vote } = await findDecafIdea(page)
    // The page came back from the server with every field as typed, the search too.
    await expect(capture.getByLabel('Their email address')).toHaveValue(/^intake-search-nojs-/)
    await expect(capture.getByLabel('Their name', { exact: true })).toHaveValue('Sam Caller')
    await expect(capture.getByLabel('Their phone number (optional)')).toHaveValue('+31 20 123 4567')
    await expect(capture.getByLabel('Channel').locator('option:checked')).toHaveText('Call centre')
    await expect(capture.getByLabel('Kind').locator('option:checked')).toHaveText('Product')
    await expect(capture.getByLabel('Title')).toHaveValue('Begun before the search')
    await expect(
      voteSection.getByRole('searchbox', { name: 'Words or number of the idea' }),
    ).toHaveValue('decaf')
    await expect(page.getByText(/vote was added/)).toHaveCount(0)
    await voteFor(page, vote)
  })

  test('Enter in the search field searches, and keeps everything typed', async ({ page }) => {
    const capture = await captureFor(page, 'intake-search-enter')
    await capture.getByLabel('Kind').selectOption('product')
    await capture.getByLabel('Title').fill('Begun before the search')
    const voteSection = page.getByRole('region', {
      name: 'Add a customer’s vote to an existing idea',
    })
    const search = voteSection.getByRole('searchbox', { name: 'Words or number of the idea' })
    await search.fill('decaf')
    await search.press('Enter')
    // The search ran: its ideas are offered. The idea half-typed above was not checked (no field
    // is said to be missing, no similar ideas or "nothing similar" for it) and is still there.
    await expect(
      voteSection.getByRole('button', {
        name: /^Add the customer’s vote to “#\d+ Decaf options for every espresso drink”$/,
      }),
    ).toBeVisible()
    await expect(page.locator('.field__errors')).toHaveCount(0)
    await expect(page.getByText('No similar ideas found.', { exact: false })).toHaveCount(0)
    await expect(capture.getByLabel('Their email address')).toHaveValue(/^intake-search-enter-/)
    await expect(capture.getByLabel('Kind').locator('option:checked')).toHaveText('Product')
    await expect(capture.getByLabel('Title')).toHaveValue('Begun before the search')
    await expect(search).toHaveValue('decaf')
    // Enter in a field of the idea, the search unchanged since it ran, checks the idea as before:
    // the category not chosen yet is said beside its field.
    await capture.getByLabel('Title').press('Enter')
    await expect(capture.getByLabel('Category')).toHaveAccessibleDescription(/\S/)
    await expect(search).toHaveValue('decaf')
  })
})

test('the customer’s language: Automatic names a new customer’s, the idea’s language as it is typed, else the page’s', async ({
  page,
}) => {
  const capture = await captureFor(page, 'intake-language')
  const language = capture.getByLabel('Their language')
  await expect(language).toHaveAccessibleDescription(
    'Their emails are written in it. An address with an account always gets the account’s language. Automatic keeps the language of a customer we wrote to before; a new customer gets the idea’s language, else this page’s.',
  )
  const automatic = language.locator('option[value=""]')
  await expect(automatic).toHaveText('Automatic (a new customer: English)')
  await capture.getByLabel('Title').fill('Graag soep van de dag')
  await capture
    .getByLabel('Description')
    .fill('Ik wil graag elke dag een andere soep, want dat is lekker voor de lunch.')
  await expect(automatic).toHaveText('Automatic (a new customer: Nederlands)')
})
