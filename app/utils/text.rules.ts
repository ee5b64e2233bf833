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
 * Text that must stay on one line (a title: it becomes an email subject and a page heading): line
 * breaks, tabs and other control characters fold into single spaces.
 */
export function oneLine(text: string) {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ')
}

/**
 * Is this a slug or handle as the app makes them (`slugify`, `handleFromName`): lowercase letters,
 * digits and hyphens? Anything else in the address names no row, and is a 404 without a query (a
 * NUL in it was a 500).
 */
export function isSlug(value: string | undefined): value is string {
  return typeof value === 'string' && /^[a-z0-9-]{1,200}$/.test(value)
}
