import { describe, expect, it } from 'vitest'
import { en } from './en'
import { localeFromAcceptLanguage, translator } from './i18n'
import { nl } from './nl'

describe('i18n', () => {
  it('has every English key in Dutch, none empty', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort())
    expect(Object.values(nl).filter((value) => value.trim() === '')).toEqual([])
  })

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join()
    const mismatched = Object.keys(en).filter(
      (key) => placeholders(en[key as keyof typeof en]) !== placeholders(nl[key as keyof typeof nl]),
    )
    expect(mismatched).toEqual([])
  })

  it('fills placeholders and picks singular forms', () => {
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
})
