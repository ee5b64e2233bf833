// Every email Ideabox writes when it is queued (not from a notification) and every notification,
// each caused the way the app causes it, and the newest message queued for a person, rendered: shared
// by the tests over every kind of email (the registry `emails` in mail/emails.server.ts).
import { and, desc, eq, or } from 'drizzle-orm'
import { expect } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas, type NotificationType, outbox, statuses, users } from '#app/db/schema'
import { createTestIdea, createTestUser, findCategory, unique } from '#app/demo/factories.server'
import type { Locale, Role } from '#app/domain/accounts/accounts.rules'
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
import { postComment } from '#app/domain/comments/comments.server'
import { follow } from '#app/domain/follows/follows.server'
import { postIdea } from '#app/domain/ideas/posting.server'
import { changeStatus, postOfficialResponse } from '#app/domain/ideas/responses.server'
import { fileEmailReply } from '#app/domain/intake/email-replies.server'
import { captureVote, findOrCaptureCustomer } from '#app/domain/intake/intake.server'
import type { DirectEmailKind } from '#app/domain/mail/emails.server'
import { decideHeldIdea, hideContent } from '#app/domain/moderation/moderation.server'
import { renderQueuedMessage } from '#app/domain/notifications/messages.server'
import { replyAddressFor } from '#app/domain/notifications/reply-address.server'
import { sendDueDigest } from '#app/domain/promises/digest.server'
import { getSettings, updateSetting } from '#app/domain/settings/settings.server'
import { addInternalNote } from '#app/domain/triage/triage.server'
import { publishUpdate, saveUpdate, setLinkedIdea } from '#app/domain/updates/updates.server'
import { castVote } from '#app/domain/votes/votes.server'
import { resetEnvCache } from '#app/utils/env.server'
import { formatDateTime } from '#app/utils/i18n/i18n'

export type Recipient = Awaited<ReturnType<typeof createTestUser>>

