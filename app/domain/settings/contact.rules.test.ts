// Where people write to reach the team: which address is given (the back office's, else the server's
// SUPPORT_EMAIL, else the sender's address unless nobody reads it), and the sentence that gives it.
import { describe, expect, it } from 'vitest'

import { en } from '#app/utils/i18n/en'
import { nl } from '#app/utils/i18n/nl'

import {
  contactSentences,
  howToReachUs,
  looksUnread,
  mailboxAddress,
  supportAddress,
} from './contact.rules'
import { siteSettingsSchema } from './settings.schema'

describe('mailboxAddress', () => {
  it.each([
    ['Customer Care <care@shop.example>', 'care@shop.example'],
    ['"Care, Shop" <care@shop.example>', 'care@shop.example'],
    ['care@shop.example', 'care@shop.example'],
    ['  care@shop.example ', 'care@shop.example'],
  ])('%s → %s', (from, address) => {
    expect(mailboxAddress(from)).toBe(address)
  })
})

describe('looksUnread', () => {
  it.each([
    'no-reply@ideabox.invalid',
    'noreply@shop.example',
    'No_Reply@shop.example',
    'do-not-reply@shop.example',
    'donotreply+news@shop.example',
    'bounces@shop.example',
    'mailer-daemon@shop.example',
    'care@ideabox.invalid',
  ])('%s is nobody’s mailbox', (address) => {
    expect(looksUnread(address)).toBe(true)
  })

  it.each(['care@shop.example', 'support@shop.example', 'replies@shop.example', 'ann@shop.nl'])(
    '%s may be read',
    (address) => {
      expect(looksUnread(address)).toBe(false)
    },
  )
})

describe('supportAddress: the back office, else SUPPORT_EMAIL, else a sender somebody reads', () => {
  const defaultSender = 'Ideabox <no-reply@ideabox.invalid>'

  it('takes the back-office setting first', () => {
    expect(
      supportAddress({
        setting: 'help@shop.example',
        supportEmail: 'ops@shop.example',
        mailFrom: 'Shop <care@shop.example>',
      }),
    ).toEqual({ address: 'help@shop.example', source: 'setting' })
  })

  it('then the server’s SUPPORT_EMAIL', () => {
    expect(
      supportAddress({
        setting: '',
        supportEmail: 'ops@shop.example',
        mailFrom: 'Shop <care@shop.example>',
      }),
    ).toEqual({ address: 'ops@shop.example', source: 'SUPPORT_EMAIL' })
  })

  it('then the sender’s address, without its display name, when somebody reads it', () => {
    expect(
      supportAddress({
        setting: '',
        supportEmail: undefined,
        mailFrom: 'Shop <care@shop.example>',
      }),
    ).toEqual({ address: 'care@shop.example', source: 'MAIL_FROM' })
  })

  it('else none: a no-reply sender (the default) is never given as the address to write to', () => {
    expect(
      supportAddress({ setting: '', supportEmail: undefined, mailFrom: defaultSender }),
    ).toBeNull()
    expect(
      supportAddress({ setting: '', supportEmail: '', mailFrom: 'noreply@shop.example' }),
    ).toBeNull()
  })
})

describe('howToReachUs', () => {
  it('gives each sentence with the address, and where it stands for a link, in both languages', () => {
    for (const locale of ['en', 'nl'] as const) {
      for (const purpose of Object.keys(contactSentences) as (keyof typeof contactSentences)[]) {
        const reach = howToReachUs({ locale, address: 'care@shop.example', site: 'Shop', purpose })
        expect(reach).not.toBeNull()
        expect(reach!.text).toContain('care@shop.example')
        expect(reach!.text).toBe(`${reach!.before}care@shop.example${reach!.after}`)
        expect(reach!.href).toBe('mailto:care@shop.example')
        expect(reach!.text).not.toMatch(/[{}]/)
      }
    }
    expect(
      howToReachUs({ locale: 'nl', address: 'care@shop.example', site: 'Shop', purpose: 'appeal' })!
        .text,
    ).toMatch(/bezwaar/)
  })

  it('says nothing without an address: no sentence that tells people to write to nobody', () => {
    expect(
      howToReachUs({ locale: 'en', address: null, site: 'Shop', purpose: 'appeal' }),
    ).toBeNull()
  })

  it('keeps an address that needs escaping in a link', () => {
    const reach = howToReachUs({
      locale: 'en',
      address: 'care+appeals@shop.example',
      site: 'Shop',
      purpose: 'questions',
    })
    expect(reach!.href).toBe('mailto:care+appeals@shop.example')
  })

  it('has every sentence in both dictionaries, each naming the address', () => {
    for (const key of Object.values(contactSentences)) {
      expect(en[key]).toContain('{contact}')
      expect(nl[key]).toContain('{contact}')
    }
  })
})

describe('the support address in the settings form', () => {
  const form = {
    siteName: '',
    logoText: '',
    accentColor: '',
    defaultLocale: 'en',
    premoderation: 'off',
  }

  it('may be empty, is kept trimmed and in lower case, and a form without it changes nothing', () => {
    expect(siteSettingsSchema.parse({ ...form, supportEmail: '' }).supportEmail).toBe('')
    expect(siteSettingsSchema.parse(form).supportEmail).toBeUndefined()
    expect(
      siteSettingsSchema.parse({ ...form, supportEmail: '  Care@Shop.example ' }).supportEmail,
    ).toBe('care@shop.example')
  })

  it.each(['care', 'care@', 'care@shop', 'two words@shop.example', `${'a'.repeat(250)}@x.nl`])(
    'refuses %s beside the field, in both languages',
    (supportEmail) => {
      const parsed = siteSettingsSchema.safeParse({ ...form, supportEmail })
      expect(parsed.success).toBe(false)
      const issue = parsed.error!.issues.find((each) => each.path[0] === 'supportEmail')
      expect(issue?.message).toBe('admin.settings.supportEmailInvalid')
      expect(en['admin.settings.supportEmailInvalid']).toMatch(/email address/)
      expect(nl['admin.settings.supportEmailInvalid']).toMatch(/e-mailadres/)
    },
  )
})
