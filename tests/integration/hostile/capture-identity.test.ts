// Hostile input: every capture path (API ideas, API supporters, the agent's intake console for ideas
// and votes, inbound email) given the address of a registered customer or of a staff member. An
// address is no proof of identity: nothing is written as the account, nothing ever as staff, the
// answer does not tell whether the address has an account, and only the customer, signed in and
// following the link they were emailed, takes the captured idea or vote over, counted once.
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { comments, ideas, outbox, users, votes } from '#app/db/schema'
import { createTestIdea, createTestUser, getIdeaRow, unique } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { createApiToken } from '#app/domain/api/api.server'
import { captureClaimPayload, claimExpiry } from '#app/domain/intake/intake.rules'
import { sign } from '#app/domain/mail/secrets.server'
import { castVote } from '#app/domain/votes/votes.server'
import { action as intakeAction } from '#app/routes/admin.intake'
import { action as ideasAction } from '#app/routes/api.v1.ideas'
import { action as supportersAction } from '#app/routes/api.v1.ideas.$ideaId.supporters'
import { action as inboundAction } from '#app/routes/api.v1.inbound.email'
import { action as claimAction, loader as claimLoader } from '#app/routes/captured.$token'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

type Outcome = { status: number; shape: string; ideaId: number; customerId: number | null }
type Path = {
  name: string
  votes: boolean
  run: (email: string, ideaId: number) => Promise<Outcome>
}

async function apiToken(scope: 'ideas:write' | 'votes:write' | 'inbound:email') {
  const admin = await createTestUser({ role: 'admin', password: null })
  const created = await createApiToken({ actor: admin, name: 'Helpdesk', scopes: [scope] })
  if (!created.ok) throw new Error('no token')
  return created.token
}

async function signedIn(userId: number) {
  return cookieFrom((await startSession(userId)).cookie)
}

async function call(
  handler: (args: never) => Promise<unknown>,
  request: Request,
  params: Record<string, string> = {},
) {
  return settle(() => handler({ request, params, context: makeContext() } as never))
}

/** An API answer: its status and the names of its fields (the shape must not depend on the address). */
async function apiOutcome(result: unknown, ideaId?: number): Promise<Outcome> {
  if (!(result instanceof Response)) throw new Error('expected a Response')
  const body = (await result.json()) as Record<string, number>
  return {
    status: result.status,
    shape: Object.keys(body).sort().join(','),
    ideaId: ideaId ?? body.id ?? body.ideaId!,
    customerId: body.customerId ?? null,
  }
}

/** A console answer: a 303 to the page with the filed idea (and nothing about the customer). */
function consoleOutcome(result: unknown): Outcome {
  if (!(result instanceof Response)) throw new Error('expected a redirect')
  const location = new URL(result.headers.get('Location')!, 'http://localhost')
  return {
    status: result.status,
    shape: [...location.searchParams.keys()].sort().join(','),
    ideaId: Number(location.searchParams.get('idea')),
    customerId: null,
  }
}

const json = (token: string, body: unknown) => ({
  method: 'POST',
  headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})
const newIdea = {
  kind: 'product',
  categoryId: 1,
  title: 'Bigger lids for the venti cups',
  description: 'From a support ticket.',
}

const paths: Path[] = [
  {
    name: 'API ideas',
    votes: false,
    run: async (email) => {
      const body = {
        customer: { email, name: 'Hedda Helpdesk' },
        channel: 'chat',
        externalRef: 'ZD-4411',
        ...newIdea,
      }
      return apiOutcome(
        await call(
          ideasAction,
          new Request('http://localhost/api/v1/ideas', json(await apiToken('ideas:write'), body)),
        ),
      )
    },
  },
  {
    name: 'API supporters',
    votes: true,
    run: async (email, ideaId) => {
      const request = new Request(
        `http://localhost/api/v1/ideas/${ideaId}/supporters`,
        json(await apiToken('votes:write'), {
          customer: { email, name: 'Hedda' },
          channel: 'phone',
        }),
      )
      return apiOutcome(await call(supportersAction, request, { ideaId: String(ideaId) }), ideaId)
    },
  },
  {
    name: 'agent intake idea',
    votes: false,
    run: async (email) => {
      const agent = await createTestUser({
        role: 'agent',
        password: null,
        displayName: 'Sanne Store',
      })
      const form = {
        intent: 'create',
        email,
        name: 'Pim',
        phone: '',
        channel: 'store',
        externalRef: '',
        kind: 'product',
        categoryId: '1',
        title: newIdea.title,
        description: newIdea.description,
      }
      return consoleOutcome(
        await call(
          intakeAction,
          makeRequest({
            path: '/admin/intake',
            method: 'POST',
            form,
            cookie: await signedIn(agent.id),
          }),
        ),
      )
    },
  },
  {
    name: 'agent intake vote',
    votes: true,
    run: async (email, ideaId) => {
      const agent = await createTestUser({
        role: 'agent',
        password: null,
        displayName: 'Sanne Store',
      })
      const form = {
        voteFor: String(ideaId),
        email,
        name: 'Pim',
        phone: '',
        channel: 'store',
        externalRef: '',
      }
      return consoleOutcome(
        await call(
          intakeAction,
          makeRequest({
            path: '/admin/intake',
            method: 'POST',
            form,
            cookie: await signedIn(agent.id),
          }),
        ),
      )
    },
  },
  {
    name: 'inbound email',
    votes: false,
    run: async (email) => {
      const raw = [
        `From: "Forged Sender" <${email}>`,
        'To: ideas@brewhaven.test',
        'Subject: Bigger lids for the venti cups',
        `Message-ID: <${unique('m')}@example.test>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Please make the lids bigger.',
      ].join('\r\n')
      const request = new Request('http://localhost/api/v1/inbound/email', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${await apiToken('inbound:email')}`,
          'Content-Type': 'message/rfc822',
        },
        body: raw,
      })
      return apiOutcome(await call(inboundAction, request))
    },
  },
]

