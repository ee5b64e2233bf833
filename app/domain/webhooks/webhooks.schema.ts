// Input schemas for the back office webhooks page.
import { z } from 'zod'

import { webhookEvents } from '#app/db/schema'
import { checkedOptions } from '#app/utils/schemas'

export const webhookFormSchema = z.object({
  url: z
    .string()
    .trim()
    .url('admin.webhooks.urlInvalid')
    .max(500)
    .refine((url) => /^https?:\/\//.test(url), 'admin.webhooks.urlInvalid'),
  event: checkedOptions(webhookEvents, 'admin.webhooks.eventRequired'),
})
