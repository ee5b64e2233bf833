// Every place that tells people to reach the team gives the address to write to. The messages that
// say so are found in the dictionaries (English and Dutch): each must be one of the helper's contact
// sentences (contact.rules.ts), which always carry the address and are left out when there is none,
// and each sentence, and each message that is followed by one (`contactAfter`), must be rendered
// below, in both languages, with the configured address. A new "contact us" fails here until it is.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { users } from '#app/db/schema'
import { createTestUser, TEST_PASSWORD } from '#app/demo/factories.server'
import { liftSuspension, suspendPerson } from '#app/domain/accounts/people.server'
import {
  contactAfter,
  type ContactPurpose,
  contactSentences,
  howToReachUs,
} from '#app/domain/settings/contact.rules'
import { getBranding, updateSetting } from '#app/domain/settings/settings.server'
import * as ssoCallbackPage from '#app/routes/auth.sso.$providerId_.callback'
import * as loginPage from '#app/routes/login'
import * as privacyPage from '#app/routes/privacy'
import { resetEnvCache } from '#app/utils/env.server'
import { en } from '#app/utils/i18n/en'
import { type Locale, type MessageKey, translator } from '#app/utils/i18n/i18n'
import { nl } from '#app/utils/i18n/nl'
import { appBuild, crawler, pageReader, pageText } from '#tests/setup/app-build'
import { latestEmailFor } from '#tests/setup/emails'
import { makeContext, makeRequest } from '#tests/setup/request'

/** Words that ask people to get in touch with the team, in either language ("contact details" is not). */
const saysContact =
  /\bcontact\b(?!\s*details)|\bwrite to (us|the)\b|\bschrijf (ons|het team|naar)\b|\bappeal\b|\bbezwaar\b|\bget in touch\b|\breach us\b|\b(e-?)?mail (us|ons)\b|\{contact\}/i

const contactKeys = (Object.keys(en) as MessageKey[]).filter(
  (key) => saysContact.test(en[key]) || saysContact.test(nl[key]),
)
const sentenceKeys: readonly MessageKey[] = Object.values(contactSentences)
const followedKeys = Object.keys(contactAfter) as (keyof typeof contactAfter)[]

const address = 'appeals@shop.example'

// The sign-in page, the single sign-on failure page (its loader stands in for a provider's answer
// about a suspended account; sso.test.ts covers how that answer comes) and the privacy page, each
// rendered with the real root (its footer) as a browser gets it.
const provider = 'Company ID'
const ssoFailure = {
  ...ssoCallbackPage,
  loader: () => ({ title: provider, reason: 'suspended' as const, label: provider }),
}
const reader = pageReader(
  appBuild([
    { id: 'routes/login', path: 'login', module: loginPage },
    { id: 'routes/privacy', path: 'privacy', module: privacyPage },
    {
      id: 'routes/auth.sso.$providerId_.callback',
      path: 'auth/sso/:providerId/callback',
      module: ssoFailure,
    },
  ]),
)

type Shown = { text: string; html: string }

async function page(path: string, locale: Locale, form?: Record<string, string>) {
  const response = await reader.handle(
    makeRequest({
      path,
      method: form ? 'POST' : 'GET',
      form,
      cookie: `ideabox_lang=${locale}`,
      headers: crawler,
    }),
    makeContext(),
  )
  const html = await response.text()
  return { text: pageText(html), html }
}

async function suspendedPerson(locale: Locale) {
  const person = await createTestUser({ locale })
  await db()
    .update(users)
    .set({ bannedAt: new Date(), suspensionReason: 'Spam' })
    .where(eq(users.id, person.id))
  return person
}

const moderator = () => createTestUser({ role: 'moderator', password: null })

/** Each place a person is told how to reach the team, and the messages it shows for that. */
const places: {
  name: string
  shows: MessageKey[]
  /** A page (the address is a mailto: link) or an email (the address as text). */
  kind: 'page' | 'email'
  render: (locale: Locale) => Promise<Shown>
}[] = [
  {
    name: 'the sign-in refusal of a suspended or banned account',
    shows: ['auth.suspended', contactSentences.appeal],
    kind: 'page',
    render: async (locale) => {
      const person = await suspendedPerson(locale)
      return page('/login', locale, { email: person.email, password: TEST_PASSWORD })
    },
  },
  {
    name: 'the single sign-on page for a suspended account',
    shows: ['sso.failure.suspended.body', contactSentences.appeal],
    kind: 'page',
    render: (locale) => page('/auth/sso/example/callback', locale),
  },
  {
    name: 'the footer of every page',
    shows: [contactSentences.questions],
    kind: 'page',
    render: (locale) => page('/privacy', locale),
  },
  {
    name: 'the privacy page',
    shows: [contactSentences.privacy],
    kind: 'page',
    render: (locale) => page('/privacy', locale),
  },
  {
    name: 'the suspension email',
    shows: [contactSentences.appeal],
    kind: 'email',
    render: async (locale) => {
      const person = await createTestUser({ locale, password: null })
      await suspendPerson({ actor: await moderator(), userId: person.id, days: 7, reason: 'Spam' })
      const mail = await latestEmailFor(person, 'account-suspended')
      return { text: mail.text, html: mail.html }
    },
  },
  {
    name: 'the ban email',
    shows: [contactSentences.appeal],
    kind: 'email',
    render: async (locale) => {
      const person = await createTestUser({ locale, password: null })
      await suspendPerson({ actor: await moderator(), userId: person.id, days: null, reason: 'x' })
      const mail = await latestEmailFor(person, 'account-suspended')
      return { text: mail.text, html: mail.html }
    },
  },
  {
    name: 'the email that a suspension or a ban is lifted',
    shows: [contactSentences.questions],
    kind: 'email',
    render: async (locale) => {
      const person = await createTestUser({ locale, password: null })
      const actor = await moderator()
      await suspendPerson({ actor, userId: person.id, days: null, reason: 'Spam' })
      await liftSuspension({ actor, userId: person.id })
      const mail = await latestEmailFor(person, 'account-reinstated')
      return { text: mail.text, html: mail.html }
    },
  },
]

