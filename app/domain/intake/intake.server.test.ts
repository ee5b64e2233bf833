// Capturing ideas for customers across channels, and the customer taking their history over.
import { and, eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import {
  auditLog,
  contributorPoints,
  follows,
  ideas,
  notifications,
  outbox,
  users,
  votes,
} from '#app/db/schema'
import { createTestIdea, createTestUser, getIdeaRow } from '#app/demo/factories.server'
import { listStatuses } from '#app/domain/ideas/ideas.server'
import { mergeIdeas } from '#app/domain/ideas/merging.server'
import { renderQueuedMessage } from '#app/domain/notifications/messages.server'
import { castVote } from '#app/domain/votes/votes.server'
import { publicBaseUrl } from '#app/utils/env.server'
import { ideaPath } from '#app/utils/idea-path'

import {
  captureIdea,
  captureVote,
  checkCapturedIdea,
  claimCapturedHistory,
  confirmCapturedClaim,
  findIdeasToVoteOn,
  getCapturedClaim,
} from './intake.server'

const customer = (email: string) => ({
  email,
  name: 'Pim Phone',
  phone: '+31 6 1234 5678',
  channel: 'phone' as const,
  network: undefined,
  externalRef: 'CALL-2231',
})
const idea = {
  kind: 'product' as const,
  categoryId: 1,
  title: 'Decaf after 4 pm by default',
  description: 'Said on the phone.',
}

describe('staff intake', () => {
  it('files the idea for a new, unclaimed customer with its channel, and acknowledges them by email', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const email = `pim-${Date.now()}@example.test`
    const result = await captureIdea({ actor: agent, customer: customer(email), idea })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const row = await getIdeaRow(result.ideaId)
    expect(row).toMatchObject({
      channel: 'phone',
      externalRef: 'CALL-2231',
      authorId: result.customerId,
    })
    expect(row!.firstResponseDueAt).toBeInstanceOf(Date)
    const [person] = await db().select().from(users).where(eq(users.id, result.customerId))
    expect(person!.unclaimedSince).toBeInstanceOf(Date)
    expect(person!.passwordHash).toBeNull()
    const [ack] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, result.customerId), eq(notifications.type, 'received')))
    expect(ack).toBeDefined()
    expect(await db().select().from(outbox).where(eq(outbox.notificationId, ack!.id))).toHaveLength(
      1,
    )

    // The same customer again (another channel, another agent): one person, one history.
    const other = await createTestIdea()
    const vote = await captureVote({
      actor: agent,
      customer: { ...customer(email.toUpperCase()), channel: 'store' },
      ideaId: other.id,
    })
    expect(vote).toMatchObject({ ok: true, customerId: result.customerId })
    const [given] = await db()
      .select()
      .from(votes)
      .where(and(eq(votes.userId, result.customerId), eq(votes.ideaId, other.id)))
    expect(given!.channel).toBe('store')
  })

  it('refuses customers and marketers', async () => {
    for (const role of ['customer', 'marketer'] as const) {
      const person = await createTestUser({ role, password: null })
      expect(
        await captureIdea({ actor: person, customer: customer('x@example.test'), idea }),
      ).toEqual({ ok: false, reason: 'forbidden' })
    }
  })

  it('hands the captured history to the account once, and only after the address is verified', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const email = `claim-${Date.now()}@example.test`
    const captured = await captureIdea({ actor: agent, customer: customer(email), idea })
    if (!captured.ok) throw new Error('capture failed')
    const liked = await createTestIdea()
    await captureVote({ actor: agent, customer: customer(email), ideaId: liked.id })

    // The customer signs up with the same address: a new account beside the captured person.
    const account = await createTestUser({ email, password: null })
    expect(account.id).not.toBe(captured.customerId)
    expect(await claimCapturedHistory({ userId: account.id })).toEqual({ claimed: false })
    expect((await getIdeaRow(captured.ideaId))!.authorId).toBe(captured.customerId)

    await db()
      .update(users)
      .set({ emailVerifiedAt: sql`now()` })
      .where(eq(users.id, account.id))
    const [first, second] = await Promise.all([
      claimCapturedHistory({ userId: account.id }),
      claimCapturedHistory({ userId: account.id }),
    ])
    expect([first.claimed, second.claimed].sort()).toEqual([false, true])

    expect((await getIdeaRow(captured.ideaId))!.authorId).toBe(account.id)
    const accountVotes = await db().select().from(votes).where(eq(votes.userId, account.id))
    expect(accountVotes.map((vote) => vote.ideaId).sort()).toEqual(
      [captured.ideaId, liked.id].sort(),
    )
    expect(
      await db().select().from(votes).where(eq(votes.userId, captured.customerId)),
    ).toHaveLength(0)
    expect(
      (await db().select().from(notifications).where(eq(notifications.userId, account.id))).map(
        (row) => row.type,
      ),
    ).toContain('received')
    expect((await getIdeaRow(liked.id))!.upVotes).toBe(2)
    const [old] = await db().select().from(users).where(eq(users.id, captured.customerId))
    expect(old!.claimedById).toBe(account.id)
    expect(
      await db().select().from(ideas).where(eq(ideas.authorId, captured.customerId)),
    ).toHaveLength(0)
  })

  it('files ideas for an address with an account as a separate captured person, and asks the account holder by email', async () => {
    const agent = await createTestUser({
      role: 'moderator',
      password: null,
      displayName: 'Sanne Store',
    })
    const member = await createTestUser({ password: null, locale: 'nl' })
    const result = await captureIdea({
      actor: agent,
      customer: { ...customer(member.email.toUpperCase()), channel: 'store' },
      idea,
    })
    if (!result.ok) throw new Error('capture failed')
    expect(result.customerId).not.toBe(member.id)
    expect((await getIdeaRow(result.ideaId))!.authorId).toBe(result.customerId)
    const [person] = await db().select().from(users).where(eq(users.id, result.customerId))
    expect(person).toMatchObject({
      email: member.email.toLowerCase(),
      passwordHash: null,
      claimedById: null,
    })
    expect(person!.unclaimedSince).toBeInstanceOf(Date)
    const [mail] = await confirmationsTo(member.id)
    expect(mail).toMatchObject({ toAddress: member.email })
    expect(mail!.textBody).toContain(
      'Sanne Store heeft het idee “Decaf after 4 pm by default” voor je vastgelegd (Winkel).',
    )
    expect(claimLink(mail!.textBody)).toMatch(/^[\w-]+\.[\w-]+$/)

    // A vote for the same address goes to the same captured person, and asks again about that vote.
    const other = await createTestIdea()
    const vote = await captureVote({
      actor: agent,
      customer: customer(member.email),
      ideaId: other.id,
      via: 'api',
    })
    expect(vote).toMatchObject({ ok: true, customerId: result.customerId })
    expect(await db().select().from(votes).where(eq(votes.userId, member.id))).toHaveLength(0)
    expect((await confirmationsTo(member.id)).map((row) => row.subject)).toContain(
      `Heb jij op “${other.title}” gestemd?`,
    )
  })

  it('never files as staff, never asks staff to confirm, and never lets staff claim by verification', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    for (const role of ['agent', 'moderator', 'marketer', 'admin'] as const) {
      const staff = await createTestUser({ role, password: null })
      await db()
        .update(users)
        .set({ emailVerifiedAt: sql`now()` })
        .where(eq(users.id, staff.id))
      const result = await captureIdea({ actor: agent, customer: customer(staff.email), idea })
      if (!result.ok) throw new Error('capture failed')
      expect(result.customerId).not.toBe(staff.id)
      const liked = await createTestIdea()
      await captureVote({ actor: agent, customer: customer(staff.email), ideaId: liked.id })
      expect(await confirmationsTo(staff.id)).toHaveLength(0)
      expect(await claimCapturedHistory({ userId: staff.id })).toEqual({ claimed: false })
      expect(await db().select().from(ideas).where(eq(ideas.authorId, staff.id))).toHaveLength(0)
      expect(await db().select().from(votes).where(eq(votes.userId, staff.id))).toHaveLength(0)
    }
  })

  it('moves what was captured to the account when its holder confirms through the link, counting their vote once', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const member = await createTestUser({ password: null })
    const liked = await createTestIdea()
    expect((await castVote({ actor: member, ideaId: liked.id, direction: 'up' })).ok).toBe(true)
    const before = (await getIdeaRow(liked.id))!.upVotes
    const captured = await captureIdea({ actor: agent, customer: customer(member.email), idea })
    if (!captured.ok) throw new Error('capture failed')
    await captureVote({ actor: agent, customer: customer(member.email), ideaId: liked.id })
    // Until confirmed, the captured vote is a second person's vote: the capture's answer must not
    // tell the agent that the address has an account that voted (decision 016).
    expect((await getIdeaRow(liked.id))!.upVotes).toBe(before + 1)
    const token = claimLink((await confirmationsTo(member.id))[0]!.textBody)

    const stranger = await createTestUser({ password: null })
    expect(await getCapturedClaim({ token, userId: stranger.id })).toEqual({
      ok: false,
      reason: 'notYours',
    })
    expect(await confirmCapturedClaim({ token, userId: stranger.id })).toEqual({
      ok: false,
      reason: 'notYours',
    })
    expect(await confirmCapturedClaim({ token: `${token}x`, userId: member.id })).toEqual({
      ok: false,
      reason: 'invalid',
    })
    expect(await getCapturedClaim({ token, userId: member.id })).toMatchObject({
      ok: true,
      ideas: [{ id: captured.ideaId }],
      votes: [{ id: liked.id }],
    })

    const [first, second] = await Promise.all([
      confirmCapturedClaim({ token, userId: member.id }),
      confirmCapturedClaim({ token, userId: member.id }),
    ])
    expect([first.ok, second.ok].sort()).toEqual([false, true])
    expect([first, second]).toContainEqual({ ok: false, reason: 'claimed' })
    expect((await getIdeaRow(captured.ideaId))!.authorId).toBe(member.id)
    expect((await getIdeaRow(liked.id))!.upVotes).toBe(before)
    expect((await getIdeaRow(captured.ideaId))!.upVotes).toBe(1)
    expect(
      (await db().select().from(votes).where(eq(votes.userId, member.id)))
        .map((row) => row.ideaId)
        .sort(),
    ).toEqual([captured.ideaId, liked.id].sort())
    expect(
      await db().select().from(votes).where(eq(votes.userId, captured.customerId)),
    ).toHaveLength(0)
  })

  it('refuses the link to a customer who became staff', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const member = await createTestUser({ password: null })
    const captured = await captureIdea({ actor: agent, customer: customer(member.email), idea })
    if (!captured.ok) throw new Error('capture failed')
    const token = claimLink((await confirmationsTo(member.id))[0]!.textBody)
    await db().update(users).set({ role: 'agent' }).where(eq(users.id, member.id))
    expect(await confirmCapturedClaim({ token, userId: member.id })).toEqual({
      ok: false,
      reason: 'staff',
    })
    expect((await getIdeaRow(captured.ideaId))!.authorId).toBe(captured.customerId)
  })
})

