// "Your account is suspended" / "You are banned": when staff suspend or ban a person, the account's
// address is told what happened, until when (in the site's time zone) or that a ban has no end, and
// the reason given, in the person's language. A captured customer (decision 016) and a deleted
// account (decision 018) are told nothing: neither has an account to be told about.
import { and, desc, eq, isNotNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { outbox, users } from '#app/db/schema'
import { createTestIdea, createTestUser, unique } from '#app/demo/factories.server'
import { suspendPerson } from '#app/domain/accounts/people.server'
import { captureVote } from '#app/domain/intake/intake.server'
import { deleteAccount } from '#app/domain/privacy/personal-data.server'
import { brandingOf, getSettings } from '#app/domain/settings/settings.server'
import { publicBaseUrl } from '#app/utils/env.server'
import { formatDateTime } from '#app/utils/i18n/i18n'
import { TEST_PASSWORD } from '#tests/factories'

const suspensionMails = (userId: number) =>
  db()
    .select({
      subject: outbox.subject,
      textBody: outbox.textBody,
      htmlBody: outbox.htmlBody,
      toAddress: outbox.toAddress,
    })
    .from(outbox)
    .where(and(eq(outbox.userId, userId), eq(outbox.kind, 'account-suspended')))
    .orderBy(desc(outbox.id))

const moderator = () => createTestUser({ role: 'moderator', password: null })

describe('a suspended or banned person is told by email', () => {
  for (const locale of ['en', 'nl'] as const) {
    it(`a suspension: until when and why, in ${locale}`, async () => {
      const person = await createTestUser({ locale, password: null })
      const reason = `Posting the same advert again ${unique('r')}`
      const result = await suspendPerson({
        actor: await moderator(),
        userId: person.id,
        days: 7,
        reason,
      })
      expect(result).toEqual({ ok: true })
      const [{ suspendedUntil }] = (await db()
        .select({ suspendedUntil: users.suspendedUntil })
        .from(users)
        .where(eq(users.id, person.id))) as [{ suspendedUntil: Date }]
      const settings = await getSettings()
      const site = brandingOf(settings).siteName
      const mails = await suspensionMails(person.id)
      expect(mails).toHaveLength(1)
      const [mail] = mails
      expect(mail!.toAddress).toBe(person.email)
      expect(mail!.subject).toBe(
        locale === 'en'
          ? `Your ${site} account is suspended`
          : `Je account bij ${site} is geschorst`,
      )
      for (const body of [mail!.textBody!, mail!.htmlBody!]) {
        expect(body).toContain(formatDateTime(locale, suspendedUntil, settings.timeZone))
        expect(body).toContain(settings.timeZone)
        expect(body).toContain(reason)
        expect(body).toContain(`${publicBaseUrl()}/`)
        expect(body).toContain(
          locale === 'en' ? 'The suspension ends on' : 'De schorsing loopt af op',
        )
      }
    })

    it(`a ban: that it has no end, and why, in ${locale}`, async () => {
      const person = await createTestUser({ locale, password: null })
      const reason = `Threats against other members ${unique('r')}`
      expect(
        await suspendPerson({ actor: await moderator(), userId: person.id, days: null, reason }),
      ).toEqual({ ok: true })
      const site = brandingOf(await getSettings()).siteName
      const [mail, ...more] = await suspensionMails(person.id)
      expect(more).toHaveLength(0)
      expect(mail!.subject).toBe(
        locale === 'en' ? `You are banned from ${site}` : `Je bent verbannen van ${site}`,
      )
      for (const body of [mail!.textBody!, mail!.htmlBody!]) {
        expect(body).toContain(reason)
        expect(body).toContain(
          locale === 'en' ? 'A ban has no end date.' : 'Een verbanning heeft geen einddatum.',
        )
      }
    })
  }

  it('not a captured customer, who has no account (decision 016)', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const email = `${unique('captured')}@example.test`
    const idea = await createTestIdea()
    expect(
      (
        await captureVote({
          actor: agent,
          customer: { email, name: 'Captured', phone: '', externalRef: '', channel: 'phone' },
          ideaId: idea.id,
        })
      ).ok,
    ).toBe(true)
    const [captured] = await db()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, email), isNotNull(users.unclaimedSince)))
    for (const days of [7, null]) {
      expect(
        await suspendPerson({
          actor: await moderator(),
          userId: captured!.id,
          days,
          reason: 'Spam',
        }),
      ).toEqual({ ok: true })
    }
    expect(await suspensionMails(captured!.id)).toHaveLength(0)
  })

  it('not a deleted account, whose address is gone (decision 018)', async () => {
    const person = await createTestUser()
    expect(
      (
        await deleteAccount({
          userId: person.id,
          input: { currentPassword: TEST_PASSWORD, removeContent: false },
        })
      ).ok,
    ).toBe(true)
    expect(
      await suspendPerson({ actor: await moderator(), userId: person.id, days: 30, reason: 'x' }),
    ).toEqual({ ok: true })
    expect(await suspensionMails(person.id)).toHaveLength(0)
  })

  it('not when the suspension is refused', async () => {
    const actor = await moderator()
    const colleague = await moderator()
    expect(await suspendPerson({ actor, userId: colleague.id, days: 7, reason: 'No' })).toEqual({
      ok: false,
      reason: 'forbidden',
    })
    expect(await suspensionMails(colleague.id)).toHaveLength(0)
  })
})
