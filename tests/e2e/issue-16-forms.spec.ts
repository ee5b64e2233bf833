// Issue 16, forms: a success notice from an earlier save must not stay above a later refusal.
import { expect, postIdea, signUp, test } from './fixtures'

test('an old success notice goes once a later form is refused', async ({ page }) => {
  await signUp(page, 'Notice Tester', 'notice')
  await page.goto('/account/security?notice=account.security.passwordChanged')
  const notice = page.getByText('Your password is changed.')
  await expect(notice).toBeVisible()
  const password = page.locator('section', {
    has: page.getByRole('heading', { name: /password/i }),
  })
  await password.getByLabel('Current password').fill('not my password at all')
  await password.getByLabel('New password').fill('a brand new passphrase')
  await password.getByRole('button', { name: /change password/i }).click()
  await expect(page.getByText('That is not your current password.')).toBeVisible()
  await expect(notice).toHaveCount(0)
})

test('after a refused submit, the focus is on the first field in error, on every account form and the withdraw form', async ({
  page,
}) => {
  await signUp(page, 'Focus Tester', 'focus')
  const { url } = await postIdea(page, {
    title: `Focus after refusal ${Date.now().toString(36)}`,
    description: 'A description.',
  })
  // Each form sent empty (or with a wrong password): [page, the form's submit button, the field that should have the focus].
  const forms: { path: string; clear?: string; button: RegExp; field: string }[] = [
    { path: '/account', clear: 'Display name', button: /^Save/, field: 'Display name' },
    { path: '/account/security', button: /change email/i, field: 'New email address' },
    { path: '/account/security', button: /change password/i, field: 'Current password' },
    { path: '/account/data', button: /delete my account/i, field: 'Your password, to confirm' },
    { path: `${new URL(url).pathname}/edit`, button: /withdraw/i, field: 'withdraw-confirm' },
  ]
  const unfocused: string[] = []
  for (const form of forms) {
    await page.goto(form.path)
    if (form.clear) await page.getByLabel(form.clear, { exact: true }).fill('')
    await page.getByRole('button', { name: form.button }).click()
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible()
    const focused = await page.evaluate(() => {
      const active = document.activeElement
      const label = active?.id
        ? document.querySelector(`label[for="${CSS.escape(active.id)}"]`)?.textContent
        : null
      return { tag: active?.tagName.toLowerCase(), id: active?.id, label: label?.trim() }
    })
    if (focused.label !== form.field && focused.id !== form.field)
      unfocused.push(`${form.path} ${form.button}: focus on ${JSON.stringify(focused)}`)
  }
  expect(unfocused).toEqual([])
})
