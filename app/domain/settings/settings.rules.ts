// The site settings, their types and defaults. Stored values are validated on read, so a bad row
// falls back to the default instead of breaking pages.
import { z } from 'zod'

export const settingsSchema = z.object({
  downVotesEnabled: z.boolean().catch(true),
})

export type SiteSettings = z.infer<typeof settingsSchema>
export type SettingKey = keyof SiteSettings

export const defaultSettings: SiteSettings = settingsSchema.parse({})

/** Stored key/value rows → settings, each key checked on its own. */
export function settingsFromRows(rows: { key: string; value: unknown }[]): SiteSettings {
  const raw: Record<string, unknown> = {}
  for (const row of rows) raw[row.key] = row.value
  return settingsSchema.parse(raw)
}
