// Site settings: read for every page that needs them, changed by admins.
import { sql } from 'drizzle-orm'
import { db, type Executor } from '#app/db/db.server'
import { siteSettings } from '#app/db/schema'
import { settingsFromRows, type SettingKey, type SiteSettings } from './settings.rules'

export async function getSettings({ executor = db() }: { executor?: Executor } = {}): Promise<SiteSettings> {
  const rows = await executor.select({ key: siteSettings.key, value: siteSettings.value }).from(siteSettings)
  return settingsFromRows(rows)
}

export async function updateSetting<Key extends SettingKey>({
  key,
  value,
  actorId,
  executor = db(),
}: {
  key: Key
  value: SiteSettings[Key]
  actorId: number | null
  executor?: Executor
}) {
  await executor
    .insert(siteSettings)
    .values({ key, value, updatedBy: actorId })
    .onConflictDoUpdate({
      target: siteSettings.key,
      set: { value, updatedBy: actorId, updatedAt: sql`now()` },
    })
}