const purposeOf = Object.fromEntries(
  Object.entries(contactSentences).map(([purpose, key]) => [key, purpose as ContactPurpose]),
) as Partial<Record<MessageKey, ContactPurpose>>

const configured = { SUPPORT_EMAIL: process.env.SUPPORT_EMAIL, MAIL_FROM: process.env.MAIL_FROM }
function restoreEnv() {
  for (const [name, value] of Object.entries(configured)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  resetEnvCache()
}
afterAll(restoreEnv)

describe('the messages that tell people to reach the team', () => {
  it('are found in the dictionaries', () => {
    expect(contactKeys).toEqual(expect.arrayContaining([...sentenceKeys]))
  })

  it('are the helper’s sentences only, each naming the address in both languages', () => {
    // A message that asks people to get in touch on its own could say so without saying how.
    expect(contactKeys.filter((key) => !sentenceKeys.includes(key))).toEqual([])
    for (const key of contactKeys) {
      expect(en[key], key).toContain('{contact}')
      expect(nl[key], key).toContain('{contact}')
    }
  })

  it('are each shown somewhere below, as is every message a sentence follows', () => {
    const shown = new Set(places.flatMap((place) => place.shows))
    expect([...sentenceKeys, ...followedKeys].filter((key) => !shown.has(key))).toEqual([])
  })
})

describe('each place gives the configured support address', () => {
  beforeAll(async () => {
    // A sender nobody reads, and no server default: the back office's address is the one given.
    process.env.MAIL_FROM = 'Shop <no-reply@shop.example>'
    delete process.env.SUPPORT_EMAIL
    resetEnvCache()
    await updateSetting({ key: 'supportEmail', value: address, actorId: null })
  })

  for (const place of places) {
    for (const locale of ['en', 'nl'] as const) {
      it(`${place.name} (${locale})`, async () => {
        const t = translator(locale)
        const site = (await getBranding()).siteName
        const shown = await place.render(locale)
        expect(shown.text).toContain(address)
        expect(shown.text).not.toContain('no-reply@')
        if (place.kind === 'page') expect(shown.html).toContain(`href="mailto:${address}"`)
        for (const key of place.shows) {
          const purpose = purposeOf[key]
          const expected = purpose
            ? howToReachUs({ locale, address, site, purpose })!.text
            : t(key, { provider })
          expect(shown.text, key).toContain(expected)
        }
      })
    }
  }
})

describe('without an address to give', () => {
  beforeAll(async () => {
    process.env.MAIL_FROM = 'Ideabox <no-reply@ideabox.invalid>'
    delete process.env.SUPPORT_EMAIL
    resetEnvCache()
    await updateSetting({ key: 'supportEmail', value: '', actorId: null })
  })

  for (const place of places) {
    it(`${place.name} tells nobody to write to a mailbox nobody reads`, async () => {
      for (const locale of ['en', 'nl'] as const) {
        const shown = await place.render(locale)
        expect(shown.text).not.toContain('no-reply@')
        expect(shown.text).not.toMatch(/\{contact\}/)
        expect(shown.html).not.toContain('mailto:')
        // What the place says besides the sentence is still said.
        for (const key of place.shows.filter((shows) => !purposeOf[shows]))
          expect(shown.text).toContain(translator(locale)(key, { provider }))
      }
    })
  }

  it('gives the server’s SUPPORT_EMAIL when the back office has none', async () => {
    process.env.SUPPORT_EMAIL = 'desk@shop.example'
    resetEnvCache()
    try {
      const shown = await page('/privacy', 'en')
      expect(shown.html).toContain('href="mailto:desk@shop.example"')
    } finally {
      delete process.env.SUPPORT_EMAIL
      resetEnvCache()
    }
  })
})
