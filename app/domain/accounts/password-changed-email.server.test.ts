// "Your password was changed" (issue 16): whether the person changed it on the account page or
// through a reset link, their address is told when (in the site's time zone), in their language,
// with a way back in if it was not them; a change that is refused tells nobody anything.
import { and, desc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { outbox, users } from '#app/db/schema'
import { changePassword as changeOwnPassword } from '#app/domain/accounts/profile.server'
import { requestPasswordReset, resetPassword } from '#app/domain/accounts/tokens.server'
import { brandingOf, getSettings } from '#app/domain/settings/settings.server'
import { publicBaseUrl } from '#app/utils/env.server'
import { createTestUser, TEST_PASSWORD } from '#tests/factories'

const passwordChangedMails = (email: string) =>
  db()
    .select({
      subject: outbox.subject,
      textBody: outbox.textBody,
      htmlBody: outbox.htmlBody,
      userId: outbox.userId,
    })
    .from(outbox)
    .where(and(eq(outbox.toAddress, email), eq(outbox.kind, 'password-changed')))
    .orderBy(desc(outbox.id))

async function resetThroughLink(email: string) {
  expect(
    (await requestPasswordReset({ email, clientIp: `10.78.${Math.floor(Math.random() * 250)}.1` }))
      .ok,
  ).toBe(true)
  const [mail] = await db()
    .select({ textBody: outbox.textBody })
    .from(outbox)
    .where(and(eq(outbox.toAddress, email), eq(outbox.kind, 'password-reset')))
    .orderBy(desc(outbox.id))
    .limit(1)
  const token = /\/reset-password\/([\w-]+)/.exec(mail?.textBody ?? '')?.[1] ?? ''
  return resetPassword({
    token,
    password: 'a brand new passphrase',
    browser: { sessionId: null, userAgent: null },
  })
}

const ways = {
  'on the account page': (person: { id: number; email: string }) =>
    changeOwnPassword({
      userId: person.id,
      input: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' },
      userAgent: null,
    }),
  'through a reset link': (person: { id: number; email: string }) => resetThroughLink(person.email),
}

describe('when a password changes, the account’s address is told', () => {
  for (const [way, change] of Object.entries(ways)) {
    for (const locale of ['en', 'nl'] as const) {
      it(`${way}, in ${locale}`, async () => {
        const person = await createTestUser()
        await db().update(users).set({ locale }).where(eq(users.id, person.id))
        await change(person)
        const settings = await getSettings()
        const site = brandingOf(settings).siteName
        const mails = await passwordChangedMails(person.email)
        expect(mails).toHaveLength(1)
        const [mail] = mails
        expect(mail!.userId).toBe(person.id)
        expect(mail!.subject).toBe(
          locale === 'en'
            ? `Your ${site} password was changed`
            : `Je wachtwoord voor ${site} is gewijzigd`,
        )
        for (const body of [mail!.textBody!, mail!.htmlBody!]) {
          expect(body).toContain(person.email)
          // The time, in the site's zone, and a way back in.
          expect(body).toMatch(/\d{1,2}:\d{2}/)
          expect(body).toContain(settings.timeZone)
          expect(body).toContain(`${publicBaseUrl()}/forgot-password`)
          expect(body).toContain(locale === 'en' ? 'If this was not you' : 'Was jij dit niet?')
        }
      })
    }
  }

  it('not when the current password given is wrong', async () => {
    const person = await createTestUser()
    const result = await changeOwnPassword({
      userId: person.id,
      input: { currentPassword: 'not the password at all', newPassword: 'a brand new passphrase' },
      userAgent: null,
    })
    expect(result.ok).toBe(false)
    expect(await passwordChangedMails(person.email)).toHaveLength(0)
  })
})