async function confirmationsTo(userId: number) {
  return db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.userId, userId), eq(outbox.kind, 'capture-confirm')))
    .orderBy(outbox.id)
}

/** The token of the "is it yours?" link in a confirmation email. */
function claimLink(text: string | null) {
  const match = /\/captured\/(\S+)/.exec(text ?? '')
  if (!match) throw new Error('no claim link')
  return match[1]!
}

describe('the same customer’s vote captured twice', () => {
  it('counts once, is audited once, and the second time says the customer already voted', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const liked = await createTestIdea()
    const email = `twice-${Date.now()}@example.test`
    const before = (await db().select().from(votes).where(eq(votes.ideaId, liked.id))).length
    const first = await captureVote({ actor: agent, customer: customer(email), ideaId: liked.id })
    expect(first).toMatchObject({ ok: true, alreadyVoted: false })
    const second = await captureVote({ actor: agent, customer: customer(email), ideaId: liked.id })
    expect(second).toMatchObject({ ok: true, alreadyVoted: true })
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'intake.vote'), eq(auditLog.targetId, liked.id)))
    expect(audited).toHaveLength(1)
    expect(await db().select().from(votes).where(eq(votes.ideaId, liked.id))).toHaveLength(
      before + 1,
    )
  })
  it('acknowledges a newly captured vote once, as a notification emailed in the customer’s language: the idea, its page and its status', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const liked = await createTestIdea({
      title: `Oat milk in every store ${Date.now()}`,
      statusSlug: 'under-review',
    })
    const email = `voted-${Date.now()}@example.test`
    // The emails of the customer's `vote-received` notifications, as they are sent.
    const acknowledgements = async (customerId: number) => {
      const queued = await db()
        .select({ id: outbox.id })
        .from(outbox)
        .innerJoin(notifications, eq(notifications.id, outbox.notificationId))
        .where(and(eq(notifications.userId, customerId), eq(notifications.type, 'vote-received')))
        .orderBy(outbox.id)
      return Promise.all(
        queued.map(async (row) => (await renderQueuedMessage({ outboxId: row.id }))!),
      )
    }
    const first = await captureVote({ actor: agent, customer: customer(email), ideaId: liked.id })
    if (!first.ok) throw new Error('not captured')
    const sent = await acknowledgements(first.customerId)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.to).toBe(email)
    expect(sent[0]!.subject).toContain(liked.title)
    expect(sent[0]!.text).toContain(liked.title)
    expect(sent[0]!.text).toContain(`${publicBaseUrl()}${ideaPath(liked)}`)
    expect(sent[0]!.text).toContain('Under review')
    // Voting made them follow the idea, which is what the email promises: they hear when it changes.
    expect(
      await db()
        .select()
        .from(follows)
        .where(and(eq(follows.userId, first.customerId), eq(follows.ideaId, liked.id))),
    ).toHaveLength(1)

    // Captured again: the vote stands and nothing more is sent.
    await captureVote({ actor: agent, customer: customer(email), ideaId: liked.id })
    expect(await acknowledgements(first.customerId)).toHaveLength(1)

    // In the customer's language: a Dutch customer's next vote is acknowledged in Dutch.
    await db().update(users).set({ locale: 'nl' }).where(eq(users.id, first.customerId))
    const other = await createTestIdea({
      title: `Haverdrank overal ${Date.now()}`,
      statusSlug: 'under-review',
    })
    await captureVote({ actor: agent, customer: customer(email), ideaId: other.id })
    const dutch = (await acknowledgements(first.customerId)).find((row) =>
      row.subject.includes(other.title),
    )
    expect(dutch?.text).toContain('In behandeling')
  })
})

