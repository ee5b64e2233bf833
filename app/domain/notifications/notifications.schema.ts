// Input schemas for the notifications page's form.
import { z } from 'zod'

export const markAllReadSchema = z.object({ intent: z.literal('mark-all-read') })
