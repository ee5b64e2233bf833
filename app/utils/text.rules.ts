// Pure text rules for ids, slugs and search words: no zod here, so pages may use them in the browser
// (utils/schemas.ts builds the zod fields from them).

/** The largest value of a PostgreSQL `integer` column: ids above it cannot exist. */
export const MAX_DATABASE_ID = 2_147_483_647

/**
 * Search words from an address or a form, as PostgreSQL can take them: control characters become
 * spaces (NUL above all, which text cannot hold: a 500 before), then trimmed.
 */
export function searchableText(text: string) {
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim()
}

/**
 * A search as it is searched for: `searchableText` cut to `max` characters (whole characters, never
 * half an emoji), and whether it was cut, for the page to say so (SearchShortenedNote). Never
 * dropped: a search refused for its length showed every idea as if none had been asked for.
 */
export function searchFor(raw: string, max: number) {
  const characters = [...searchableText(raw)]
  const shortened = characters.length > max
  return {
    text: shortened ? characters.slice(0, max).join('').trimEnd() : characters.join(''),
    shortened,
  }
}

/**
 * Invisible characters that change how the text beside them reads (issue 16: a name with U+202E showed
 * "by Zoë QA stnemmoc 0 · 6202 ceD 5"): zero-width spaces and joiners, direction marks, embeddings,
 * overrides and isolates, and the byte-order mark.
 */
const INVISIBLE_CONTROLS = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g

/** Names, handles and titles without invisible direction-control and zero-width characters. */
export function withoutInvisibleControls(text: string) {
  return text.replace(INVISIBLE_CONTROLS, '')
}

/**
 * Text that must stay on one line (a title: it becomes an email subject and a page heading): line
 * breaks, tabs and other control characters fold into single spaces; invisible direction controls go.
 */
export function oneLine(text: string) {
  return withoutInvisibleControls(text)
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
}

/**
 * Is this a slug or handle as the app makes them (`slugify`, `handleFromName`): lowercase letters,
 * digits and hyphens? Anything else in the address names no row, and is a 404 without a query (a
 * NUL in it was a 500).
 */
export function isSlug(value: string | undefined): value is string {
  return typeof value === 'string' && /^[a-z0-9-]{1,200}$/.test(value)
}

/**
 * The letter on a person's avatar: the first letter or digit of their name, upper-cased ("<Zoë>"
 * showed "<"; issue 16), or "?" for a name with none.
 */
export function avatarInitial(displayName: string) {
  const first = /[\p{L}\p{N}]/u.exec(displayName)?.[0]
  return first ? first.toUpperCase() : '?'
}
