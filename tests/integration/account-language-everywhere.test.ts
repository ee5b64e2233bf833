// A signed-in person's account language is the site's language in every browser. Switching it on
// one browser saved it on the account (and the emails follow it) while another browser kept the
// language cookie it had, so that browser showed the site in English beside an account page saying
// "Nederlands: the site and the emails use this language". A page load whose language is not the
// account's now answers with a redirect to the same address that sets the browser's language
// cookie; the next load is in the account's language, so it can never go round.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { type Locale } from '#app/db/schema'
import { startSession } from '#app/domain/accounts/sessions.server'
import * as accountProfile from '#app/routes/account._index'
import { en } from '#app/utils/i18n/en'
import { getLocale } from '#app/utils/i18n/i18n.server'
import { nl } from '#app/utils/i18n/nl'
import { createTestUser } from '#tests/factories'
import { appBuild, crawler, pageReader } from '#tests/setup/app-build'
import { cookieFrom, cookiesAfter, makeContext, makeRequest } from '#tests/setup/request'

const { handle } = pageReader(
  appBuild([{ id: 'routes/account._index', path: 'account', module: accountProfile }]),
)

const messages = { en, nl } as const

async function signedIn(locale: Locale) {
  const person = await createTestUser({ locale })
  return cookieFrom((await startSession(person.id)).cookie)
}

function get(path: string, cookie: string, headers: Record<string, string> = {}) {
  return handle(makeRequest({ path, cookie, headers: { ...crawler, ...headers } }), makeContext())
}

/** The language cookie a response sets, if any. */
const languageSet = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => cookieFrom(line))
    .find((pair) => pair.startsWith('ideabox_lang='))

/** An address as the app reads it (Remix hands loaders its query re-encoded: `%20` as `+`). */
const addressRead = (address: string) => {
  const url = new URL(address, 'http://localhost')
  return { path: url.pathname, query: [...url.searchParams] }
}

describe.each([
  ['nl', 'en'],
  ['en', 'nl'],
] as const)('an account kept in %s, a browser cookie saying %s', (account, browser) => {
  it('reloads the same address in the account’s language and remembers it in the browser', async () => {
    const session = await signedIn(account)
    const cookie = `${session}; ideabox_lang=${browser}`
    const first = await get('/account?tab=profile', cookie)
    expect(first.status).toBe(302)
    expect(first.headers.get('Location')).toBe('/account?tab=profile')
    expect(languageSet(first)).toBe(`ideabox_lang=${account}`)

    const next = await get('/account?tab=profile', cookiesAfter(cookie, first))
    expect(next.status).toBe(200)
    const html = await next.text()
    expect(html).toMatch(new RegExp(`<html[^>]* lang="${account}"`))
    expect(html).toContain(messages[account]['account.language.hint'])
    expect(html).not.toContain(messages[browser]['account.language.hint'])
  })

  it('reloads through a single-fetch data request too (a navigation with JavaScript)', async () => {
    const session = await signedIn(account)
    const cookie = `${session}; ideabox_lang=${browser}`
    const first = await get('/account.data?tab=profile&_routes=root,routes/account._index', cookie)
    // Single fetch answers a redirect as data (202) that the browser's router follows.
    expect(first.status).toBe(202)
    expect(languageSet(first)).toBe(`ideabox_lang=${account}`)
    const body = await first.text()
    expect(body).toContain('SingleFetchRedirect')
    expect(body).toContain('"/account?tab=profile"')

    const next = await get('/account.data?tab=profile', cookiesAfter(cookie, first))
    expect(next.status).toBe(200)
    expect(languageSet(next)).toBeUndefined()
    expect(await next.text()).toContain(`"${messages[account]['account.nav.profile']}"`)
  })

  it('does not redirect a form’s post: its answer (the refusal in place) stays', async () => {
    const session = await signedIn(account)
    const answer = await handle(
      makeRequest({
        path: '/account',
        method: 'POST',
        cookie: `${session}; ideabox_lang=${browser}`,
        headers: crawler,
        form: { intent: 'profile', displayName: '', handle: '' },
      }),
      makeContext(),
    )
    expect(answer.status).toBe(400)
    expect(languageSet(answer)).toBeUndefined()
  })
})

describe('no redirect', () => {
  it.each(['en', 'nl'] as const)(
    'when the browser already says the account’s %s',
    async (locale) => {
      const session = await signedIn(locale)
      const answer = await get('/account', `${session}; ideabox_lang=${locale}`)
      expect(answer.status).toBe(200)
      expect(languageSet(answer)).toBeUndefined()
      expect(await answer.text()).toMatch(new RegExp(`<html[^>]* lang="${locale}"`))
    },
  )

  it.each(['en', 'nl'] as const)(
    'for a visitor, whose cookie (%s) is the language',
    async (locale) => {
      const answer = await get('/', `ideabox_lang=${locale}`)
      expect(answer.status).toBe(200)
      expect(languageSet(answer)).toBeUndefined()
      expect(await answer.text()).toMatch(new RegExp(`<html[^>]* lang="${locale}"`))
    },
  )
})

describe('any account language, any browser language (generated)', () => {
  it('takes at most one redirect, to the same address, and then renders in the account’s language', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Locale>('en', 'nl'),
        fc.option(fc.constantFrom<Locale>('en', 'nl'), { nil: undefined }),
        fc.option(fc.constantFrom('en-GB,en;q=0.9', 'nl-NL,nl;q=0.9'), { nil: undefined }),
        fc.constantFrom('/', '/account', '/account?tab=a%20b&x=1'),
        fc.boolean(),
        async (account, browser, acceptLanguage, path, dataRequest) => {
          const session = await signedIn(account)
          let cookie = browser ? `${session}; ideabox_lang=${browser}` : session
          const address = dataRequest
            ? `${path.replace(/^\/(?=\?|$)/, '/_root').replace(/^([^?]*)/, '$1.data')}`
            : path
          const headers: Record<string, string> = acceptLanguage
            ? { 'Accept-Language': acceptLanguage }
            : {}
          const first = await get(address, cookie, headers)
          // The language the page would have had: the cookie, else the browser's, else the default.
          const mismatch = getLocale(makeRequest({ path, cookie, headers })) !== account
          if (mismatch) {
            expect(first.status).toBe(dataRequest ? 202 : 302)
            expect(languageSet(first)).toBe(`ideabox_lang=${account}`)
            if (dataRequest) expect(await first.text()).toContain('SingleFetchRedirect')
            expect(addressRead(first.headers.get('Location')!)).toEqual(addressRead(path))
            cookie = cookiesAfter(cookie, first)
          }
          const next = mismatch ? await get(address, cookie, headers) : first
          expect(next.status).toBe(200)
          expect(languageSet(next)).toBeUndefined()
          const text = await next.text()
          if (dataRequest) expect(text).not.toContain('SingleFetchRedirect')
          else expect(text).toMatch(new RegExp(`<html[^>]* lang="${account}"`))
        },
      ),
      { numRuns: 40 },
    )
  })
})
