import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { detectLanguage, isContentLanguage, stopWords } from './content-language'

describe('detecting the language of what people write', () => {
  it.each([
    ['Please add a dark mode to the app, because the screen is too bright at night.', 'en'],
    ['Export my votes to CSV', null],
    ['Kunnen jullie een donkere modus toevoegen? Het scherm is te fel in de avond.', 'nl'],
    ['Graag een export van mijn stemmen naar CSV', 'nl'],
    ['It would be great if the roadmap showed dates.', 'en'],
    ['Ik wil graag dat de roadmap data toont, net als Trello.', 'nl'],
    ['Dark mode', null],
    ['', null],
  ])('%j → %s', (text, expected) => {
    expect(detectLanguage(text)).toBe(expected)
  })

  it('answers en, nl or null for any text, and the same for the same text in capitals', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const language = detectLanguage(text)
        expect(language === null || isContentLanguage(language)).toBe(true)
        expect(detectLanguage(text.toUpperCase())).toBe(language)
      }),
    )
  })

  it('has no stop word on both lists (it would count for both: "is", "was", "we")', () => {
    expect([...stopWords.en].filter((word) => stopWords.nl.has(word))).toEqual([])
  })
})
