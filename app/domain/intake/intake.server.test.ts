// Capturing ideas for customers across channels, and the customer taking their history over.
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#app/db/db.server'
import { ideas, notifications, outbox, users, votes } from '#app/db/schema'
import { createTestIdea, createTestUser, getIdeaRow } from '#tests/factories'
import { captureIdea, captureVote, claimCapturedHistory } from './intake.server'

const customer = (email: string) => ({ email, name: 'Pim Phone', phone: '+31 6 1234 5678', channel: 'phone' as const, network: undefined, externalRef: 'CALL-2231' })
const idea = { kind: 'product' as const, categoryId: 1, title: 'Decaf after 4 pm by default', description: 'Said on the phone.' }

describe('staff intake', () => {
  it('files the idea for a new, unclaimed customer with its channel, and acknowledges them by email', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const email = `pim-${Date.now()}@example.test`
    const result = await captureIdea({ actor: agent, customer: customer(email), idea })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const row = await getIdeaRow(result.ideaId)
    expect(row).toMatchObject({ channel: 'phone', externalRef: 'CALL-2231', authorId: result.customerId })
    expect(row!.firstResponseDueAt).toBeInstanceOf(Date)
    const [person] = await db().select().from(users).where(eq(users.id, result.customerId))
    expect(person!.unclaimedSince).toBeInstanceOf(Date)
    expect(person!.passwordHash).toBeNull()
    const [ack] = await db().select().from(notifications).where(and(eq(notifications.userId, result.customerId), eq(notifications.type, 'received')))
    expect(ack).toBeDefined()
    expect(await db().select().from(outbox).where(eq(outbox.notificationId, ack!.id))).toHaveLength(1)

    // The same customer again (another channel, another agent): one person, one history.
    const other = await createTestIdea()
    const vote = await captureVote({ actor: agent, customer: { ...customer(email.toUpperCase()), channel: 'store' }, ideaId: other.id })
    expect(vote).toMatchObject({ ok: true, customerId: result.customerId })
    const [given] = await db().select().from(votes).where(and(eq(votes.userId, result.customerId), eq(votes.ideaId, other.id)))
    expect(given!.channel).toBe('store')
  })

  it('refuses customers and marketers', async () => {
    for (const role of ['customer', 'marketer'] as const) {
      const person = await createTestUser({ role, password: null })
      expect(await captureIdea({ actor: person, customer: customer('x@example.test'), idea })).toEqual({ ok: false, error: 'forbidden' })
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

    await db().update(users).set({ emailVerifiedAt: sql`now()` }).where(eq(users.id, account.id))
    const [first, second] = await Promise.all([claimCapturedHistory({ userId: account.id }), claimCapturedHistory({ userId: account.id })])
    expect([first.claimed, second.claimed].sort()).toEqual([false, true])

    expect((await getIdeaRow(captured.ideaId))!.authorId).toBe(account.id)
    const accountVotes = await db().select().from(votes).where(eq(votes.userId, account.id))
    expect(accountVotes.map((vote) => vote.ideaId).sort()).toEqual([captured.ideaId, liked.id].sort())
    expect(await db().select().from(votes).where(eq(votes.userId, captured.customerId))).toHaveLength(0)
    expect((await db().select().from(notifications).where(eq(notifications.userId, account.id))).map((row) => row.type)).toContain('received')
    expect((await getIdeaRow(liked.id))!.upVotes).toBe(2)
    const [old] = await db().select().from(users).where(eq(users.id, captured.customerId))
    expect(old!.claimedById).toBe(account.id)
    expect(await db().select().from(ideas).where(eq(ideas.authorId, captured.customerId))).toHaveLength(0)
  })

  it('files ideas for a person who already has an account under their account', async () => {
    const agent = await createTestUser({ role: 'moderator', password: null })
    const member = await createTestUser({ password: null })
    const result = await captureIdea({ actor: agent, customer: customer(member.email), idea })
    expect(result).toMatchObject({ ok: true, customerId: member.id })
  })
})