describe('the customer’s language', () => {
  /** Every email queued for this address (to the captured person or to the account), as sent: their languages. */
  async function languagesSentTo(email: string) {
    const queued = await db()
      .select({ id: outbox.id })
      .from(outbox)
      .leftJoin(users, eq(users.id, outbox.userId))
      .where(sql`lower(coalesce(${outbox.toAddress}, ${users.email})) = ${email}`)
      .orderBy(outbox.id)
    const sent = await Promise.all(
      queued.map(async (row) => (await renderQueuedMessage({ outboxId: row.id }))!),
    )
    return sent.map((message) => {
      expect(message.to).toBe(email)
      return /<html lang="(\w+)"/.exec(message.html)?.[1]
    })
  }
  const dutchIdea = {
    ...idea,
    title: 'Graag soep van de dag',
    description: 'Ik wil graag elke dag een andere soep, want dat is lekker voor de lunch.',
  }
  const wordless = { ...idea, title: 'Oat milk XL', description: 'Oat milk, XL cups.' }

  it('writes every email to an address with a Dutch account in Dutch, whatever the agent chose', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const account = await createTestUser({ locale: 'nl' })
    const result = await captureIdea({
      actor: agent,
      customer: { ...customer(account.email), language: 'en' },
      idea,
      pageLocale: 'en',
    })
    if (!result.ok) throw new Error('not captured')
    const liked = await createTestIdea()
    await captureVote({
      actor: agent,
      customer: customer(account.email),
      ideaId: liked.id,
      pageLocale: 'en',
    })
    // One email for each capture (the confirmation, which acknowledges it too): both Dutch.
    expect(await languagesSentTo(account.email)).toEqual(['nl', 'nl'])
  })

  it('sends an address with an account one email per capture, saying the promised day, and keeps the acknowledgements in the app', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const account = await createTestUser({ locale: 'en' })
    const filed = await captureIdea({ actor: agent, customer: customer(account.email), idea })
    if (!filed.ok) throw new Error('not captured')
    const liked = await createTestIdea()
    await captureVote({ actor: agent, customer: customer(account.email), ideaId: liked.id })
    const sent = await db()
      .select({ id: outbox.id, kind: outbox.kind })
      .from(outbox)
      .where(sql`lower(coalesce(${outbox.toAddress}, '')) = ${account.email}`)
      .orderBy(outbox.id)
    expect(sent.map((row) => row.kind)).toEqual(['capture-confirm', 'capture-confirm'])
    const [ideaMail] = await Promise.all(
      sent.map(async (row) => (await renderQueuedMessage({ outboxId: row.id }))!),
    )
    const due = (await getIdeaRow(filed.ideaId))!.firstResponseDueAt!
    const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' })
    expect(ideaMail!.text).toContain(idea.title)
    expect(ideaMail!.text).toMatch(/You can expect a first answer by \w+day \d+ \w+\./)
    // The weekday named is the due date's, in the site's time zone (a day on either side of UTC).
    const named = /by (\w+day)/.exec(ideaMail!.text)![1]
    const around = [-1, 0, 1].map((days) => day.format(new Date(due.getTime() + days * 86_400_000)))
    expect(around).toContain(named)
    const inApp = await db()
      .select({ type: notifications.type })
      .from(notifications)
      .where(eq(notifications.userId, filed.customerId))
    expect(inApp.map((row) => row.type).sort()).toEqual(['received', 'vote-received'])
  })

  it('writes to a new customer in the language chosen, else the idea’s, else the agent’s page’s', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const cases = [
      { language: 'nl' as const, idea, pageLocale: 'en' as const, expected: 'nl' },
      { language: 'en' as const, idea: dutchIdea, pageLocale: 'nl' as const, expected: 'en' },
      { language: undefined, idea: dutchIdea, pageLocale: 'en' as const, expected: 'nl' },
      // Too few words to tell: the agent's page's language.
      { language: undefined, idea: wordless, pageLocale: 'nl' as const, expected: 'nl' },
      { language: undefined, idea: wordless, pageLocale: 'en' as const, expected: 'en' },
    ]
    for (const [index, { language, idea: filed, pageLocale, expected }] of cases.entries()) {
      const email = `language-${index}-${Date.now()}@example.test`
      const result = await captureIdea({
        actor: agent,
        customer: { ...customer(email), language },
        idea: filed,
        pageLocale,
      })
      expect(result.ok).toBe(true)
      expect({ index, languages: await languagesSentTo(email) }).toEqual({
        index,
        languages: [expected],
      })
    }
  })

  it('keeps a known customer’s language on Automatic, and changes it when the agent chooses another', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const email = `known-language-${Date.now()}@example.test`
    await captureIdea({
      actor: agent,
      customer: customer(email),
      idea: dutchIdea,
      pageLocale: 'en',
    })
    const [first, second, third] = await Promise.all(
      [1, 2, 3].map((n) => createTestIdea({ title: `Language vote ${n} ${Date.now()}` })),
    )
    expect(await languagesSentTo(email)).toEqual(['nl'])
    // An English page: still Dutch, as they were captured (each email is written as it is sent).
    await captureVote({
      actor: agent,
      customer: customer(email),
      ideaId: first!.id,
      pageLocale: 'en',
    })
    expect(await languagesSentTo(email)).toEqual(['nl', 'nl'])
    await captureVote({
      actor: agent,
      customer: { ...customer(email), language: 'en' },
      ideaId: second!.id,
      pageLocale: 'nl',
    })
    expect(await languagesSentTo(email)).toEqual(['nl', 'nl', 'en'])
    await captureVote({
      actor: agent,
      customer: customer(email),
      ideaId: third!.id,
      pageLocale: 'nl',
    })
    expect(await languagesSentTo(email)).toEqual(['nl', 'nl', 'en', 'en'])
  })
})

