// What each person wants to hear about, and how: in the app and/or by email, per notification type.
import { eq } from 'drizzle-orm'
import { db } from '#app/db/db.server'
import { notificationPreferences } from '#app/db/schema'
import { verify } from '#app/domain/mail/secrets.server'
import { preferenceTypes, type PreferenceType } from '#app/domain/mail/mail.rules'

export type Preferences = Record<PreferenceType, { inApp: boolean; email: boolean }>

export async function getPreferences({ userId }: { userId: number }): Promise<Preferences> {
  const rows = await db().select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId))
  return Object.fromEntries(
    preferenceTypes.map((type) => {
      const row = rows.find((candidate) => candidate.type === type)
      return [type, { inApp: row?.inApp ?? true, email: row?.email ?? true }]
    }),
  ) as Preferences
}

export async function savePreferences({ userId, preferences }: { userId: number; preferences: Preferences }) {
  await db().transaction(async (tx) => {
    for (const type of preferenceTypes) {
      const { inApp, email } = preferences[type]
      await tx
        .insert(notificationPreferences)
        .values({ userId, type, inApp, email })
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.type], set: { inApp, email } })
    }
  })
}

/** The person and type a signed unsubscribe token names, or null for a forged or broken one. */
export async function readUnsubscribeToken(token: string) {
  const payload = await verify(token)
  const match = payload ? /^(\d{1,9}):([a-z-]{1,20})$/.exec(payload) : null
  if (!match || !(preferenceTypes as readonly string[]).includes(match[2]!)) return null
  return { userId: Number(match[1]), type: match[2] as PreferenceType }
}

/** Switches one type's email off, from a signed link (no sign-in needed). */
export async function unsubscribe({ token }: { token: string }) {
  const target = await readUnsubscribeToken(token)
  if (!target) return null
  await db()
    .insert(notificationPreferences)
    .values({ userId: target.userId, type: target.type, inApp: true, email: false })
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.type], set: { email: false } })
  return target
}
