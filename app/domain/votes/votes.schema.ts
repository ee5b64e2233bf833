// What a vote form may send.
import { z } from 'zod'

import { voteDirections } from './votes.rules'

export const voteFormSchema = z.object({
  direction: z.enum(voteDirections, { error: 'validation.invalid' }),
  redirectTo: z.string().max(2000).optional(),
})
