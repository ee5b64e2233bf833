import { describe, expect, it } from 'vitest'

import { en } from './en'
import { localeFromAcceptLanguage, type MessageKey, pluralParts, translator } from './i18n'
import { nl } from './nl'

describe('i18n', () => {
  it('has every English key in Dutch, none empty', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort())
    expect(Object.values(nl).filter((value) => value.trim() === '')).toEqual([])
  })

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join()
    const mismatched = Object.keys(en).filter(
      (key) =>
        placeholders(en[key as keyof typeof en]) !== placeholders(nl[key as keyof typeof nl]),
    )
    expect(mismatched).toEqual([])
  })

  it('fills placeholders and picks plural forms', () => {
    const t = translator('en')
    expect(t('ideas.votes', { count: 1 })).toBe('1 vote')
    expect(t('ideas.votes', { count: 1234 })).toBe('1,234 votes')
    expect(translator('nl')('ideas.votes', { count: 1234 })).toBe('1.234 stemmen')
    expect(t('ideas.by', { name: 'Ann' })).toBe('by Ann')
  })

  it.each([
    ['nl-BE,nl;q=0.9,en;q=0.8', 'nl'],
    ['en-US,en;q=0.9', 'en'],
    ['de-DE,nl;q=0.5', 'nl'],
    ['nl;q=0,en;q=0.5', 'en'],
    ['fr', 'en'],
    ['%%%garbage;;q=x', 'en'],
    [null, 'en'],
  ])('Accept-Language %j → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header, 'en')).toBe(expected)
  })

  describe('counts', () => {
    // The placeholders that carry a number of things (found by grepping both dictionaries for
    // placeholders and reading how the code fills them). Not counts: {score}, {up}/{down} (a tally
    // shown as figures), {share} (a percentage), {id}; "{kept} of {due}" shows two bare figures.
    const countNames = new Set([
      'count',
      'minutes',
      'kept',
      'due',
      'ideas',
      'comments',
      'votes',
      'failed',
      'queued',
    ])
    const figuresOnly = new Set<string>(['promises.keptOf'])
    const dictionaries = { en, nl }
    const countedKeys = (Object.keys(en) as MessageKey[]).filter((key) =>
      [en[key], nl[key]].some((message) =>
        [...message.matchAll(/\{(\w+)[},]/g)].some((match) => countNames.has(match[1]!)),
      ),
    )

    it('are found in the dictionaries', () => {
      expect(countedKeys.length).toBeGreaterThan(25)
      expect(countedKeys).toEqual(
        expect.arrayContaining(['promises.basis', 'ideas.votes', 'admin.people.counts']),
      )
    })

    it.each(countedKeys.filter((key) => !figuresOnly.has(key)))(
      '%s has one and other forms for each count, in both languages',
      (key) => {
        for (const [locale, dictionary] of Object.entries(dictionaries)) {
          const message = dictionary[key]
          const bare = [...message.matchAll(/\{(\w+)\}/g)]
            .map((match) => match[1]!)
            .filter((name) => countNames.has(name))
          expect(bare, `${locale}: a count outside a plural`).toEqual([])
          for (const part of pluralParts(message))
            expect(Object.keys(part.forms).sort(), locale).toEqual(['one', 'other'])
          const params = Object.fromEntries(pluralParts(message).map((part) => [part.name, 0]))
          // Whatever else the message names (a title, a status) gets a value of its own.
          const others = Object.fromEntries(
            [...message.matchAll(/\{(\w+)\}/g)].map((match) => [match[1]!, 'T']),
          )
          for (const count of [0, 1, 2, 21]) {
            const text = translator(locale as 'en' | 'nl')(key, {
              ...others,
              ...Object.fromEntries(Object.keys(params).map((name) => [name, count])),
              title: 'T',
              share: '50%',
            })
            expect(text).not.toMatch(/[{}#]/)
            expect(text).toContain(String(count))
          }
        }
      },
    )

    it.each([
      ['en', 0, 'Based on 0 ideas whose answer was due; 0 were answered in time.'],
      ['en', 1, 'Based on 1 idea whose answer was due; 1 was answered in time.'],
      ['en', 2, 'Based on 2 ideas whose answer was due; 2 were answered in time.'],
      ['en', 21, 'Based on 21 ideas whose answer was due; 21 were answered in time.'],
      [
        'nl',
        0,
        'Gebaseerd op 0 ideeën waarvan het antwoord verwacht werd; 0 kregen op tijd antwoord.',
      ],
      [
        'nl',
        1,
        'Gebaseerd op 1 idee waarvan het antwoord verwacht werd; 1 kreeg op tijd antwoord.',
      ],
      [
        'nl',
        2,
        'Gebaseerd op 2 ideeën waarvan het antwoord verwacht werd; 2 kregen op tijd antwoord.',
      ],
      [
        'nl',
        21,
        'Gebaseerd op 21 ideeën waarvan het antwoord verwacht werd; 21 kregen op tijd antwoord.',
      ],
    ] as const)('%s renders %i in each count of a two-count message', (locale, count, expected) => {
      expect(translator(locale)('promises.basis', { due: count, kept: count })).toBe(expected)
    })

    it('agrees with each count on its own', () => {
      expect(translator('en')('promises.basis', { due: 2, kept: 1 })).toBe(
        'Based on 2 ideas whose answer was due; 1 was answered in time.',
      )
      expect(translator('en')('admin.people.counts', { ideas: 1, comments: 0, votes: 21 })).toBe(
        '1 idea, 0 comments, 21 votes',
      )
      expect(translator('nl')('admin.people.counts', { ideas: 1, comments: 2, votes: 1 })).toBe(
        '1 idee, 2 reacties, 1 stem',
      )
      expect(translator('en')('ideas.edit.intro', { minutes: 1 })).toContain('for 1 minute after')
    })
  })
})
