// The page a confirmation link lands on, as the server renders it, in both languages: to the
// address's owner it speaks of "your" address; opened in a browser signed in as another account
// (decision 002, `otherAccount=1`) its heading, its <title> and its sentence name no one's address.
// Either way the heading says the address is confirmed.
import { describe, expect, it } from 'vitest'

import * as verifyEmailDone from '#app/routes/verify-email.done'
import { en } from '#app/utils/i18n/en'
import { nl } from '#app/utils/i18n/nl'
import { appBuild, pageReader } from '#tests/setup/app-build'

const reader = pageReader(
  appBuild([
    { id: 'routes/verify-email.done', path: 'verify-email/done', module: verifyEmailDone },
  ]),
)

/** The text of some HTML as a reader sees it (no scripts), entities for quotes and ampersands read back. */
const textOf = (html: string) =>
  html
    .replace(/<script\b[^>]*>.*?<\/script>/gs, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim()

/** The page in `locale` (as the language switcher leaves it chosen): its <title>, <h1> and text. */
async function donePage(query: string, locale: 'en' | 'nl') {
  const { status, html } = await reader.page(`/verify-email/done${query}`, `ideabox_lang=${locale}`)
  expect(status).toBe(200)
  const headings = [...html.matchAll(/<h1[^>]*>(.*?)<\/h1>/gs)].map(([, inner]) => textOf(inner!))
  expect(headings).toHaveLength(1)
  return {
    title: textOf(/<title>(.*?)<\/title>/s.exec(html)![1]!),
    heading: headings[0]!,
    text: textOf(html),
  }
}

// "your address" in each language: what the page may say only to the address's owner.
// ("Dank je", thank you, is no one's address.)
const yours = { en: /\byour\b/i, nl: /\b(je|jouw) e-mailadres\b/i }

describe('the email-confirmed page', () => {
  it.each([
    ['en', en],
    ['nl', nl],
  ] as const)('tells the owner their address is confirmed (%s)', async (locale, messages) => {
    const page = await donePage('', locale)
    // A statement of what happened, not the instruction the link's email gave ("Confirm …").
    expect(page.heading).toBe(messages['verify.doneTitle'])
    expect(page.heading).not.toBe(messages['verify.title'])
    expect(page.title.startsWith(`${page.heading} · `), page.title).toBe(true)
    expect(page.text).toContain(messages['verify.done'])
    expect(messages['verify.done']).toMatch(yours[locale])
    expect(page.text).not.toContain(messages['verify.doneOtherAccount'])
  })

  it.each([
    ['en', en],
    ['nl', nl],
  ] as const)(
    'names no one’s address to a browser signed in as another account (%s)',
    async (locale, messages) => {
      const page = await donePage('?otherAccount=1', locale)
      expect(page.heading).toBe(messages['verify.doneTitle'])
      expect(page.heading).not.toMatch(yours[locale])
      expect(page.title.startsWith(`${page.heading} · `), page.title).toBe(true)
      expect(page.text).toContain(messages['verify.doneOtherAccount'])
      expect(messages['verify.doneOtherAccount']).not.toMatch(yours[locale])
      expect(page.text).not.toContain(messages['verify.done'])
      expect(page.text).toContain(messages['verify.otherAccount'])
    },
  )
})
