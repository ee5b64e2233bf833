// Input schemas for the back office webhooks page.
import { z } from 'zod'

export const webhookFormSchema = z.object({
  url: z
    .string()
    .trim()
    .url('admin.webhooks.urlInvalid')
    .max(500)
    .refine((url) => /^https?:\/\//.test(url), 'admin.webhooks.urlInvalid'),
})
