// Small zod building blocks shared by the form schemas.
import { z } from 'zod'
import { MARKDOWN_MAX_DEPTH, markdownNestingDepth } from './markdown.rules'

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
/**
 * Text that must stay on one line (a title: it becomes an email subject and a page heading): line
 * breaks, tabs and other control characters fold into single spaces.
 */
export function oneLine(text: string) {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ')
}

export function isSlug(value: string | undefined): value is string {
  return typeof value === 'string' && /^[a-z0-9-]{1,200}$/.test(value)
}

/** What a Markdown field's text becomes: each is stored in one place and shown on its own pages. */
export type MarkdownContent = 'ideaDescription' | 'comment' | 'response' | 'note' | 'updateBody'

/**
 * The fields that take Markdown, each with what it becomes. The tests read it to find every
 * Markdown field, so a new one is tested through every page that shows it the day it is added.
 */
export const markdownFields = z.registry<{ content: MarkdownContent }>()

/**
 * A field whose text is Markdown: `schema`'s own rules (required, length) plus the limit every
 * Markdown field shares, nesting no person writes (quotes or lists more than MARKDOWN_MAX_DEPTH deep).
 */
export function markdownField<Schema extends z.ZodType<string, string>>(
  content: MarkdownContent,
  schema: Schema,
  message = 'validation.markdownTooDeep',
) {
  const field = schema.refine((text) => markdownNestingDepth(text) <= MARKDOWN_MAX_DEPTH, message)
  markdownFields.add(field, { content })
  return field
}
