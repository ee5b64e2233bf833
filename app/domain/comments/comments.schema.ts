// What the comment forms may send.
import { z } from 'zod'

import { idField, markdownField, optionalIdField, submissionKeyField } from '#app/utils/schemas'

export const COMMENT_MAX = 5_000

const body = markdownField(
  'comment',
  z
    .string({ error: 'validation.required' })
    .transform((value) => value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''))
    .pipe(
      z.string().trim().min(1, 'comments.form.empty').max(COMMENT_MAX, 'comments.form.tooLong'),
    ),
)

export const commentFormSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('post'),
    body,
    parentId: optionalIdField(),
    submissionKey: submissionKeyField.optional(),
  }),
  z.object({ intent: z.literal('edit'), commentId: idField(), body }),
  // A delete is only taken with its confirmation (the form asks first).
  z.object({
    intent: z.literal('delete'),
    commentId: idField(),
    confirm: z.literal('yes', { error: 'comments.deleteConfirmRequired' }),
  }),
])

export type CommentForm = z.infer<typeof commentFormSchema>
