// The browser loads one language's dictionary, in a chunk of its own, before it hydrates (and again
// when a person switches language without a page load): shipping both cost every page ~20 KB gzipped.
import { hasDictionary, provideDictionary, type Locale } from './i18n'

const dictionaries = {
  en: async () => (await import('./en')).en,
  nl: async () => (await import('./nl')).nl,
} satisfies Record<Locale, () => Promise<unknown>>

export async function loadDictionary(locale: Locale) {
  if (hasDictionary(locale)) return
  provideDictionary(locale, await dictionaries[locale]())
}
