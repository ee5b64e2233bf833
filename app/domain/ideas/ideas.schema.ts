// Input schemas for ideas: list queries from the URL, the new-idea form and the author's edit page.
import { z } from 'zod'

import { contentLanguages } from '#app/utils/content-language'
import {
  idField,
  markdownField,
  oneLine,
  searchTextField,
  submissionKeyField,
} from '#app/utils/schemas'

import { DESCRIPTION_MAX, ideaKinds, ideaSorts, TITLE_MAX, TITLE_MIN } from './ideas.rules'

/** `/ideas?sort=top&kind=product&cursor=…`: anything unknown falls back to the defaults. */
export const ideaListQuerySchema = z.object({
  q: searchTextField(200).catch('').default(''),
  sort: z
    .enum([...ideaSorts, 'relevance'])
    .optional()
    .catch(undefined),
  kind: z.enum(ideaKinds).optional().catch(undefined),
  category: z.coerce.number().int().positive().max(1_000_000).optional().catch(undefined),
  status: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional()
    .catch(undefined),
  tag: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .optional()
    .catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  /** Going back: the page before this cursor. */
  before: z.string().max(200).optional().catch(undefined),
})

export type IdeaListQuery = z.infer<typeof ideaListQuerySchema>

/** Strips characters that are invisible or break text (NUL, other C0 controls but tab/newline). */
const cleanText = (value: string) =>
  value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')

export const ideaContentSchema = z.object({
  title: z
    .string({ error: 'validation.required' })
    .transform(oneLine)
    .pipe(
      z
        .string()
        .trim()
        .min(1, 'validation.required')
        .min(TITLE_MIN, 'ideas.form.titleTooShort')
        .max(TITLE_MAX, 'ideas.form.titleTooLong'),
    ),
  description: markdownField(
    'ideaDescription',
    z
      .string({ error: 'validation.required' })
      .transform(cleanText)
      .pipe(
        z
          .string()
          .trim()
          .min(1, 'validation.required')
          .max(DESCRIPTION_MAX, 'ideas.form.descriptionTooLong'),
      ),
  ),
})

/** The author's edit form: the words, and the language they are in (empty: detect it). */
export const ideaEditSchema = ideaContentSchema.extend({
  language: z
    .enum(['', ...contentLanguages], { error: 'ideas.form.languageInvalid' })
    .optional()
    .transform((value) => value || undefined),
})

/** The author's edit page's other form: withdrawing the idea, once the box is ticked. */
export const withdrawIdeaSchema = z.object({
  confirm: z.literal('yes', { error: 'ideas.withdraw.confirmRequired' }),
})

export const newIdeaSchema = ideaContentSchema.extend({
  kind: z.enum(ideaKinds, { error: 'ideas.form.kindRequired' }),
  categoryId: idField('ideas.form.categoryRequired'),
  submissionKey: submissionKeyField.optional(),
})

export type NewIdeaInput = z.infer<typeof newIdeaSchema>

/** What the similar-ideas lookup accepts: the title typed so far. */
export const similarQuerySchema = z.object({
  q: searchTextField(TITLE_MAX * 2).catch(''),
})

/** `/roadmap?kind=…&category=…`: anything unknown shows every idea. */
export const roadmapFiltersSchema = z.object({
  kind: z.enum(ideaKinds).optional().catch(undefined),
  category: idField().optional().catch(undefined),
})
