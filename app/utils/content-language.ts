// Which language a person wrote in, English or Dutch, so a page can mark it (`lang`) for screen
// readers, hyphenation and translation tools. A stop-word count: the small words every sentence
// has differ between the two languages, and the words people share across them (names, product
// terms) are not on either list.

export const contentLanguages = ['en', 'nl'] as const
export type ContentLanguage = (typeof contentLanguages)[number]

export function isContentLanguage(value: unknown): value is ContentLanguage {
  return typeof value === 'string' && (contentLanguages as readonly string[]).includes(value)
}

// Frequent function words of each language, none of them also a common word of the other.
export const stopWords: Record<ContentLanguage, Set<string>> = {
  en: new Set(
    'the and to are were be been this that these those with for on at by from it its not but or if would could should can will have has do does did you your our they their there what which when where how why please also more than just very into about after before because only'.split(
      ' ',
    ),
  ),
  nl: new Set(
    'de het een en van zijn waren niet dat die deze dit met voor op aan bij uit ook maar als zou kan kunnen wil willen moet graag je jij jullie wij ons onze ze hun er wat wanneer waar hoe waarom nog meer dan alleen heel over na omdat door naar mijn hebben heeft wordt worden'.split(
      ' ',
    ),
  ),
}

/** Below this many stop words the text is too short to tell. */
const MIN_EVIDENCE = 2

/**
 * The language of a text, or null when it cannot tell (too short, mixed, neither): the page then
 * assumes the interface's language, as it would without this.
 */
export function detectLanguage(text: string): ContentLanguage | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? []
  let en = 0
  let nl = 0
  for (const word of words) {
    if (stopWords.en.has(word)) en++
    if (stopWords.nl.has(word)) nl++
  }
  if (Math.max(en, nl) < MIN_EVIDENCE) return null
  // A clear majority, not a tie-break: a Dutch text quoting an English phrase stays Dutch.
  if (en >= nl * 2) return 'en'
  if (nl >= en * 2) return 'nl'
  return null
}
