// Input schemas for the back office mail page.
import { z } from 'zod'

export const testEmailSchema = z.object({ to: z.string().trim().email('validation.emailInvalid') })
