// What the staff intake console may send.
import { z } from 'zod'

import { locales } from '#app/domain/accounts/accounts.rules'
import { capturedChannels, socialNetworks } from '#app/domain/channels/channels'
import { ideaKinds } from '#app/domain/ideas/ideas.rules'
import { ideaContentSchema } from '#app/domain/ideas/ideas.schema'
import { idField, submissionKeyField } from '#app/utils/schemas'
import { oneLine } from '#app/utils/text.rules'

const customer = {
  email: z
    .string({ error: 'validation.required' })
    .trim()
    .toLowerCase()
    .min(1, 'validation.required')
    .max(254, 'validation.emailInvalid')
    .pipe(z.email({ error: 'validation.emailInvalid' })),
  name: z
    .string()
    .transform(oneLine)
    .pipe(z.string().trim().max(50, 'validation.displayNameLength'))
    .default(''),
  phone: z
    .string()
    .trim()
    .max(40, 'intake.phoneInvalid')
    .regex(/^[+\d\s().-]*$/, 'intake.phoneInvalid')
    .default(''),
  /** The language their emails are written in; none (Automatic) lets the server decide (`findOrCaptureCustomer`). */
  language: z
    .union([z.literal('').transform(() => undefined), z.enum(locales)], {
      error: 'validation.invalid',
    })
    .optional(),
  channel: z.enum(capturedChannels, { error: 'intake.channelRequired' }),
  network: z.enum(socialNetworks).optional().catch(undefined),
  externalRef: z.string().trim().max(300, 'intake.refTooLong').default(''),
}

export const captureCustomerSchema = z.object(customer)

export const captureIdeaSchema = ideaContentSchema.extend({
  ...customer,
  kind: z.enum(ideaKinds, { error: 'ideas.form.kindRequired' }),
  categoryId: idField('ideas.form.categoryRequired'),
  submissionKey: submissionKeyField.optional(),
})

export const captureVoteSchema = z.object({ ...customer, ideaId: idField() })

export type CaptureCustomer = z.infer<typeof captureCustomerSchema>
export type CaptureIdeaForm = z.infer<typeof captureIdeaSchema>
