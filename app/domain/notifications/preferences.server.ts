// What each person wants to hear about, and how: in the app and/or by email, per notification type.
import { eq } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { notificationPreferences, type NotificationType, notificationTypes } from '#app/db/schema'
import { preferenceOf } from '#app/domain/mail/emails.server'
import { type PreferenceType, preferenceTypes } from '#app/domain/mail/mail.rules'
import { verify } from '#app/domain/mail/secrets.server'

export type Preferences = Record<PreferenceType, { inApp: boolean; email: boolean }>

export async function getPreferences({ userId }: { userId: number }): Promise<Preferences> {
  const rows = await db()
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId))
  return Object.fromEntries(
    preferenceTypes.map((type) => {
      const row = rows.find((candidate) => candidate.type === type)
      return [type, { inApp: row?.inApp ?? true, email: row?.email ?? true }]
    }),
  ) as Preferences
}

export async function savePreferences({
  userId,
  preferences,
}: {
  userId: number
  preferences: Preferences
}) {
  await db().transaction(async (tx) => {
    for (const type of preferenceTypes) {
      const { inApp, email } = preferences[type]
      await tx
        .insert(notificationPreferences)
        .values({ userId, type, inApp, email })
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.type],
          set: { inApp, email },
        })
    }
  })
}

/**
 * The person and kind of email a signed unsubscribe token names, with the preference that stops
 * it (null: that kind cannot be switched off), or null for a forged or broken token.
 */
export async function readUnsubscribeToken(token: string) {
  const payload = await verify(token)
  const match = payload ? /^(\d{1,9}):([a-z-]{1,20})$/.exec(payload) : null
  if (!match || !(notificationTypes as readonly string[]).includes(match[2]!)) return null
  const kind = match[2] as NotificationType
  return { userId: Number(match[1]), kind, preference: preferenceOf(kind) }
}

/** Switches one type's email off, from a signed link (no sign-in needed). */
export async function unsubscribe({ token }: { token: string }) {
  const target = await readUnsubscribeToken(token)
  if (!target) return { ok: false, reason: 'invalid' } as const
  if (!target.preference) return { ok: false, reason: 'cannotUnsubscribe' } as const
  await db()
    .insert(notificationPreferences)
    .values({ userId: target.userId, type: target.preference, inApp: true, email: false })
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.type],
      set: { email: false },
    })
  return { ok: true, preference: target.preference } as const
}