async function confirmationsTo(userId: number) {
  return db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.userId, userId), eq(outbox.kind, 'capture-confirm')))
}

/** The idea's counters agree with its vote rows. */
async function expectCountersTrue(ideaId: number) {
  const [row] = await db()
    .select({
      up: sql<number>`count(*) filter (where ${votes.value} = 1)::int`,
      down: sql<number>`count(*) filter (where ${votes.value} = -1)::int`,
    })
    .from(votes)
    .where(eq(votes.ideaId, ideaId))
  const idea = (await getIdeaRow(ideaId))!
  expect({ up: idea.upVotes, down: idea.downVotes }).toEqual({ up: row!.up, down: row!.down })
}

/** What the capture wrote: an idea's author, or the person behind the new vote. */
async function writtenBy(path: Path, outcome: Outcome, before: Set<number>) {
  if (!path.votes) return (await getIdeaRow(outcome.ideaId))!.authorId
  const voters = await db()
    .select({ userId: votes.userId })
    .from(votes)
    .where(eq(votes.ideaId, outcome.ideaId))
  const added = voters.map((vote) => vote.userId).filter((userId) => !before.has(userId))
  expect(added).toHaveLength(1)
  return added[0]!
}

async function votersOf(ideaId: number) {
  return new Set(
    (await db().select({ userId: votes.userId }).from(votes).where(eq(votes.ideaId, ideaId))).map(
      (vote) => vote.userId,
    ),
  )
}

