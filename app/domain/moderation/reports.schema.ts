import { z } from 'zod'

import { optionalIdField } from '#app/utils/schemas'

import { reportReasons } from './reports.rules'

export const reportFormSchema = z.object({
  reason: z.enum(reportReasons, { error: 'reports.form.reasonRequired' }),
  note: z.string().trim().max(1000, 'reports.form.noteTooLong').default(''),
  commentId: optionalIdField(),
})
