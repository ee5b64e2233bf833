// A promise's text is derived from its days in both languages, with the right plural, for every
// kind and channel and any number of days.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { promiseKinds } from '#app/db/schema/promises'
import { channels } from '#app/domain/channels/channels'
import { supportedLocales, translator } from '#app/utils/i18n/i18n'

import { promiseText } from './promises.rules'

describe('promise texts', () => {
  it('say the number of days the clock counts, in both languages, without placeholders', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...promiseKinds),
        fc.option(fc.constantFrom(...channels)),
        fc.integer({ min: 1, max: 365 }),
        fc.constantFrom(...supportedLocales),
        (kind, channel, days, locale) => {
          const text = promiseText(
            { kind, channel, targetDays: kind === 'declined-reason' ? null : days },
            translator(locale),
          )
          expect(text).not.toMatch(/[{}]|undefined/)
          if (kind !== 'declined-reason') expect(text).toContain(` ${days} `)
        },
      ),
    )
  })

  it('use the singular for one day', () => {
    expect(
      promiseText({ kind: 'first-response', channel: null, targetDays: 1 }, translator('en')),
    ).toContain('within 1 working day.')
    expect(
      promiseText({ kind: 'first-response', channel: null, targetDays: 1 }, translator('nl')),
    ).toContain('binnen 1 werkdag ')
    expect(
      promiseText({ kind: 'decision', channel: null, targetDays: 2 }, translator('en')),
    ).toContain('within 2 days:')
    expect(
      promiseText({ kind: 'decision', channel: null, targetDays: 1 }, translator('nl')),
    ).toContain('binnen 1 dag:')
  })
})