describe.each(paths)('$name with a registered address', (path) => {
  it('writes as a captured person, answers as for any address, and the customer takes it over only by confirming while signed in', async () => {
    const customer = await createTestUser({ password: null })
    const target = await createTestIdea()
    // The customer had already voted on the idea themselves: after the claim it still counts once.
    expect((await castVote({ actor: customer, ideaId: target.id, direction: 'up' })).ok).toBe(true)
    const before = await votersOf(target.id)
    const upVotesBefore = (await getIdeaRow(target.id))!.upVotes

    const outcome = await path.run(customer.email.toUpperCase(), target.id)
    const stranger = await path.run(`${unique('nobody')}@example.test`, (await createTestIdea()).id)
    expect({ status: outcome.status, shape: outcome.shape }).toEqual({
      status: stranger.status,
      shape: stranger.shape,
    })
    expect(outcome.status).toBeLessThan(400)

    const writer = await writtenBy(path, outcome, before)
    expect(writer).not.toBe(customer.id)
    if (outcome.customerId !== null) expect(outcome.customerId).toBe(writer)
    const [captured] = await db().select().from(users).where(eq(users.id, writer))
    expect(captured).toMatchObject({
      email: customer.email.toLowerCase(),
      passwordHash: null,
      claimedById: null,
    })
    expect(captured!.unclaimedSince).toBeInstanceOf(Date)
    await expectCountersTrue(outcome.ideaId)

    const mails = await confirmationsTo(customer.id)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.toAddress).toBe(customer.email)
    const token = /\/captured\/(\S+)/.exec(mails[0]!.textBody ?? '')![1]!

    // Not signed in: sent to sign in and back. Signed in as someone else: refused, nothing moves.
    const signIn = (await call(claimLoader, makeRequest({ path: `/captured/${token}` }), {
      token,
    })) as Response
    expect(signIn.status).toBe(302)
    expect(signIn.headers.get('Location')).toBe(
      `/login?${new URLSearchParams({ redirectTo: `/captured/${token}` })}`,
    )
    const other = await createTestUser({ password: null })
    const refused = (await call(
      claimAction,
      makeRequest({
        path: `/captured/${token}`,
        method: 'POST',
        form: {},
        cookie: await signedIn(other.id),
      }),
      { token },
    )) as { init: { status: number } }
    expect(refused.init.status).toBe(403)
    expect(await writtenBy(path, outcome, before)).toBe(writer)

    const cookie = await signedIn(customer.id)
    const page = (await call(claimLoader, makeRequest({ path: `/captured/${token}`, cookie }), {
      token,
    })) as { ideas: { id: number }[]; votes: { id: number }[] }
    expect([...page.ideas, ...page.votes].map((idea) => idea.id)).toEqual([outcome.ideaId])
    const confirmed = (await call(
      claimAction,
      makeRequest({ path: `/captured/${token}`, method: 'POST', form: {}, cookie }),
      { token },
    )) as Response
    expect(confirmed.status).toBe(303)
    expect(confirmed.headers.get('Location')).toBe('/my/ideas?notice=captured.done')

    if (path.votes) {
      expect(await votersOf(target.id)).toEqual(before)
      expect((await getIdeaRow(target.id))!.upVotes).toBe(upVotesBefore)
    } else {
      expect((await getIdeaRow(outcome.ideaId))!.authorId).toBe(customer.id)
    }
    await expectCountersTrue(outcome.ideaId)
    expect(await db().select().from(votes).where(eq(votes.userId, writer))).toHaveLength(0)
    // A second use of the link finds nothing left to take.
    const again = (await call(
      claimAction,
      makeRequest({ path: `/captured/${token}`, method: 'POST', form: {}, cookie }),
      { token },
    )) as { init: { status: number } }
    expect(again.init.status).toBe(410)
  })

  it.each(['agent', 'moderator', 'admin'] as const)(
    'never writes as a %s, sends them no link, and refuses a link even if one were signed for them',
    async (role) => {
      const staff = await createTestUser({ role, password: null })
      await db()
        .update(users)
        .set({ emailVerifiedAt: sql`now()` })
        .where(eq(users.id, staff.id))
      const target = await createTestIdea()
      const before = await votersOf(target.id)
      const outcome = await path.run(staff.email, target.id)
      expect(outcome.status).toBeLessThan(400)
      const writer = await writtenBy(path, outcome, before)
      expect(writer).not.toBe(staff.id)
      expect(await confirmationsTo(staff.id)).toHaveLength(0)

      const token = await sign(
        captureClaimPayload({ capturedId: writer, accountId: staff.id, expiresAt: claimExpiry() }),
      )
      const refused = (await call(
        claimAction,
        makeRequest({
          path: `/captured/${token}`,
          method: 'POST',
          form: {},
          cookie: await signedIn(staff.id),
        }),
        { token },
      )) as { data: { refusal: string } }
      expect(refused.data.refusal).toBe('staff')

      expect(await db().select().from(ideas).where(eq(ideas.authorId, staff.id))).toHaveLength(0)
      expect(await db().select().from(votes).where(eq(votes.userId, staff.id))).toHaveLength(0)
      expect(
        await db().select().from(comments).where(eq(comments.authorId, staff.id)),
      ).toHaveLength(0)
      await expectCountersTrue(outcome.ideaId)
    },
  )
})

describe('the claim link', () => {
  it('answers 404 for a forged, broken or expired token, and never moves anything', async () => {
    const customer = await createTestUser({ password: null })
    const cookie = await signedIn(customer.id)
    const capturedId = (await createTestUser({ password: null })).id
    const expired = await sign(
      captureClaimPayload({
        capturedId,
        accountId: customer.id,
        expiresAt: new Date(Date.now() - 1000),
      }),
    )
    const otherKey = `${Buffer.from(captureClaimPayload({ capturedId, accountId: customer.id, expiresAt: claimExpiry() })).toString('base64url')}.${'A'.repeat(43)}`
    for (const token of [
      '\u0000',
      "'; drop table users; --",
      'a'.repeat(400),
      'x.y',
      '.',
      expired,
      otherKey,
    ]) {
      const page = await call(claimLoader, makeRequest({ path: '/captured/x', cookie }), { token })
      const post = await call(
        claimAction,
        makeRequest({ path: '/captured/x', method: 'POST', form: {}, cookie }),
        { token },
      )
      expect(page, JSON.stringify(token)).toMatchObject({ init: { status: 404 } })
      expect(post, JSON.stringify(token)).toMatchObject({ init: { status: 404 } })
    }
  })
})
