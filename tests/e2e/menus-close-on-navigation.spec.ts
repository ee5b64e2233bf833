// The header's account menu and the back office's menu on a phone are <details>: opened, and a link
// in them followed, the new page shows with the menu closed, whether the page was fetched by
// JavaScript (the header stays mounted) or loaded whole without it.
import { type Page } from '@playwright/test'

import { expect, login, test } from './fixtures'

/** Hydrated, and marked: the mark survives only a navigation without a page load. */
async function markDocument(page: Page) {
  await page.waitForFunction(
    () => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined,
  )
  await page.evaluate(() => {
    ;(window as unknown as { sameDocument?: boolean }).sameDocument = true
  })
}
const sameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true)

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled })

    test('the account menu closes on the page a link in it opens', async ({ page }) => {
      const account = await login(page, 'customer')
      const menu = page.locator('details.account-menu')
      if (javaScriptEnabled) await markDocument(page)
      for (const [link, heading] of [
        ['My ideas', 'My ideas'],
        ['Ideas I voted on', 'Ideas I voted on'],
      ] as const) {
        await page.getByLabel(`Account menu for ${account.displayName}`).click()
        await expect(menu).toHaveAttribute('open', '')
        await menu.getByRole('link', { name: link }).click()
        await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
        await expect(menu).not.toHaveAttribute('open')
        await expect(menu.getByRole('link', { name: 'My account' })).toBeHidden()
      }
      expect(await sameDocument(page)).toBe(javaScriptEnabled)
    })

    test.describe('on a phone', () => {
      test.use({ viewport: { width: 390, height: 844 } })

      test('the back office menu closes on the page a link in it opens', async ({ page }) => {
        await login(page, 'admin')
        await page.goto('/admin')
        if (javaScriptEnabled) await markDocument(page)
        const menu = page.locator('details.admin-nav__menu')
        await menu.locator('summary').click()
        await expect(menu).toHaveAttribute('open', '')
        await menu.getByRole('link', { name: 'Promises' }).click()
        await expect(page).toHaveURL(/\/admin\/promises$/)
        await expect(menu).not.toHaveAttribute('open')
        expect(await sameDocument(page)).toBe(javaScriptEnabled)
      })
    })
  })
}

test('Escape closes the open account menu and puts the focus back on its button', async ({
  page,
}) => {
  const account = await login(page, 'customer')
  await markDocument(page)
  const menu = page.locator('details.account-menu')
  const button = page.getByLabel(`Account menu for ${account.displayName}`)
  await button.click()
  await expect(menu).toHaveAttribute('open', '')
  await page.keyboard.press('Tab')
  await expect(menu.getByRole('link', { name: 'My profile' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(menu).not.toHaveAttribute('open')
  await expect(button).toBeFocused()
})
