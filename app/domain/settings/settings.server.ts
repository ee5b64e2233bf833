// Site settings: read for every page that needs them, changed by admins.
import { sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { referenceData } from '#app/db/reference-data.server'
import { siteSettings } from '#app/db/schema'
import { recordAudit } from '#app/domain/audit/audit.server'
import { env } from '#app/utils/env.server'
import { rememberDefaultLocale } from '#app/utils/i18n/i18n.server'

import { supportAddress } from './contact.rules'
import { type SettingKey, settingsFromRows, type SiteSettings } from './settings.rules'

/**
 * The one rule for the site's name, colour and the address people write to: as set in the back
 * office, else the server's configuration (SITE_NAME, SITE_ACCENT_COLOR, supportContactOf). Pages,
 * titles, emails and feeds all use it.
 */
export function brandingOf(settings: SiteSettings) {
  return {
    siteName: settings.siteName || env().SITE_NAME,
    accentColor: settings.accentColor || env().SITE_ACCENT_COLOR,
    /** Null: there is no address to give, and nothing tells people to write (contact.rules.ts). */
    supportEmail: supportContactOf(settings)?.address ?? null,
  }
}

/** The address people are told to write to, and where it comes from (the settings page says). */
export function supportContactOf(settings: SiteSettings) {
  const config = env()
  return supportAddress({
    setting: settings.supportEmail,
    supportEmail: config.SUPPORT_EMAIL,
    mailFrom: config.MAIL_FROM,
  })
}

export async function getBranding({ executor }: { executor?: Executor } = {}) {
  return brandingOf(await getSettings({ executor }))
}

/** The settings; outside a transaction, kept until they change (db/reference-data.server.ts). */
export async function getSettings({
  executor,
}: { executor?: Executor } = {}): Promise<SiteSettings> {
  return executor ? readSettings(executor) : settingsThisTurn()
}

const settingsThisTurn = referenceData(readSettings)

async function readSettings(executor: Executor): Promise<SiteSettings> {
  const rows = await executor
    .select({ key: siteSettings.key, value: siteSettings.value })
    .from(siteSettings)
  const settings = settingsFromRows(rows)
  rememberDefaultLocale(
    rows.some((row) => row.key === 'defaultLocale') ? settings.defaultLocale : null,
  )
  return settings
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

/** Admins change settings; each changed key is audited with its old and new value. */
export async function saveSettings({
  actor,
  values,
}: {
  actor: { id: number; role: string }
  values: Partial<SiteSettings>
}): Promise<{ ok: true } | { ok: false; reason: 'forbidden' }> {
  if (actor.role !== 'admin') return { ok: false, reason: 'forbidden' }
  await db().transaction(async (tx) => {
    const current = await getSettings({ executor: tx })
    for (const [key, value] of Object.entries(values) as [SettingKey, SiteSettings[SettingKey]][]) {
      if (value === undefined || current[key] === value) continue
      await updateSetting({ key, value, actorId: actor.id, executor: tx })
      await recordAudit({
        tx,
        actorId: actor.id,
        action: 'setting.change',
        targetType: 'setting',
        before: { [key]: current[key] },
        after: { [key]: value },
      })
    }
  })
  return { ok: true }
}
