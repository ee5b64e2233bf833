// What the "did this answer help?" buttons under a team answer on the idea page may send.
import { z } from 'zod'

import { idField } from '#app/utils/schemas'

export const answerFeedbackSchema = z.object({
  responseId: idField(),
  helpful: z.enum(['yes', 'no']),
})