describe('the acknowledgement of a captured idea', () => {
  it('says our team recorded it for them and how to follow it, never that they posted it', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const email = `told-${Date.now()}@example.test`
    const filed = await captureIdea({ actor: agent, customer: customer(email), idea })
    if (!filed.ok) throw new Error('not captured')
    const [queued] = await db()
      .select({ id: outbox.id })
      .from(outbox)
      .innerJoin(notifications, eq(notifications.id, outbox.notificationId))
      .where(and(eq(notifications.userId, filed.customerId), eq(notifications.type, 'received')))
    const sent = (await renderQueuedMessage({ outboxId: queued!.id }))!
    expect(sent.to).toBe(email)
    expect(sent.text).toContain('our team recorded this idea for you')
    expect(sent.text).toContain('Sign up with this email address')
    expect(sent.text).not.toContain('because you posted this idea')
  })
})

describe('the same capture submitted twice', () => {
  /** What one capture adds for its customer: ideas, acknowledgements, audit rows and emails. */
  async function filedFor(customerId: number, accountId: number) {
    const filed = await db()
      .select({ id: ideas.id })
      .from(ideas)
      .where(eq(ideas.authorId, customerId))
    const acknowledged = await db()
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, customerId), eq(notifications.type, 'received')))
    const audited = await db()
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'intake.idea'),
          sql`${auditLog.targetId} in ${filed.length ? filed.map((row) => row.id) : [0]}`,
        ),
      )
    const emails = await db()
      .select({ kind: outbox.kind })
      .from(outbox)
      .where(
        sql`${outbox.notificationId} in ${acknowledged.length ? acknowledged.map((row) => row.id) : [0]}
            or (${outbox.userId} = ${accountId} and ${outbox.kind} = 'capture-confirm')`,
      )
    return {
      ideas: filed.length,
      acknowledgements: acknowledged.length,
      audited: audited.length,
      emails: emails.map((row) => row.kind).sort(),
    }
  }

  it('files one idea for two captures at once with the same key: one acknowledgement, one audit row, one email each', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    // An address with an account: the "is it yours?" email is sent once too.
    const member = await createTestUser({ password: null })
    const submissionKey = `intake-${Date.now()}-twice`
    const [first, second] = await Promise.all([
      captureIdea({ actor: agent, customer: customer(member.email), idea, submissionKey }),
      captureIdea({ actor: agent, customer: customer(member.email), idea, submissionKey }),
    ])
    if (!first.ok || !second.ok) throw new Error('capture failed')
    expect(second.ideaId).toBe(first.ideaId)
    expect(second.customerId).toBe(first.customerId)
    expect([first.duplicateSubmit, second.duplicateSubmit].filter(Boolean)).toHaveLength(1)
    // One email to the address: the confirmation, which is the acknowledgement too (kept in the app).
    expect(await filedFor(first.customerId, member.id)).toEqual({
      ideas: 1,
      acknowledgements: 1,
      audited: 1,
      emails: ['capture-confirm'],
    })

    // Sent again later (Back and submit): the same idea, nothing added.
    const again = await captureIdea({
      actor: agent,
      customer: customer(member.email),
      idea,
      submissionKey,
    })
    expect(again).toEqual({
      ok: true,
      ideaId: first.ideaId,
      customerId: first.customerId,
      duplicateSubmit: true,
    })
    expect((await filedFor(first.customerId, member.id)).ideas).toBe(1)
  })

  it('files two ideas for two captures at once with different keys', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const email = `keys-${Date.now()}@example.test`
    const [first, second] = await Promise.all(
      ['one', 'two'].map((key) =>
        captureIdea({
          actor: agent,
          customer: customer(email),
          idea,
          submissionKey: `intake-${Date.now()}-${key}`,
        }),
      ),
    )
    if (!first?.ok || !second?.ok) throw new Error('capture failed')
    expect(second.ideaId).not.toBe(first.ideaId)
    expect(await filedFor(first.customerId, 0)).toMatchObject({
      ideas: 2,
      acknowledgements: 2,
      audited: 2,
    })
  })
})

