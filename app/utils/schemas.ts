// Small zod building blocks shared by the form schemas.
import { z } from 'zod'

/** The largest value of a PostgreSQL `integer` column: ids above it cannot exist. */
export const MAX_DATABASE_ID = 2_147_483_647

/** A row id from a form or URL: a positive whole number that fits the database column. */
export function idField(message?: string) {
  return z.coerce
    .number(message ? { error: message } : undefined)
    .int(message)
    .positive(message)
    .max(MAX_DATABASE_ID, message)
}

/**
 * Search words from an address or a form, as PostgreSQL can take them: control characters become
 * spaces (NUL above all, which text cannot hold: a 500 before), then trimmed.
 */
export function searchableText(text: string) {
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim()
}

/** A search text field of at most `max` characters (see `searchableText`). */
export function searchTextField(max: number) {
  return z.string().transform(searchableText).pipe(z.string().max(max))
}

/**
 * Is this a slug or handle as the app makes them (`slugify`, `handleFromName`): lowercase letters,
 * digits and hyphens? Anything else in the address names no row, and is a 404 without a query (a
 * NUL in it was a 500).
 */
export function isSlug(value: string | undefined): value is string {
  return typeof value === 'string' && /^[a-z0-9-]{1,200}$/.test(value)
}
