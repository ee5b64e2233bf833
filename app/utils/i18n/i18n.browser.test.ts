// The browser's view of i18n.ts: the classic compiler gives it an empty module for
// dictionaries.server.ts, so it starts with no dictionary and gets only its page's language.
import { describe, expect, test, vi } from 'vitest'
import { en } from './en'
import { nl } from './nl'

vi.mock('./dictionaries.server', () => ({ serverDictionaries: undefined }))

describe('i18n in the browser', () => {
  test('translates with the one dictionary it was given, and stands in with it for another language until that one arrives', async () => {
    const { hasDictionary, isMessageKey, provideDictionary, translator } = await import('./i18n')
    expect(hasDictionary('en')).toBe(false)
    expect(hasDictionary('nl')).toBe(false)
    expect(() => translator('nl')).toThrow(/No dictionary/)

    provideDictionary('nl', nl)
    expect(translator('nl')('nav.skipToContent')).toBe('Naar de inhoud')
    expect(isMessageKey('nav.skipToContent')).toBe(true)
    expect(isMessageKey('nav.noSuchKey')).toBe(false)
    // A switch to English before its dictionary loaded: Dutch text, not a crash, and not remembered.
    expect(translator('en')('nav.skipToContent')).toBe('Naar de inhoud')

    provideDictionary('en', en)
    expect(translator('en')('nav.skipToContent')).toBe('Skip to content')
    expect(translator('en')('home.statIdeas', { count: 2 })).toBe('2 ideas')
  })
})