describe('closed ideas in the agent’s search', () => {
  // The agent on the phone tells the customer "this was built" or "this was declined": every status,
  // closed ones too, is found and labelled, and the label says what the vote rule will answer.
  it('finds an idea in every status by words and by number, labelled as the vote would be answered', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const email = `closed-${Date.now()}@example.test`
    for (const status of await listStatuses()) {
      const word = `Zephyr${Date.now()}${status.position}`
      const shown = await createTestIdea({ title: `${word} lanterns`, statusSlug: status.slug })
      const label = {
        id: shown.id,
        statusSlug: status.slug,
        statusNameEn: status.nameEn,
        statusNameNl: status.nameNl,
        voteRefusal: status.category === 'closed' ? 'closed' : null,
        mergedInto: null,
      }
      for (const query of [word, `#${shown.id}`])
        expect(await findIdeasToVoteOn({ query }), `${status.slug}: ${query}`).toEqual([
          expect.objectContaining(label),
        ])
      // The label is the vote rule's answer: the vote is added exactly where it says none is refused.
      const vote = await captureVote({ actor: agent, customer: customer(email), ideaId: shown.id })
      expect(vote, status.slug).toMatchObject(
        label.voteRefusal ? { ok: false, reason: label.voteRefusal } : { ok: true },
      )
    }
  })

  it('names the idea a duplicate was merged into, and whether that one takes the vote', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    const word = `Zephyr${Date.now()}`
    const original = await createTestIdea({ title: `${word} refill station` })
    const duplicate = await createTestIdea({ title: `${word} refill stations please` })
    expect(
      await mergeIdeas({ actor: admin, duplicateId: duplicate.id, originalId: original.id }),
    ).toMatchObject({ ok: true })
    const found = await findIdeasToVoteOn({ query: `#${duplicate.id}` })
    expect(found).toEqual([
      expect.objectContaining({
        id: duplicate.id,
        statusSlug: 'duplicate',
        voteRefusal: 'closed',
        mergedInto: {
          id: original.id,
          slug: original.slug,
          title: original.title,
          voteRefusal: null,
        },
      }),
    ])
    // The check before filing shows it too, beside the original.
    const checked = await checkCapturedIdea({
      idea: { kind: 'product', categoryId: original.categoryId!, title: `${word} refill` },
    })
    expect(checked.ok && checked.similar.map((idea) => idea.id).sort()).toEqual(
      [original.id, duplicate.id].sort(),
    )
  })
})

