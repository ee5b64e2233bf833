// The intake API's request bodies and queries.
import { z } from 'zod'

import { apiScopes } from '#app/db/schema'
import { locales } from '#app/domain/accounts/accounts.rules'
import { channels, socialNetworks } from '#app/domain/channels/channels'
import { ideaKinds } from '#app/domain/ideas/ideas.rules'
import { MARKDOWN_MAX_DEPTH } from '#app/utils/markdown.rules'
import { checkedOptions, markdownField, oneLine, searchTextField } from '#app/utils/schemas'

const customer = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ error: 'must be an email address' })),
  name: z.string().trim().max(50).default(''),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[+\d\s().-]*$/, 'digits, spaces and + ( ) - only')
    .default(''),
  /** Their emails' language; without it, the idea's when it can be told, else the site's default. */
  language: z.enum(locales).optional(),
})

export const apiCreateIdeaSchema = z.object({
  customer,
  channel: z.enum(channels).default('api'),
  network: z.enum(socialNetworks).optional(),
  externalRef: z.string().trim().max(300).default(''),
  kind: z.enum(ideaKinds),
  categoryId: z.number().int().positive().max(2_147_483_647),
  title: z.string().transform(oneLine).pipe(z.string().trim().min(5).max(120)),
  description: markdownField(
    'ideaDescription',
    z.string().trim().min(1).max(10_000),
    `quotes, lists and emphasis nest at most ${MARKDOWN_MAX_DEPTH} levels deep`,
  ),
})

export const apiSupportSchema = z.object({
  customer,
  channel: z.enum(channels).default('api'),
  externalRef: z.string().trim().max(300).default(''),
})

export const apiListSchema = z.object({
  q: searchTextField(200).optional().catch(undefined),
  status: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional()
    .catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).default(20).catch(20),
})

/** The back office form that makes a token: its name and its scopes (checkboxes, at least one). */
export const apiTokenFormSchema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(60, 'admin.nameTooLong'),
  scope: checkedOptions(apiScopes, 'admin.api.scopeRequired'),
})
