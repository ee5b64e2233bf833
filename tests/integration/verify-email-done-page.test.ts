// The page a confirmation link lands on (/verify-email/done), as the server renders it, in both
// languages. It says an address was confirmed only when one was: in the browser that just opened
// the link (the redirect carries a short-lived receipt, signed, for whoever that browser is signed in
// as). To the address's owner it speaks of "your" address and of what moved to their account; to a
// browser signed in as another account (decision 002) it names no one's address. Anyone else (no
// receipt, a receipt made up or changed, one opened by another person or in another browser) gets a
// neutral page that confirms nothing.
import { describe, expect, it } from 'vitest'

import { createTestUser, unique } from '#app/demo/factories.server'
import { signUp } from '#app/domain/accounts/accounts.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { captureIdea } from '#app/domain/intake/intake.server'
import * as verifyEmailLink from '#app/routes/verify-email.$token'
import * as verifyEmailDone from '#app/routes/verify-email.done'
import { en } from '#app/utils/i18n/en'
import { translator } from '#app/utils/i18n/i18n'
import { nl } from '#app/utils/i18n/nl'
import { appBuild, pageReader, pageText } from '#tests/setup/app-build'
import { readingIn } from '#tests/setup/language'
import { verificationToken } from '#tests/setup/outbox'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

const reader = pageReader(
  appBuild([
    { id: 'routes/verify-email.done', path: 'verify-email/done', module: verifyEmailDone },
  ]),
)

/** The page at `path` in `locale` (as the language switcher leaves it chosen): its <title>, <h1> and text. */
async function donePage(path: string, locale: 'en' | 'nl', cookie?: string) {
  const cookies = cookie ? await readingIn(cookie, locale) : `ideabox_lang=${locale}`
  const { status, html } = await reader.page(path, cookies)
  expect(status).toBe(200)
  const headings = [...html.matchAll(/<h1[^>]*>(.*?)<\/h1>/gs)].map(([, inner]) => pageText(inner!))
  expect(headings).toHaveLength(1)
  return {
    title: pageText(/<title>(.*?)<\/title>/s.exec(html)![1]!),
    heading: headings[0]!,
    text: pageText(html),
  }
}

/** A new account, signed up in `locale`, with its confirmation link unopened. */
async function signedUp(locale: 'en' | 'nl', email = `${unique('confirm')}@example.com`) {
  expect(
    await signUp({
      input: { email, displayName: 'Bea', password: 'long enough password' },
      locale,
      clientIp: `198.18.${Math.floor(Math.random() * 250)}.7`,
    }),
  ).toEqual({ ok: true })
  return verificationToken(email)
}

/**
 * Opens the link in a browser with `cookie` (if any) and presses its button (opening it only shows
 * the button): where it leads, and the browser's cookies then.
 */
async function openLink(token: string, cookie?: string) {
  const answer = (await settle(() =>
    verifyEmailLink.action({
      request: makeRequest({ path: `/verify-email/${token}`, method: 'POST', form: {}, cookie }),
      params: { token },
      context: makeContext(),
    }),
  )) as Response
  expect(answer.status).toBe(302)
  const started = answer.headers
    .getSetCookie()
    .filter((line) => !line.includes('Max-Age=0'))
    .map((line) => cookieFrom(line))
  return {
    location: answer.headers.get('Location')!,
    cookie: started.length
      ? started.filter((line) => !line.startsWith('ideabox_lang=')).join('; ')
      : cookie,
  }
}

const signedInAsSomeoneElse = async () =>
  cookieFrom((await startSession((await createTestUser()).id)).cookie)

// "your address" in each language: what the page may say only to the address's owner.
// ("Dank je", thank you, is no one's address.)
const yours = { en: /\byour\b/i, nl: /\b(je|jouw) e-mailadres\b/i }

