// Every email Ideabox writes when it is queued (not from a notification), caused the way the app
// causes it, and the newest message queued for a person, rendered: shared by the tests over every
// kind of email (the registry `emails` in mail/emails.server.ts).
import { and, desc, eq, or } from 'drizzle-orm'
import { expect } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas, outbox, users } from '#app/db/schema'
import { createTestIdea, createTestUser, unique } from '#app/demo/factories.server'
import { hashPassword } from '#app/domain/accounts/passwords.server'
import { liftSuspension, suspendPerson } from '#app/domain/accounts/people.server'
import {
  changePassword,
  queueSignUpAttemptEmail,
  queueTestEmail,
  requestPasswordReset,
  sendEmailChangeLinks,
  sendVerificationEmail,
} from '#app/domain/accounts/tokens.server'
import { fileEmailReply } from '#app/domain/intake/email-replies.server'
import { captureVote } from '#app/domain/intake/intake.server'
import type { DirectEmailKind } from '#app/domain/mail/emails.server'
import { renderQueuedMessage } from '#app/domain/notifications/messages.server'
import { replyAddressFor } from '#app/domain/notifications/reply-address.server'
import { sendDueDigest } from '#app/domain/promises/digest.server'
import { getSettings } from '#app/domain/settings/settings.server'
import { resetEnvCache } from '#app/utils/env.server'
import { formatDateTime } from '#app/utils/i18n/i18n'

export type Recipient = Awaited<ReturnType<typeof createTestUser>>

/**
 * How each directly written email comes about, and what of its event it must say. A new kind fails
 * to compile here until it is added.
 */
export const directEmails = {
  'password-reset': async (person) => {
    await requestPasswordReset({ email: person.email, clientIp: unique('ip') })
    return { content: [] }
  },
  'verify-email': async (person) => {
    await sendVerificationEmail({ userId: person.id })
    return { content: [] }
  },
  test: async (person) => {
    await queueTestEmail({ to: person.email, locale: 'en' })
    return { content: [] }
  },
  'change-email': async (person) => {
    const newEmail = `${unique('new')}@example.test`
    await sendEmailChangeLinks({ userId: person.id, newEmail })
    return { content: [] }
  },
  'email-change-notice': async (person) => {
    const newEmail = `${unique('new')}@example.test`
    await sendEmailChangeLinks({ userId: person.id, newEmail })
    return { content: [] }
  },
  'password-changed': async (person) => {
    const passwordHash = await hashPassword('a brand new passphrase')
    await db().transaction((tx) =>
      changePassword({ userId: person.id, passwordHash, executor: tx }),
    )
    return { content: [person.email] }
  },
  'sign-up-attempt': async (person) => {
    await queueSignUpAttemptEmail({ person })
    return { content: [] }
  },
  'capture-confirm': async (person) => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const idea = await createTestIdea({ title: `Captured for you ${unique('c')}` })
    await captureVote({
      actor: agent,
      customer: {
        email: person.email,
        name: 'Captured',
        phone: '',
        externalRef: '',
        channel: 'phone',
      },
      ideaId: idea.id,
    })
    return { content: [idea.title] }
  },
  'vote-received': async (person) => {
    // An agent adds the customer's vote (for their address) to an idea under review: the email names
    // the idea and its status, and links to its page.
    const agent = await createTestUser({ role: 'agent', password: null })
    const idea = await createTestIdea({
      title: `Voted for on the phone ${unique('v')}`,
      statusSlug: 'under-review',
    })
    const captured = await captureVote({
      actor: agent,
      customer: { email: person.email, name: '', phone: '', externalRef: '', channel: 'phone' },
      ideaId: idea.id,
    })
    expect(captured).toMatchObject({ ok: true, alreadyVoted: false })
    return { content: [idea.title, 'Under review'] }
  },
  'reply-refused': async (person) => {
    // The person's genuine reply address, replied to from another address: refused, and the
    // token's person (never the From address) is told once.
    const idea = await createTestIdea()
    const configured = process.env.INBOUND_EMAIL_DOMAIN
    process.env.INBOUND_EMAIL_DOMAIN = configured ?? 'reply.example.test'
    resetEnvCache()
    const address = await replyAddressFor({ recipientId: person.id, ideaId: idea.id })
    if (configured === undefined) delete process.env.INBOUND_EMAIL_DOMAIN
    resetEnvCache()
    const token = address!.slice('reply+'.length).split('@')[0]!
    const refused = await fileEmailReply({
      token,
      from: `${unique('stranger')}@example.test`,
      subject: 'Re: your idea',
      headers: new Map(),
      text: 'Yes please',
      messageKey: `<${unique('m')}@example.test>`,
    })
    expect(refused).toMatchObject({ ok: false, reason: 'wrongSender', explained: true })
    return { content: [] }
  },
  'account-suspended': async (person) => {
    // A moderator suspends the person for a week: the email says until when (in the site's zone) and why.
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const reason = `Posting the same advert again ${unique('s')}`
    expect(await suspendPerson({ actor: moderator, userId: person.id, days: 7, reason })).toEqual({
      ok: true,
    })
    const [row] = await db()
      .select({ until: users.suspendedUntil, locale: users.locale })
      .from(users)
      .where(eq(users.id, person.id))
    const { timeZone } = await getSettings()
    return { content: [reason, formatDateTime(row!.locale, row!.until!, timeZone)] }
  },
  'account-reinstated': async (person) => {
    // A moderator bans the person, then lifts the ban: the email says they can sign in again.
    const moderator = await createTestUser({ role: 'moderator', password: null })
    expect(
      await suspendPerson({ actor: moderator, userId: person.id, days: null, reason: 'Spam' }),
    ).toEqual({ ok: true })
    expect(await liftSuspension({ actor: moderator, userId: person.id })).toEqual({ ok: true })
    return { content: [person.email] }
  },
  digest: async () => {
    // Tuesday 1 December 2026, 10:00 in Amsterdam, with an idea whose first answer is late.
    const late = await createTestIdea({ title: `Late for the digest ${unique('d')}` })
    await db()
      .update(ideas)
      .set({ firstResponseDueAt: new Date('2026-11-30T09:00:00Z') })
      .where(eq(ideas.id, late.id))
    await sendDueDigest({ now: new Date('2026-12-01T09:00:00Z') })
    return { content: [late.title] }
  },
} satisfies Record<DirectEmailKind, (person: Recipient) => Promise<{ content: string[] }>>

/** The newest message queued for the person (of that kind, for a directly written one), rendered as it is sent. */
export async function latestEmailFor(person: Recipient, label: string) {
  const direct = label in directEmails
  const [row] = await db()
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        or(eq(outbox.userId, person.id), eq(outbox.toAddress, person.email)),
        direct ? eq(outbox.kind, label) : undefined,
      ),
    )
    .orderBy(desc(outbox.id))
  expect(row, `${label} was queued`).toBeDefined()
  const message = await renderQueuedMessage({ outboxId: row!.id })
  expect(message, `${label} renders`).not.toBeNull()
  return message!
}
