// The site settings, their types and defaults. Stored values are validated on read, so a bad row
// falls back to the default instead of breaking pages.
import { z } from 'zod'

import { premoderationModes } from '#app/domain/spam/spam.rules'

const settingsSchema = z.object({
  /** Shown in the header, titles and emails; empty means the SITE_NAME from the environment. */
  siteName: z.string().max(60).catch('').default(''),
  /** Short text in the logo mark (one or two letters); empty shows the light bulb. */
  logoText: z.string().max(2).catch('').default(''),
  /** The brand colour; empty means SITE_ACCENT_COLOR from the environment. */
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .or(z.literal(''))
    .catch('')
    .default(''),
  /**
   * Where people are told to write to reach the team (contact.rules.ts); empty means SUPPORT_EMAIL
   * from the environment, else the sender's address when somebody reads it.
   */
  supportEmail: z.email().max(254).or(z.literal('')).catch('').default(''),
  /** The language for visitors whose browser asks for neither English nor Dutch. */
  defaultLocale: z.enum(['en', 'nl']).catch('en').default('en'),
  downVotesEnabled: z.boolean().catch(true).default(true),
  premoderation: z.enum(premoderationModes).catch('off').default('off'),
  /** The working calendar promises are counted in. */
  timeZone: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone })
        return true
      } catch {
        return false
      }
    })
    .catch('Europe/Amsterdam')
    .default('Europe/Amsterdam'),
  workingDays: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .catch([1, 2, 3, 4, 5])
    .default([1, 2, 3, 4, 5]),
  dayStart: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .catch('09:00')
    .default('09:00'),
  dayEnd: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .catch('17:00')
    .default('17:00'),
})

export type SiteSettings = z.infer<typeof settingsSchema>
export type SettingKey = keyof SiteSettings

/** Stored key/value rows → settings, each key checked on its own. */
export function settingsFromRows(rows: { key: string; value: unknown }[]): SiteSettings {
  const raw: Record<string, unknown> = {}
  for (const row of rows) raw[row.key] = row.value
  return settingsSchema.parse(raw)
}
