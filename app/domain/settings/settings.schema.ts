// What the admin settings forms may send.
import { z } from 'zod'

// The column values come from the schema (their rules live in accounts and ideas, which read settings).
import { ideaKinds, locales, statusCategories } from '#app/db/schema'
import { premoderationModes } from '#app/domain/spam/spam.rules'
import { idField } from '#app/utils/schemas'

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'on')

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'admin.settings.colorInvalid')
const name = z.string().trim().min(1, 'validation.required').max(40, 'admin.nameTooLong')

export const siteSettingsSchema = z.object({
  siteName: z.string().trim().max(60, 'admin.nameTooLong'),
  logoText: z.string().trim().max(2, 'admin.settings.logoTooLong'),
  accentColor: color.or(z.literal('')),
  /** Empty leaves the address to the server's configuration (contact.rules.ts); absent, unchanged. */
  supportEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'admin.settings.supportEmailInvalid')
    .refine(
      (value) => value === '' || z.email().safeParse(value).success,
      'admin.settings.supportEmailInvalid',
    )
    .optional(),
  defaultLocale: z.enum(locales),
  downVotesEnabled: checkbox,
  premoderation: z.enum(premoderationModes),
})

export const statusFormSchema = z.object({
  id: idField().optional(),
  nameEn: name,
  nameNl: name,
  color,
  category: z.enum(statusCategories),
  onRoadmap: checkbox,
})

export const categoryFormSchema = z.object({
  id: idField().optional(),
  kind: z.enum(ideaKinds),
  nameEn: name,
  nameNl: name,
})

export const rowActionSchema = z.object({ id: idField() })
