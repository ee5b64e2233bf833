// Opening a verification (or email-change) link confirms the address and takes over what staff
// captured for it in ONE transaction: if the claim fails, the link is not spent and still works.
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { outbox, users, votes } from '#app/db/schema'
import { createTestIdea, createTestUser, getIdeaRow, unique } from '#app/demo/factories.server'
import { signUp } from '#app/domain/accounts/accounts.server'
import { sendEmailChangeLinks } from '#app/domain/accounts/tokens.server'
import { action as confirmEmailAction } from '#app/routes/confirm-email.$token'
import { action as verifyEmailAction } from '#app/routes/verify-email.$token'
import { loader as donePageLoader } from '#app/routes/verify-email.done'
import { failWritesOnPurpose } from '#tests/setup/fail-on-purpose'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

import { captureIdea, captureVote, readConfirmationReceipt } from './intake.server'

const idea = {
  kind: 'product' as const,
  categoryId: 1,
  title: 'Oat milk in every store',
  description: 'Said in the store.',
}

async function captureFor(email: string) {
  const agent = await createTestUser({ role: 'agent', password: null })
  const captured = await captureIdea({
    actor: agent,
    customer: {
      email,
      name: 'Pim Store',
      phone: '',
      channel: 'store',
      network: undefined,
      externalRef: '',
    },
    idea,
  })
  if (!captured.ok) throw new Error('capture failed')
  return captured
}

async function linkIn(email: string, kind: 'verify-email' | 'change-email', path: string) {
  const [mail] = await db()
    .select({ textBody: outbox.textBody })
    .from(outbox)
    .where(and(eq(outbox.toAddress, email), eq(outbox.kind, kind)))
  const token = new RegExp(`/${path}/([\\w-]+)`).exec(mail?.textBody ?? '')?.[1]
  if (!token) throw new Error(`no ${path} link`)
  return token
}

/** Makes taking over this captured person fail (as a database error would), until the returned function runs. */
const breakClaimOf = (capturedId: number) =>
  failWritesOnPurpose({
    name: `fail_claim_${capturedId}`,
    event: 'update of claimed_by_id',
    table: 'users',
    when: `old.id = ${capturedId}`,
  })

describe('a confirmed address claims its captured history in the same transaction', () => {
  it('verification: a failed claim leaves the link unspent, and opening it again claims', async () => {
    const email = `${unique('verify-claim')}@example.com`
    const captured = await captureFor(email)
    // And a vote taken on the phone for the same address: the page after the link names both.
    const agent = await createTestUser({ role: 'agent', password: null })
    const liked = await createTestIdea()
    const voted = await captureVote({
      actor: agent,
      customer: { email, name: '', phone: '', channel: 'phone', externalRef: '' },
      ideaId: liked.id,
    })
    expect(voted).toMatchObject({ ok: true, customerId: captured.customerId })
    const capturedVotes = await db()
      .select({ ideaId: votes.ideaId })
      .from(votes)
      .where(eq(votes.userId, captured.customerId))
    expect(capturedVotes.map((vote) => vote.ideaId)).toContain(liked.id)
    expect(
      await signUp({
        input: { email, displayName: 'Pim', password: 'long enough password' },
        locale: 'en',
        clientIp: '198.18.7.1',
      }),
    ).toEqual({ ok: true })
    const token = await linkIn(email, 'verify-email', 'verify-email')
    const open = () =>
      settle(() =>
        verifyEmailAction({
          request: makeRequest({ path: `/verify-email/${token}`, method: 'POST', form: {} }),
          params: { token },
          context: makeContext(),
        }),
      )

    const repair = await breakClaimOf(captured.customerId)
    try {
      expect(await open()).toBeInstanceOf(Error)
    } finally {
      await repair()
    }
    const [account] = await db()
      .select()
      .from(users)
      .where(and(eq(users.email, email), sql`${users.unclaimedSince} is null`))
    expect(account!.emailVerifiedAt).toBeNull()
    expect((await getIdeaRow(captured.ideaId))!.authorId).toBe(captured.customerId)

    const answer = (await open()) as Response
    expect(answer.status).toBe(302)
    // The page it leads to tells the owner, now signed in, that the captured idea is theirs.
    const receipt = new URL(answer.headers.get('Location')!, 'http://localhost').searchParams.get(
      'receipt',
    )!
    expect(await readConfirmationReceipt({ receipt, viewerId: account!.id })).toMatchObject({
      claimedIdeas: 1,
      claimedVotes: capturedVotes.length,
    })
    // The page the link led to, for the browser it signed in: both counts, to say with their links.
    const cookie = answer.headers.getSetCookie().map(cookieFrom).join('; ')
    const page = await donePageLoader({
      request: makeRequest({ path: `/verify-email/done?receipt=${receipt}`, cookie }),
      params: {},
      context: makeContext(),
    })
    expect(page).toMatchObject({
      confirmed: true,
      claimedIdeas: 1,
      claimedVotes: capturedVotes.length,
    })
    expect((await getIdeaRow(captured.ideaId))!.authorId).toBe(account!.id)
  })

  it('email change: a failed claim leaves the address unchanged and the link unspent', async () => {
    const member = await createTestUser({ password: null })
    const newEmail = `${unique('change-claim')}@example.com`
    const captured = await captureFor(newEmail)
    await sendEmailChangeLinks({ userId: member.id, newEmail })
    const token = await linkIn(newEmail, 'change-email', 'confirm-email')
    const open = () =>
      settle(() =>
        confirmEmailAction({
          request: makeRequest({ path: `/confirm-email/${token}`, method: 'POST', form: {} }),
          params: { token },
          context: makeContext(),
        }),
      )

    const repair = await breakClaimOf(captured.customerId)
    try {
      expect(await open()).toBeInstanceOf(Error)
    } finally {
      await repair()
    }
    const [unchanged] = await db()
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, member.id))
    expect(unchanged!.email).toBe(member.email)

    expect(await open()).toMatchObject({ outcome: 'done' })
    expect((await getIdeaRow(captured.ideaId))!.authorId).toBe(member.id)
  })
})
