// The links that confirm an email address (a sign-up's, an address change's) as pages: opening one
// shows a button and changes nothing (mail scanners and link previews open links); the button's
// POST confirms; the link opened again says the address is already confirmed, not that the link
// expired. In English and Dutch.
import { and, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { users } from '#app/db/schema'
import { signUp } from '#app/domain/accounts/accounts.server'
import { sendEmailChangeLinks } from '#app/domain/accounts/tokens.server'
import * as confirmEmail from '#app/routes/confirm-email.$token'
import * as verifyEmail from '#app/routes/verify-email.$token'
import { type Locale, translator } from '#app/utils/i18n/i18n'
import { createTestUser, unique } from '#tests/factories'
import { appBuild, crawler, pageReader } from '#tests/setup/app-build'
import { linkInNewestEmail } from '#tests/setup/outbox'
import { cookieFrom, makeContext, makeRequest } from '#tests/setup/request'

const reader = pageReader(
  appBuild([
    { id: 'routes/verify-email.$token', path: 'verify-email/:token', module: verifyEmail },
    { id: 'routes/confirm-email.$token', path: 'confirm-email/:token', module: confirmEmail },
  ]),
)

const linkTo = async (email: string, kind: 'verify-email' | 'change-email') =>
  (await linkInNewestEmail({ to: email, kind, link: /\/(?:verify|confirm)-email\/[\w-]+/ }))[0]

async function open(
  path: string,
  locale: Locale,
  method: 'GET' | 'POST' = 'GET',
  /** More cookies (a session), as `name=value; …`. */
  cookies = '',
) {
  const response = await reader.handle(
    makeRequest({
      path,
      method,
      form: method === 'POST' ? {} : undefined,
      cookie: [`ideabox_lang=${locale}`, cookies].filter(Boolean).join('; '),
      headers: crawler,
    }),
    makeContext(),
  )
  // The page's own text (not the dictionary its script carries in the head).
  const html = /<main[^>]*>(.*)<\/main>/s.exec(await response.text())?.[1] ?? ''
  return { status: response.status, html, response }
}

const account = async (email: string) =>
  (
    await db()
      .select({ email: users.email, verifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(
        and(sql`lower(${users.email}) = lower(${email})`, sql`${users.unclaimedSince} is null`),
      )
  )[0]

const escaped = (text: string) => text.replace(/&/g, '&amp;')

describe('a confirmation link', () => {
  for (const locale of ['en', 'nl'] as const) {
    const t = translator(locale)

    it(`from a sign-up: opening shows a button, the button confirms, opened again it says so (${locale})`, async () => {
      const email = `${unique('press')}@example.com`
      const signedUp = await signUp({
        input: { email, displayName: 'Pat Presser', password: 'long enough password' },
        locale,
        clientIp: `198.18.${Math.floor(Math.random() * 250)}.7`,
      })
      expect(signedUp).toEqual({ ok: true })
      const path = await linkTo(email, 'verify-email')

      for (let scans = 0; scans < 2; scans++) {
        const page = await open(path, locale)
        expect(page.status).toBe(200)
        expect(page.html).toContain(escaped(t('verify.submit')))
      }
      expect((await account(email))?.verifiedAt).toBeNull()

      const pressed = await open(path, locale, 'POST')
      expect(pressed.status).toBe(302)
      expect(pressed.response.headers.get('Location')).toMatch(
        /^\/verify-email\/done\?receipt=[\w.-]+$/,
      )
      expect((await account(email))?.verifiedAt).not.toBeNull()

      const again = await open(path, locale)
      expect(again.html).toContain(escaped(t('verify.alreadyConfirmed')))
      expect(again.html).not.toContain(escaped(t('verify.submit')))
      expect(again.html).toContain('href="/login"')

      // The press signed this browser in: opened again there, it offers the account, not a sign-in.
      const session = pressed.response.headers.getSetCookie().map(cookieFrom).join('; ')
      expect(session).not.toBe('')
      const signedIn = await open(path, locale, 'GET', session)
      expect(signedIn.html).toContain(escaped(t('verify.alreadyConfirmedSignedIn')))
      expect(signedIn.html).not.toContain(escaped(t('verify.alreadyConfirmed')))
      expect(signedIn.html).not.toContain('href="/login"')
      expect(signedIn.html).toContain('href="/account"')
    })

    it(`for a new address: opening shows a button, the button changes the address, opened again it says so (${locale})`, async () => {
      const person = await createTestUser({ locale })
      const newEmail = `${unique('moved')}@example.com`
      await sendEmailChangeLinks({ userId: person.id, newEmail })
      const path = await linkTo(newEmail, 'change-email')

      const page = await open(path, locale)
      expect(page.status).toBe(200)
      expect(page.html).toContain(escaped(t('confirmEmail.ready', { email: newEmail })))
      expect(page.html).toContain(escaped(t('confirmEmail.submit')))
      expect((await account(person.email))?.email).toBe(person.email)

      const pressed = await open(path, locale, 'POST')
      expect(pressed.status).toBe(200)
      expect(pressed.html).toContain(escaped(t('confirmEmail.done')))
      expect((await account(newEmail))?.email).toBe(newEmail)

      for (const method of ['GET', 'POST'] as const) {
        const again = await open(path, locale, method)
        expect(again.html).toContain(escaped(t('confirmEmail.alreadyConfirmed')))
        expect(again.html).not.toContain(escaped(t('confirmEmail.invalid')))
      }
    })
  }

  it('that is no link of ours says it expired or was used, and offers nothing to press', async () => {
    for (const path of ['/verify-email/not-a-token', '/confirm-email/not-a-token']) {
      const page = await open(path, 'en')
      expect(page.status).toBe(200)
      expect(page.html).not.toMatch(/<button[^>]*type="submit"[^>]*class="button"/)
    }
  })
})
