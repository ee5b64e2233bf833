// What the back-office forms may send. One schema per intent; the routes switch on `intent`.
import { z } from 'zod'

import { ideaKinds } from '#app/domain/ideas/ideas.rules'
import { ideaContentSchema } from '#app/domain/ideas/ideas.schema'
import { RESPONSE_MAX } from '#app/domain/ideas/responses.rules'
import { idField, markdownField, MAX_DATABASE_ID, searchTextField } from '#app/utils/schemas'

import { triageSorts } from './triage.rules'

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'on' || value === 'true' || value === '1')

/** An official response, optional with a status change or a merge. */
const response = markdownField(
  'response',
  z.string().trim().max(RESPONSE_MAX, 'admin.responseTooLong'),
).default('')

export const statusChangeSchema = z.object({
  statusId: idField('admin.statusRequired'),
  response,
  notify: checkbox,
})

/** A status change for many ideas at once: telling people about it needs the answer they will read. */
export const bulkStatusChangeSchema = statusChangeSchema.superRefine((value, context) => {
  if (value.notify && value.response === '')
    context.addIssue({ code: 'custom', path: ['response'], message: 'admin.bulk.responseRequired' })
})

export const officialResponseSchema = z.object({
  response: markdownField(
    'response',
    z.string().trim().min(1, 'admin.responseRequired').max(RESPONSE_MAX, 'admin.responseTooLong'),
  ),
  notify: checkbox,
})

export const assignSchema = z.object({
  assigneeId: z
    .string()
    .optional()
    .transform((value) => (value ? Number(value) : null))
    .pipe(z.number().int().positive().max(2_147_483_647).nullable()),
})

export const tagChoiceSchema = z.object({
  tagId: idField('admin.tagRequired'),
  on: z.enum(['on', 'off']).default('on'),
})

export const noteSchema = z.object({
  body: markdownField(
    'note',
    z.string().trim().min(1, 'validation.required').max(5_000, 'comments.form.tooLong'),
  ),
})

export const mergeSchema = z.object({
  originalId: z
    .string({ error: 'admin.originalRequired' })
    .trim()
    // The whole number after /ideas/ when it is a link (its host or port may hold digits too), else
    // the number; one no idea can have is refused here, not cut to its first digits.
    .transform((value) => Number((/\/ideas\/(\d+)/.exec(value) ?? /^#?(\d+)$/.exec(value))?.[1]))
    .pipe(
      z
        .number({ error: 'admin.originalRequired' })
        .int('admin.originalRequired')
        .positive('admin.originalRequired')
        .max(MAX_DATABASE_ID, 'admin.originalRequired'),
    ),
  response,
  notify: checkbox,
})

export const correctionSchema = ideaContentSchema.extend({
  kind: z.enum(ideaKinds, { error: 'ideas.form.kindRequired' }),
  categoryId: idField('ideas.form.categoryRequired'),
})

export const reasonSchema = z.object({
  reason: z.string().trim().min(1, 'admin.reasonRequired').max(500, 'admin.reasonTooLong'),
})

/** A comment on the idea page's thread, to hide (with a reason) or restore. */
export const commentTargetSchema = z.object({ commentId: idField() })
export const hideCommentSchema = reasonSchema.extend(commentTargetSchema.shape)

/** The merge section's title search (a GET on the idea page). */
export const mergeSearchSchema = searchTextField(200).optional().catch(undefined)

export const bulkSchema = z.object({
  ideaIds: z.array(idField()).min(1, 'admin.selectIdeas').max(200),
})

export const suspendSchema = z.object({
  days: z
    .enum(['1', '7', '30', '365', 'ban'], { error: 'admin.durationRequired' })
    .transform((value) => (value === 'ban' ? null : Number(value))),
  reason: z.string().trim().min(1, 'admin.reasonRequired').max(500, 'admin.reasonTooLong'),
})

export const tagSchema = z.object({
  nameEn: z.string().trim().min(1, 'validation.required').max(40, 'admin.nameTooLong'),
  nameNl: z.string().trim().min(1, 'validation.required').max(40, 'admin.nameTooLong'),
  isPublic: checkbox,
})

/** The back-office lists' filters from the URL (anything invalid reads as no filter). */
export const triageFiltersSchema = z.object({
  view: z.enum(['all', 'mine']).optional().catch(undefined),
  status: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional()
    .catch(undefined),
  kind: z.enum(ideaKinds).optional().catch(undefined),
  category: idField().optional().catch(undefined),
  tag: idField().optional().catch(undefined),
  q: searchTextField(200).optional().catch(undefined),
  sort: z.enum(triageSorts).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  before: z.string().max(200).optional().catch(undefined),
  select: z.enum(['all', 'none']).optional().catch(undefined),
})
export type TriageFilters = z.infer<typeof triageFiltersSchema>
