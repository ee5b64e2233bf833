// What the update editor may send.
import { z } from 'zod'

import { zonedToInstant } from '#app/domain/promises/calendar.rules'
import { idField, markdownField, oneLine } from '#app/utils/schemas'

const cleanText = (value: string) =>
  value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')

export const updateFormSchema = z.object({
  title: z
    .string({ error: 'validation.required' })
    .transform(oneLine)
    .pipe(z.string().trim().min(5, 'ideas.form.titleTooShort').max(120, 'ideas.form.titleTooLong')),
  summary: z
    .string()
    .transform(cleanText)
    .pipe(z.string().trim().max(300, 'updates.form.summaryTooLong'))
    .default(''),
  body: markdownField(
    'updateBody',
    z
      .string({ error: 'validation.required' })
      .transform(cleanText)
      .pipe(
        z.string().trim().min(1, 'validation.required').max(20_000, 'updates.form.bodyTooLong'),
      ),
  ),
})

/**
 * A draft's text as it stands while it is being written, kept when the editor searches or links
 * ideas (nothing typed is lost): the same rules, but the text may still be empty, as a new draft's is.
 */
export const draftTextSchema = updateFormSchema.extend({
  body: markdownField(
    'updateBody',
    z.string().transform(cleanText).pipe(z.string().trim().max(20_000, 'updates.form.bodyTooLong')),
  ),
})

/** A `datetime-local` value read as wall-clock time in the site's zone (settings.timeZone). */
export const scheduleSchema = (timeZone: string) =>
  z.object({
    publishAt: z
      .string({ error: 'updates.form.publishAtRequired' })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'updates.form.publishAtRequired')
      .transform((value) => {
        const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [
          number,
          number,
          number,
        ]
        return zonedToInstant({ year, month, day }, value.slice(11), timeZone)
      })
      .refine(
        (date) => !Number.isNaN(date.getTime()) && date.getTime() > Date.now(),
        'updates.form.publishAtFuture',
      ),
  })

export const linkIdeaSchema = z.object({ ideaId: idField('admin.originalRequired') })