/** The back office's support address, set: the emails that tell people to write give it. */
async function withSupportAddress() {
  const address = 'appeals@shop.example'
  await updateSetting({ key: 'supportEmail', value: address, actorId: null })
  return address
}

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
    const support = await withSupportAddress()
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const reason = `Posting the same advert again ${unique('s')}`
    expect(await suspendPerson({ actor: moderator, userId: person.id, days: 7, reason })).toEqual({
      ok: true,
      toldByEmail: true,
    })
    const [row] = await db()
      .select({ until: users.suspendedUntil, locale: users.locale })
      .from(users)
      .where(eq(users.id, person.id))
    const { timeZone } = await getSettings()
    // …and where to write to appeal.
    return { content: [reason, formatDateTime(row!.locale, row!.until!, timeZone), support] }
  },
  'account-reinstated': async (person) => {
    // A moderator bans the person, then lifts the ban: the email says they can sign in again.
    const support = await withSupportAddress()
    const moderator = await createTestUser({ role: 'moderator', password: null })
    expect(
      await suspendPerson({ actor: moderator, userId: person.id, days: null, reason: 'Spam' }),
    ).toEqual({ ok: true, toldByEmail: true })
    expect(await liftSuspension({ actor: moderator, userId: person.id })).toEqual({
      ok: true,
      toldByEmail: true,
    })
    return { content: [person.email, support] }
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

/** `content` is shown in the email and in the app; `inEmail` only in the email; `inText` only in its plain-text part. */
export type EmailEvent = {
  recipient: Recipient
  subject: string[]
  content: string[]
  inEmail?: string[]
  inText?: string[]
  why?: string
}

async function statusId(slug: string) {
  const [status] = await db()
    .select({ id: statuses.id })
    .from(statuses)
    .where(eq(statuses.slug, slug))
  return status!.id
}

export const staff = (role: 'moderator' | 'marketer' | 'admin') =>
  createTestUser({ role, password: null })

/** Whom an event is for: this person (to cause it again for them), else a new one reading `locale`. */
export type EventFor = { recipient?: Recipient; locale?: Locale }

const personFor = ({ recipient, locale = 'en' }: EventFor, role: Role = 'customer') =>
  recipient ? Promise.resolve(recipient) : createTestUser({ role, password: null, locale })

/**
 * How each notification comes about: the domain command that really causes it, for the person given
 * or a new one, and what it must carry. A new notification type fails to compile here until it is added.
 */
export const notificationEvents = {
  received: async (options: EventFor = {}) => {
    const author = await personFor(options)
    const title = `Refill stations ${unique('r')}`
    const description = `Bring your own bottle ${unique('d')}`
    const markdown = `${description}\n\n> *Cold* water, **free**`
    const category = await findCategory()
    const posted = await postIdea({
      actor: author,
      input: { title, description: markdown, kind: 'product', categoryId: category.id },
    })
    expect(posted.ok).toBe(true)
    // The promised first answer's date (a working day, in the site's time zone) is in the email.
    return {
      recipient: author,
      subject: [title],
      content: [description],
      inEmail: ['You can expect a first answer by'],
      inText: ['Cold water, free'],
    }
  },
  comment: async (options: EventFor = {}) => {
    const [follower, writer, idea] = await Promise.all([
      personFor(options),
      createTestUser({ password: null }),
      createTestIdea(),
    ])
    await follow({ userId: follower.id, ideaId: idea.id })
    const marker = unique('c')
    expect(
      (
        await postComment({
          actor: writer,
          ideaId: idea.id,
          body: `Yes please, with *oat milk* ${marker}`,
        })
      ).ok,
    ).toBe(true)
    return {
      recipient: follower,
      subject: [idea.title, writer.displayName],
      content: ['Yes please, with', marker],
    }
  },
  reply: async (options: EventFor = {}) => {
    const [first, second, idea] = await Promise.all([
      personFor(options),
      createTestUser({ password: null }),
      createTestIdea(),
    ])
    const parent = await postComment({
      actor: first,
      ideaId: idea.id,
      // Its own words: the same comment twice in a row is refused as a repeat.
      body: `Who else wants this? ${unique('p')}`,
    })
    if (!parent.ok) throw new Error('comment refused')
    const body = `Me too ${unique('reply')}`
    expect(
      (
        await postComment({
          actor: second,
          ideaId: idea.id,
          body: `${body}, see [your notifications](/notifications) and:\n\n- **hot**\n- cold`,
          parentId: parent.commentId,
        })
      ).ok,
    ).toBe(true)
    return {
      recipient: first,
      subject: [idea.title, second.displayName],
      content: [body],
      inText: ['your notifications (http', '- hot\n- cold'],
    }
  },
  status: async (options: EventFor = {}) => {
    const [voter, moderator, idea] = await Promise.all([
      personFor(options),
      staff('moderator'),
      createTestIdea(),
    ])
    expect((await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })).ok).toBe(true)
    const marker = unique('a')
    const changed = await changeStatus({
      actor: moderator,
      ideaIds: [idea.id],
      statusId: await statusId('planned'),
      response: `We start on this in **spring** ${marker}`,
    })
    expect(changed.ok).toBe(true)
    return {
      recipient: voter,
      subject: [idea.title, 'Planned'],
      content: ['We start on this in', marker],
    }
  },
  response: async (options: EventFor = {}) => {
    const [author, moderator] = await Promise.all([personFor(options), staff('moderator')])
    const idea = await createTestIdea({ authorId: author.id })
    const answer = `Thanks, we are looking into it ${unique('a')}`
    expect(
      (
        await postOfficialResponse({
          actor: moderator,
          ideaId: idea.id,
          response: `${answer}\n\n## Next\n\n1. _taste_ it\n2. \`ship\` it`,
        })
      ).ok,
    ).toBe(true)
    return {
      recipient: author,
      subject: [idea.title],
      content: [answer],
      inText: ['1. taste it\n2. ship it'],
    }
  },
  update: async ({
    title = `Honey syrup is here ${unique('u')}`,
    ...options
  }: EventFor & { title?: string } = {}) => {
    const [voter, marketer, idea] = await Promise.all([
      personFor(options),
      staff('marketer'),
      createTestIdea({ statusSlug: 'planned' }),
    ])
    expect((await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })).ok).toBe(true)
    const summary = `From Monday in every shop ${unique('s')}`
    const saved = await saveUpdate({ actor: marketer, title, summary, body: 'The long story.' })
    if (!saved.ok) throw new Error('update refused')
    expect(
      (await setLinkedIdea({ actor: marketer, updateId: saved.id, ideaId: idea.id, linked: true }))
        .ok,
    ).toBe(true)
    expect((await publishUpdate({ actor: marketer, id: saved.id })).ok).toBe(true)
    return { recipient: voter, subject: [title], content: [summary] }
  },
  mention: async (options: EventFor = {}) => {
    const [writer, colleague, idea] = await Promise.all([
      staff('moderator'),
      personFor(options, 'admin'),
      createTestIdea(),
    ])
    const note = `@${colleague.handle} can you check the supplier? ${unique('n')} It is **urgent**.`
    expect((await addInternalNote({ actor: writer, ideaId: idea.id, body: note })).ok).toBe(true)
    return {
      recipient: colleague,
      subject: [idea.title, writer.displayName],
      content: [note.split(' ').slice(1, -2).join(' ')],
      inText: ['It is urgent.'],
      why: `${writer.displayName} mentioned you`,
    }
  },
  hidden: async (options: EventFor = {}) => {
    const [author, moderator] = await Promise.all([personFor(options), staff('moderator')])
    const idea = await createTestIdea({ authorId: author.id })
    const reason = `Personal details in the text ${unique('h')}`
    expect((await hideContent({ actor: moderator, target: { ideaId: idea.id }, reason })).ok).toBe(
      true,
    )
    return { recipient: author, subject: [idea.title], content: [reason] }
  },
  // A moderator approves an idea held for approval: its author hears it is public now.
  approved: async (options: EventFor = {}) => {
    const [author, moderator] = await Promise.all([personFor(options), staff('moderator')])
    const idea = await createTestIdea({ authorId: author.id, heldReason: 'premoderation' })
    expect(await decideHeldIdea({ actor: moderator, ideaId: idea.id, approve: true })).toEqual({
      ok: true,
    })
    return {
      recipient: author,
      subject: [idea.title],
      content: [],
      inEmail: [author.locale === 'nl' ? 'keurde het goed' : 'approved it'],
    }
  },
  'vote-received': async ({ recipient, locale = 'en' }: EventFor = {}) => {
    // An agent adds a caller's vote to an idea under review. The vote is the captured person's (found
    // or created by the address, decision 016), and so is the acknowledgement: the idea and its status.
    const customer = {
      email: recipient?.email ?? `${unique('caller')}@example.test`,
      name: '',
      phone: '',
      externalRef: '',
      channel: 'phone' as const,
    }
    const captured = await findOrCaptureCustomer({ customer })
    if (!recipient) await db().update(users).set({ locale }).where(eq(users.id, captured.id))
    const [agent, idea] = await Promise.all([
      createTestUser({ role: 'agent', password: null }),
      createTestIdea({
        title: `Voted for on the phone ${unique('v')}`,
        statusSlug: 'under-review',
      }),
    ])
    const voted = await captureVote({ actor: agent, customer, ideaId: idea.id })
    expect(voted).toMatchObject({ ok: true, customerId: captured.id, alreadyVoted: false })
    const [person] = await db().select().from(users).where(eq(users.id, captured.id))
    return {
      recipient: person!,
      subject: [idea.title],
      content: [],
      inEmail: [person!.locale === 'nl' ? 'In behandeling' : 'Under review'],
    }
  },
} satisfies Record<NotificationType, (options?: EventFor) => Promise<EmailEvent>>

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
