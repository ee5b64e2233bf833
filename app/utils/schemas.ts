// Small zod building blocks shared by the form schemas.
import { z } from 'zod'

import { MARKDOWN_MAX_DEPTH, markdownNestingDepth } from './markdown.rules'
import { MAX_DATABASE_ID, searchFor } from './text.rules'

// The zod-free helpers live in text.rules.ts so the browser can use them without loading zod.
export { isSlug, MAX_DATABASE_ID, oneLine, searchableText } from './text.rules'

/** An id as an address or a form writes it: digits, no leading zero (not "0x13", "1.9e1" or "019"). */
const ID_TEXT = /^[1-9][0-9]*$/

function idSchema(message?: string) {
  return z.preprocess(
    (value) => (typeof value === 'string' && !ID_TEXT.test(value) ? Number.NaN : value),
    z.coerce
      .number(message ? { error: message } : undefined)
      .int(message)
      .positive(message)
      .max(MAX_DATABASE_ID, message),
  )
}

/** Made once: building a zod schema costs more than parsing with it (5 % of a kept page's CPU, issue 19). */
const plainIdField = idSchema()

/** A row id from a form or URL: a positive whole number that fits the database column. */
export function idField(message?: string) {
  return message === undefined ? plainIdField : idSchema(message)
}

/**
 * The row a form is about when it may be about none (the comment a reply or a report is for): absent
 * or blank is none, anything else must be an id. Never read as none: a report "of comment abc" was
 * filed as a report of the idea, a reply to it as a new comment.
 */
export function optionalIdField() {
  return z.preprocess((value) => (value === '' ? undefined : value), idField().optional())
}

/**
 * A form's one-time key (a hidden field the loader fills in, or an API caller's Idempotency-Key):
 * the same submission sent twice carries the same key, and is filed once.
 */
export const submissionKeyField = z.string().regex(/^[\w-]{8,64}$/)

/**
 * A group of checkboxes named alike (read with `readFormLists`): the known options that were
 * checked, at least one; unknown ones are dropped, as a tampered form is not worth an error.
 */
export function checkedOptions<const Option extends string>(
  options: readonly Option[],
  message: string,
) {
  return z
    .array(z.string())
    .catch([])
    .transform((checked) => options.filter((option) => checked.includes(option)))
    .pipe(z.array(z.enum(options)).min(1, message))
}

/** A search text field: `searchableText` cut to `max` characters, never refused for its length (`searchFor`). */
export function searchTextField(max: number) {
  return z.string().transform((value) => searchFor(value, max).text)
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
