// "Your account is suspended" / "You are banned": when staff suspend or ban a person, the account's
// address is told what happened, until when (in the site's time zone) or that a ban has no end, and
// the reason given, in the person's language. When staff lift it, the address is told that they can
// sign in again, with the sign-in link. A captured customer (decision 016) and a deleted account
// (decision 018) are told nothing: neither has an account to be told about. Both emails say how to
// reach the team (to appeal, or to ask): here, with no support address set in the back office or in
// SUPPORT_EMAIL, the address the site sends from (MAIL_FROM, not a no-reply one), never its name.
import { and, desc, eq, isNotNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { auditLog, outbox, users } from '#app/db/schema'
import { createTestIdea, createTestUser, unique } from '#app/demo/factories.server'
import { liftSuspension, suspendPerson } from '#app/domain/accounts/people.server'
import { captureVote } from '#app/domain/intake/intake.server'
import { deleteAccount } from '#app/domain/privacy/personal-data.server'
import { howToReachUs } from '#app/domain/settings/contact.rules'
import { brandingOf, getSettings } from '#app/domain/settings/settings.server'
import { publicBaseUrl, resetEnvCache } from '#app/utils/env.server'
import { formatDateTime } from '#app/utils/i18n/i18n'
import { TEST_PASSWORD } from '#tests/factories'

const mailsOfKind = (kind: string) => (userId: number) =>
  db()
    .select({
      subject: outbox.subject,
      textBody: outbox.textBody,
      htmlBody: outbox.htmlBody,
      toAddress: outbox.toAddress,
    })
    .from(outbox)
    .where(and(eq(outbox.userId, userId), eq(outbox.kind, kind)))
    .orderBy(desc(outbox.id))
const suspensionMails = mailsOfKind('account-suspended')
const reinstatementMails = mailsOfKind('account-reinstated')

const moderator = () => createTestUser({ role: 'moderator', password: null })

// The sender as an operator writes it, with a display name: the emails give the address alone.
const contact = 'care@shop.example'
const configuredSender = process.env.MAIL_FROM
const configuredSupport = process.env.SUPPORT_EMAIL
beforeAll(() => {
  process.env.MAIL_FROM = `Customer Care <${contact}>`
  delete process.env.SUPPORT_EMAIL
  resetEnvCache()
})
afterAll(() => {
  if (configuredSender === undefined) delete process.env.MAIL_FROM
  else process.env.MAIL_FROM = configuredSender
  if (configuredSupport !== undefined) process.env.SUPPORT_EMAIL = configuredSupport
  resetEnvCache()
})

/** How the email says to reach the team, in the reader's language, from the site's name. */
const appealLine = (locale: 'en' | 'nl', site: string) =>
  howToReachUs({ locale, address: contact, site, purpose: 'appeal' })!.text

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
      expect(result).toEqual({ ok: true, toldByEmail: true })
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
        expect(body).toContain(contact)
        expect(body).not.toContain('Customer Care')
      }
      expect(mail!.textBody).toContain(appealLine(locale, site))
      expect(appealLine(locale, site)).toMatch(locale === 'en' ? /appeal/ : /bezwaar/)
    })

    it(`a ban: that it has no end, and why, in ${locale}`, async () => {
      const person = await createTestUser({ locale, password: null })
      const reason = `Threats against other members ${unique('r')}`
      expect(
        await suspendPerson({ actor: await moderator(), userId: person.id, days: null, reason }),
      ).toEqual({ ok: true, toldByEmail: true })
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
        expect(body).toContain(contact)
      }
      expect(mail!.textBody).toContain(appealLine(locale, site))
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
      ).toEqual({ ok: true, toldByEmail: false })
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
    ).toEqual({ ok: true, toldByEmail: false })
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

describe('a person whose suspension or ban is lifted is told by email', () => {
  const liftAudits = (userId: number) =>
    db()
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, userId), eq(auditLog.action, 'user.reinstate')))

  for (const locale of ['en', 'nl'] as const) {
    for (const days of [7, null]) {
      it(`after a ${days === null ? 'ban' : 'suspension'}: they can sign in again, in ${locale}`, async () => {
        const person = await createTestUser({ locale, password: null })
        const actor = await moderator()
        expect(await suspendPerson({ actor, userId: person.id, days, reason: 'Spam' })).toEqual({
          ok: true,
          toldByEmail: true,
        })
        expect(await reinstatementMails(person.id)).toHaveLength(0)
        expect(await liftSuspension({ actor, userId: person.id })).toEqual({
          ok: true,
          toldByEmail: true,
        })
        const site = brandingOf(await getSettings()).siteName
        const [mail, ...more] = await reinstatementMails(person.id)
        expect(more).toHaveLength(0)
        expect(mail!.toAddress).toBe(person.email)
        expect(mail!.subject).toBe(
          locale === 'en'
            ? `You can sign in to ${site} again`
            : `Je kunt weer inloggen bij ${site}`,
        )
        for (const body of [mail!.textBody!, mail!.htmlBody!]) {
          expect(body).toContain(person.email)
          expect(body).toContain(`${publicBaseUrl()}/login`)
          expect(body).toContain(
            days === null
              ? locale === 'en'
                ? 'lifted your ban'
                : 'heeft je verbanning opgeheven'
              : locale === 'en'
                ? 'lifted the suspension of your account'
                : 'heeft de schorsing van je account',
          )
          expect(body).toContain(contact)
          expect(body).not.toContain('Customer Care')
        }
        expect(mail!.textBody).toContain(
          howToReachUs({ locale, address: contact, site, purpose: 'questions' })!.text,
        )
        expect(await liftAudits(person.id)).toHaveLength(1)
      })
    }
  }

  it('not when nothing was lifted: the person was not suspended', async () => {
    const person = await createTestUser({ password: null })
    expect(await liftSuspension({ actor: await moderator(), userId: person.id })).toEqual({
      ok: true,
      toldByEmail: false,
    })
    expect(await reinstatementMails(person.id)).toHaveLength(0)
  })

  it('not a captured customer or a deleted account (decisions 016, 018)', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const email = `${unique('captured')}@example.test`
    await captureVote({
      actor: agent,
      customer: { email, name: 'Captured', phone: '', externalRef: '', channel: 'phone' },
      ideaId: (await createTestIdea()).id,
    })
    const [captured] = await db().select({ id: users.id }).from(users).where(eq(users.email, email))
    const deleted = await createTestUser()
    await deleteAccount({
      userId: deleted.id,
      input: { currentPassword: TEST_PASSWORD, removeContent: false },
    })
    for (const userId of [captured!.id, deleted.id]) {
      const actor = await moderator()
      expect(await suspendPerson({ actor, userId, days: 7, reason: 'Spam' })).toEqual({
        ok: true,
        toldByEmail: false,
      })
      expect(await liftSuspension({ actor, userId })).toEqual({ ok: true, toldByEmail: false })
      expect(await reinstatementMails(userId)).toHaveLength(0)
    }
  })

  it('not when lifting is refused', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    const colleague = await moderator()
    await suspendPerson({ actor: admin, userId: colleague.id, days: 7, reason: 'Holiday' })
    expect(await liftSuspension({ actor: await moderator(), userId: colleague.id })).toEqual({
      ok: false,
      reason: 'forbidden',
    })
    expect(await reinstatementMails(colleague.id)).toHaveLength(0)
  })
})