// One person, one vote, whatever the channel: the ballot an account casts itself replaces a vote an
// agent captured for its address, in any order of captures and the account's own ballots (up, down,
// taken back); the idea's counters and the author's points always equal what the rows say. (A
// capture after the account's own vote still adds the captured person's, until the claim counts
// them once: the capture's answer must not tell the agent the address has an account that voted.)
describe('a vote captured for an address whose account votes itself', () => {
  it('is replaced by the account’s own ballot, with counters and points as the rows say', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('capture', 'up', 'down', 'withdraw') as fc.Arbitrary<Step>, {
          minLength: 1,
          maxLength: 6,
        }),
        async (steps) => {
          const holder = await createTestUser({ password: null })
          const liked = await createTestIdea({ statusSlug: 'under-review' })
          for (const step of steps) {
            if (step === 'capture')
              expect(
                await captureVote({
                  actor: agent,
                  customer: customer(holder.email),
                  ideaId: liked.id,
                }),
              ).toMatchObject({ ok: true })
            else
              expect(
                await castVote({
                  actor: holder,
                  ideaId: liked.id,
                  direction: step === 'withdraw' ? 'none' : step,
                }),
              ).toMatchObject({ ok: true })
          }
          const rows = await db()
            .select({ value: votes.value, email: users.email, userId: votes.userId })
            .from(votes)
            .innerJoin(users, eq(users.id, votes.userId))
            .where(eq(votes.ideaId, liked.id))
          const theirs = rows.filter(
            (row) => row.email.toLowerCase() === holder.email.toLowerCase(),
          )
          const last = steps.at(-1)
          if (last === 'up' || last === 'down')
            expect(theirs.length, steps.join(' ')).toBeLessThanOrEqual(1)
          const row = await getIdeaRow(liked.id)
          const ups = rows.filter((vote) => vote.value === 1).length
          const downs = rows.filter((vote) => vote.value === -1).length
          expect(
            { up: row!.upVotes, down: row!.downVotes, score: row!.score },
            steps.join(' '),
          ).toEqual({
            up: ups,
            down: downs,
            score: ups - downs,
          })
          const [points] = await db()
            .select({ received: contributorPoints.votesReceived })
            .from(contributorPoints)
            .where(
              and(
                eq(contributorPoints.userId, liked.authorId),
                eq(contributorPoints.period, 'all'),
              ),
            )
          // The author's own up-vote (every idea starts with it) earns no points.
          const othersUp = rows.filter((vote) => vote.value === 1 && vote.userId !== liked.authorId)
          expect(points?.received ?? 0, steps.join(' ')).toBe(othersUp.length)
        },
      ),
      { numRuns: 15 },
    )
  })
})

type Step = 'capture' | 'up' | 'down' | 'withdraw'
