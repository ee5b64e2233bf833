// The browser's view of i18n.ts: the classic compiler gives it an empty module for
// dictionaries.server.ts, so it starts with only the messages its page brought (page-messages.tsx).
import { describe, expect, test, vi } from 'vitest'

vi.mock('./dictionaries.server', () => ({ serverDictionaries: undefined }))

/** What a render that suspends throws: the promise it waits for. */
function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (thrown) {
    return thrown
  }
  throw new Error('Expected it to throw')
}

describe('i18n in the browser', () => {
  test('translates with its page messages, and waits for the whole dictionary for any other message', async () => {
    const { hasDictionary, isMessageKey, provideMessages, translator } = await import('./i18n')
    expect(hasDictionary('nl')).toBe(false)
    provideMessages('nl', {
      'nav.skipToContent': 'Naar de inhoud',
      'home.statIdeas': '{count, plural, one {# idee} other {# ideeën}}',
    })
    expect(translator('nl')('nav.skipToContent')).toBe('Naar de inhoud')
    expect(translator('nl')('home.statIdeas', { count: 2 })).toBe('2 ideeën')
    expect(isMessageKey('nav.skipToContent')).toBe(true)
    // Not a key's shape: no need to ask the dictionary.
    expect(isMessageKey('Something went wrong')).toBe(false)

    // A message the page did not bring suspends (a thrown promise) until the language's dictionary is in.
    const waiting = thrownBy(() => translator('nl')('nav.signIn'))
    expect(waiting).toBeInstanceOf(Promise)
    await waiting
    expect(hasDictionary('nl')).toBe(true)
    expect(translator('nl')('nav.signIn')).toBe('Inloggen')
    expect(isMessageKey('nav.noSuchKey')).toBe(false)

    // Another language (a switch without a page load) waits for its own dictionary, never shows Dutch.
    const english = thrownBy(() => translator('en')('nav.skipToContent'))
    expect(english).toBeInstanceOf(Promise)
    await english
    expect(translator('en')('nav.skipToContent')).toBe('Skip to content')
  })

  test('a string shaped like a key the page did not bring waits for the dictionary to say whether it is one', async () => {
    vi.resetModules()
    const { isMessageKey, provideMessages } = await import('./i18n')
    provideMessages('en', { 'nav.skipToContent': 'Skip to content' })
    const waiting = thrownBy(() => isMessageKey('validation.required'))
    expect(waiting).toBeInstanceOf(Promise)
    await waiting
    expect(isMessageKey('validation.required')).toBe(true)
    expect(isMessageKey('validation.noSuchKey')).toBe(false)
  })
})
