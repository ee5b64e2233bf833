// The account's language follows the person: signing in (the form, a link, single sign-on: every
// sign-in goes through rotateSession) switches the browser to the language the account keeps, so a
// fresh browser does not show the site in its own language while /account names another one; and
// /account changes that language, without JavaScript, through the same /language route the header's
// control posts to.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { users } from '#app/db/schema'
import { startSession } from '#app/domain/accounts/sessions.server'
import * as accountProfile from '#app/routes/account._index'
import { action as languageAction } from '#app/routes/language'
import { action as loginAction } from '#app/routes/login'
import { en } from '#app/utils/i18n/en'
import { getLocale } from '#app/utils/i18n/i18n.server'
import { nl } from '#app/utils/i18n/nl'
import { createTestUser, TEST_PASSWORD } from '#tests/factories'
import { appBuild, pageReader } from '#tests/setup/app-build'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

const reader = pageReader(
  appBuild([{ id: 'routes/account._index', path: 'account', module: accountProfile }]),
)

/** The Cookie header a browser sends after these Set-Cookie lines (the ended ones left out). */
const cookiesAfter = (response: Response) =>
  response.headers
    .getSetCookie()
    .filter((line) => !line.includes('Max-Age=0'))
    .map((line) => cookieFrom(line))
    .join('; ')

const englishBrowser = { 'Accept-Language': 'en-GB,en;q=0.9' }

describe('signing in', () => {
  it('switches a fresh English browser to the Dutch the account keeps', async () => {
    const person = await createTestUser({ locale: 'nl' })
    const answer = (await settle(() =>
      loginAction({
        request: makeRequest({
          path: '/login',
          method: 'POST',
          form: { email: person.email, password: TEST_PASSWORD, redirectTo: '/account' },
          headers: englishBrowser,
        }),
        params: {},
        context: makeContext(),
      }),
    )) as Response
    expect(answer.status).toBe(302)
    expect(answer.headers.getSetCookie().some((line) => line.startsWith('ideabox_lang=nl;'))).toBe(
      true,
    )
    const next = makeRequest({
      path: '/account',
      cookie: cookiesAfter(answer),
      headers: englishBrowser,
    })
    expect(getLocale(next)).toBe('nl')
    const { html } = await reader.page('/account', cookiesAfter(answer))
    expect(html).toMatch(/<html[^>]* lang="nl"/)
  })
})

describe('the account page', () => {
  it.each([
    ['en', en],
    ['nl', nl],
  ] as const)(
    'offers a form that changes the account’s language, chosen now (%s)',
    async (locale, messages) => {
      const person = await createTestUser({ locale })
      const session = cookieFrom((await startSession(person.id)).cookie)
      const { status, html } = await reader.page('/account', `${session}; ideabox_lang=${locale}`)
      expect(status).toBe(200)
      // The header's switcher posts there too (two buttons); the account's form is the one with a list.
      const form = [...html.matchAll(/<form\b([^>]*)>(.*?)<\/form>/gs)].find(
        ([, attributes, inner]) =>
          attributes!.includes('action="/language"') && inner!.includes('<select'),
      )
      expect(form, 'a form posting to /language with a list of languages').toBeDefined()
      const [, attributes, inner] = form!
      expect(attributes).toMatch(/method="post"/)
      expect(inner).toMatch(/<input[^>]*name="redirectTo"[^>]*value="\/account"/)
      const select = /<select\b([^>]*)>(.*?)<\/select>/s.exec(inner!)
      expect(select?.[1]).toMatch(/name="locale"/)
      const id = /id="([^"]+)"/.exec(select![1]!)![1]
      expect(inner).toContain(`<label for="${id}"`)
      expect(select![2]).toMatch(new RegExp(`<option value="${locale}"[^>]* selected`))
      expect(inner).toMatch(/<button[^>]*type="submit"/)
      expect(inner).toContain(messages['account.language.save'])
    },
  )

  it('saves what it posts on the account and in the browser, and comes back to /account', async () => {
    const person = await createTestUser({ locale: 'nl' })
    const session = cookieFrom((await startSession(person.id)).cookie)
    const answer = await languageAction({
      request: makeRequest({
        path: '/language',
        method: 'POST',
        form: { locale: 'en', redirectTo: '/account' },
        cookie: `${session}; ideabox_lang=nl`,
      }),
      params: {},
      context: makeContext(),
    })
    expect(answer.headers.get('Location')).toBe('/account')
    expect(answer.headers.getSetCookie().some((line) => line.startsWith('ideabox_lang=en;'))).toBe(
      true,
    )
    const [row] = await db()
      .select({ locale: users.locale })
      .from(users)
      .where(eq(users.id, person.id))
    expect(row!.locale).toBe('en')
  })
})
