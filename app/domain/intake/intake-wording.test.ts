// The intake pages are read by an agent capturing for someone else: every string on them speaks to
// the agent about the customer ("the customer's idea", "their email"), never to the customer
// ("your idea"), in English and in Dutch. The keys are read from the page's source, so a string
// added there is checked the day it is added.
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { isMessageKey, type MessageKey, supportedLocales, translator } from '#app/utils/i18n/i18n'

const pages = ['app/routes/admin.intake.tsx']
/** Words that address the reader as the idea's author. */
const speaksToCustomer = {
  en: /\byour\b|\byours\b/i,
  nl: /\b(jouw|uw|je idee|je stem|je e-?mail)\b/i,
} as const

function keysOn(file: string) {
  const source = readFileSync(path.resolve(file), 'utf8')
  return [...new Set([...source.matchAll(/\bt\('([a-zA-Z0-9.]+)'/g)].map((match) => match[1]!))]
}

describe('the intake pages speak to the agent', () => {
  for (const file of pages) {
    const keys = keysOn(file)
    it(`${file}: every string, en and nl, is about the customer, not to them`, () => {
      expect(keys.length).toBeGreaterThan(20)
      for (const key of keys) expect(isMessageKey(key), key).toBe(true)
      for (const locale of supportedLocales) {
        const t = translator(locale)
        const addressing = keys.filter((key) => speaksToCustomer[locale].test(t(key as MessageKey)))
        expect(addressing, locale).toEqual([])
      }
    })
  }

  it('names the customer in the headings and fields an agent fills in', () => {
    const en = translator('en')
    const nl = translator('nl')
    expect(en('intake.theIdea')).toBe('The customer’s idea')
    expect(en('intake.email')).toBe('Their email address')
    expect(nl('intake.email')).toBe('E-mailadres van de klant')
    expect(en('intake.similar.title')).toBe('Is the customer’s idea already here?')
    // The customer's own strings stay the customer's, and are not used on the intake page.
    const keys = keysOn('app/routes/admin.intake.tsx')
    for (const customerKey of ['auth.email', 'ideas.similar.title', 'ideas.similar.intro'])
      expect(keys).not.toContain(customerKey)
  })
})