/** What a page that confirms nothing must not say. */
function expectNeutral(page: Awaited<ReturnType<typeof donePage>>, locale: 'en' | 'nl') {
  const t = translator(locale)
  expect(page.heading).toBe(t('verify.title'))
  expect(page.title.startsWith(`${page.heading} · `), page.title).toBe(true)
  expect(page.text).toContain(t('verify.doneUnknown'))
  for (const said of [
    t('verify.doneTitle'),
    t('verify.done'),
    t('verify.doneOtherAccount'),
    t('verify.otherAccount'),
    t('verify.claimed', { count: 2 }).split('(')[0]!,
  ])
    expect(page.text).not.toContain(said)
}

describe.each([
  ['en', en],
  ['nl', nl],
] as const)('the email-confirmed page (%s)', (locale, messages) => {
  it('tells the owner, right after their link, that their address is confirmed', async () => {
    const link = await openLink(await signedUp(locale))
    expect(link.location).toMatch(/^\/verify-email\/done\?receipt=[\w.-]+$/)
    const page = await donePage(link.location, locale, link.cookie)
    // A statement of what happened, not the instruction the link's email gave ("Confirm …").
    expect(page.heading).toBe(messages['verify.doneTitle'])
    expect(page.heading).not.toBe(messages['verify.title'])
    expect(page.title.startsWith(`${page.heading} · `), page.title).toBe(true)
    expect(page.text).toContain(messages['verify.done'])
    expect(messages['verify.done']).toMatch(yours[locale])
    expect(page.text).not.toContain(messages['verify.doneOtherAccount'])
    // Reloaded in the same browser, it still says so.
    expect((await donePage(link.location, locale, link.cookie)).text).toContain(
      messages['verify.done'],
    )
  })

  it('tells the owner what staff captured for the address is now theirs, as many as there were', async () => {
    const email = `${unique('claimed')}@example.com`
    const agent = await createTestUser({ role: 'agent', password: null })
    for (const title of ['Decaf after 4 pm', 'Oat milk in every store'])
      expect(
        (
          await captureIdea({
            actor: agent,
            customer: { email, name: 'Pim', phone: '', channel: 'phone', externalRef: '' },
            idea: { kind: 'product', categoryId: 1, title, description: 'Said on the phone.' },
          })
        ).ok,
      ).toBe(true)
    const link = await openLink(await signedUp(locale, email))
    const page = await donePage(link.location, locale, link.cookie)
    expect(page.text).toContain(messages['verify.done'])
    expect(page.text).toContain(translator(locale)('verify.claimed', { count: 2 }))
  })

  it('names no one’s address to a browser signed in as another account', async () => {
    const browser = await signedInAsSomeoneElse()
    const link = await openLink(await signedUp(locale), browser)
    expect(link.cookie).toBe(browser)
    const page = await donePage(link.location, locale, browser)
    expect(page.heading).toBe(messages['verify.doneTitle'])
    expect(page.heading).not.toMatch(yours[locale])
    expect(page.text).toContain(messages['verify.doneOtherAccount'])
    expect(messages['verify.doneOtherAccount']).not.toMatch(yours[locale])
    expect(page.text).not.toContain(messages['verify.done'])
    expect(page.text).toContain(messages['verify.otherAccount'])
  })

  it('confirms nothing to anyone else', async () => {
    // No receipt, and the addresses the page once believed (anyone can type a query).
    for (const path of [
      '/verify-email/done',
      '/verify-email/done?otherAccount=1',
      '/verify-email/done?claimed=3',
      '/verify-email/done?receipt=nonsense',
    ])
      expectNeutral(await donePage(path, locale), locale)

    // A real receipt, opened by someone who is not the browser it was made for: signed out, or
    // signed in as another account; and the owner's receipt with its words changed.
    const link = await openLink(await signedUp(locale))
    expectNeutral(await donePage(link.location, locale), locale)
    expectNeutral(await donePage(link.location, locale, await signedInAsSomeoneElse()), locale)
    const receipt = new URL(link.location, 'http://localhost').searchParams.get('receipt')!
    const [payload, signature] = receipt.split('.') as [string, string]
    const changed = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace(/:0:/, ':5:'),
    ).toString('base64url')
    expect(changed).not.toBe(payload)
    expectNeutral(
      await donePage(`/verify-email/done?receipt=${changed}.${signature}`, locale, link.cookie),
      locale,
    )
  })
})
