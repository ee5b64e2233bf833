// The intake console and inbound email through their routes, with real Requests: checking never
// files, a vote needs only the customer's details, and one message files one idea however often
// it is delivered.
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas, outbox, users, votes } from '#app/db/schema'
import { createTestIdea, createTestUser, findCategory, unique } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { createApiToken } from '#app/domain/api/api.server'
import { action as intakeAction, loader as intakeLoader } from '#app/routes/admin.intake'
import { action as inboundAction } from '#app/routes/api.v1.inbound.email'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

async function agentCookie() {
  const agent = await createTestUser({ role: 'agent', password: null })
  return cookieFrom((await startSession(agent.id)).cookie)
}

async function ideasTitled(title: string) {
  return db().select({ id: ideas.id }).from(ideas).where(eq(ideas.title, title))
}

const post = async (cookie: string, form: Record<string, string>, path = '/admin/intake') =>
  (await settle(() =>
    intakeAction({
      request: makeRequest({ path, method: 'POST', form, cookie }),
      params: {},
      context: makeContext(),
    }),
  )) as Response | { data: Record<string, unknown>; init: { status?: number } | null }

describe('the intake console', () => {
  it('searches for ideas to vote on whatever the address holds (control characters, NUL, broken encodings)', async () => {
    const cookie = await agentCookie()
    for (const q of ['\u0000', '\uFFFD\uFFFD\u0000\u00e0', '#\u0000 12', '   ', 'oat\u0007milk']) {
      const page = (await settle(() =>
        intakeLoader({
          request: makeRequest({ path: `/admin/intake?q=${encodeURIComponent(q)}`, cookie }),
          params: {},
          context: makeContext(),
        }),
      )) as { search: string }
      expect(page.search).not.toMatch(/[\u0000-\u001f]/)
    }
  })

  it.each<Record<string, string>>([{}, { intent: 'file' }, { intent: 'constructor' }])(
    'answers 400 on the form to the intent in %o',
    async (form) => {
      const answer = await post(await agentCookie(), { ...form, email: 'kept@example.test' })
      expect(answer).toMatchObject({
        data: { formError: 'error.badRequestText', values: { email: 'kept@example.test' } },
        init: { status: 400 },
      })
    },
  )

  it('checking for similar ideas never files, even when nothing matches; filing is its own step', async () => {
    const cookie = await agentCookie()
    const category = await findCategory({ kind: 'experience' })
    const title = `Zyxwvut ${unique('q')} quokka lanterns`
    const form = {
      email: `${unique('c')}@example.test`,
      name: 'Kim',
      phone: '',
      channel: 'store',
      externalRef: '',
      kind: 'experience',
      categoryId: String(category.id),
      title,
      description: 'Said at the till.',
    }

    const checked = await post(cookie, { ...form, intent: 'check' })
    expect(checked).not.toBeInstanceOf(Response)
    expect((checked as { data: Record<string, unknown> }).data).toMatchObject({
      checked: true,
      similar: [],
    })
    expect(await ideasTitled(title)).toHaveLength(0)

    const filed = await post(cookie, { ...form, intent: 'create' })
    expect(filed).toBeInstanceOf(Response)
    expect((filed as Response).status).toBe(303)
    expect(await ideasTitled(title)).toHaveLength(1)
  })

  it('files a double submit of the form once, both answered with the one idea', async () => {
    const cookie = await agentCookie()
    const page = await intakeLoader({
      request: makeRequest({ path: '/admin/intake', cookie }),
      params: {},
      context: makeContext(),
    })
    const category = await findCategory({ kind: 'product' })
    const title = `Twice ${unique('t')} pressed lids`
    const form = {
      intent: 'create',
      submissionKey: page.submissionKey,
      email: `${unique('c')}@example.test`,
      channel: 'phone',
      kind: 'product',
      categoryId: String(category.id),
      title,
      description: 'Said on the phone, filed with a double click.',
    }
    const answers = await Promise.all([post(cookie, form), post(cookie, form)])
    const locations = answers.map((answer) => (answer as Response).headers.get('Location'))
    expect(locations[0]).toMatch(/idea=\d+/)
    expect(locations[1]).toBe(locations[0])
    expect(await ideasTitled(title)).toHaveLength(1)
    // The next capture is opened with a new key.
    const next = await intakeLoader({
      request: makeRequest({ path: locations[0]!, cookie }),
      params: {},
      context: makeContext(),
    })
    expect(next.submissionKey).not.toBe(page.submissionKey)
  })

  it('keeps a category of another kind at the check, and says so beside it', async () => {
    const cookie = await agentCookie()
    const product = await findCategory({ kind: 'product' })
    const form = {
      intent: 'check',
      email: `${unique('c')}@example.test`,
      name: 'Kim',
      channel: 'store',
      kind: 'experience',
      categoryId: String(product.id),
      title: `Pastel ${unique('k')} napkins at the counter`,
      description: 'Said at the till.',
    }
    const checked = await post(cookie, form)
    expect(checked).toMatchObject({
      init: { status: 400 },
      data: {
        fieldErrors: { categoryId: ['intake.categoryOtherKind'] },
        values: { kind: 'experience', categoryId: String(product.id), title: form.title },
      },
    })
    expect((checked as { data: Record<string, unknown> }).data.checked).toBeUndefined()
    // A category that fits the kind passes the check.
    const experience = await findCategory({ kind: 'experience' })
    expect(await post(cookie, { ...form, categoryId: String(experience.id) })).toMatchObject({
      data: { checked: true },
    })
  })

  it('finds an idea by number or by title and adds the vote with only the customer’s contact details and channel', async () => {
    const cookie = await agentCookie()
    const word = `Quasar${Date.now()}`
    const idea = await createTestIdea({ title: `${word} seasonal cups` })
    const byNumber = await intakeLoader({
      request: makeRequest({ path: `/admin/intake?q=%23${idea.id}`, cookie }),
      params: {},
      context: makeContext(),
    })
    expect(byNumber.voteCandidates?.map((found) => found.id)).toEqual([idea.id])
    const byTitle = await intakeLoader({
      request: makeRequest({ path: `/admin/intake?q=${word}%20seasonal%20cups`, cookie }),
      params: {},
      context: makeContext(),
    })
    expect(byTitle.voteCandidates?.map((found) => found.id)).toContain(idea.id)

    const email = `${unique('v')}@example.test`
    const missing = await post(cookie, {
      voteFor: String(idea.id),
      email,
      name: '',
      phone: '',
      externalRef: '',
    })
    expect(
      (missing as { data: Record<string, unknown>; init: { status?: number } }).init.status,
    ).toBe(400)
    expect((missing as { data: Record<string, unknown> }).data).toMatchObject({
      fieldErrors: { channel: ['intake.channelRequired'] },
    })

    // The vote buttons send the whole form: what the agent began to type about an idea is ignored.
    const voted = await post(cookie, {
      voteFor: String(idea.id),
      email,
      name: 'Noor',
      phone: '',
      channel: 'phone',
      externalRef: '',
      kind: 'product',
      categoryId: '',
      title: 'Half typed',
      description: '',
    })
    expect((voted as Response).status).toBe(303)
    const [person] = await db().select({ id: users.id }).from(users).where(eq(users.email, email))
    const [vote] = await db()
      .select()
      .from(votes)
      .where(and(eq(votes.ideaId, idea.id), eq(votes.userId, person!.id)))
    expect(vote).toMatchObject({ channel: 'phone' })
  })
  it('searches with a button of the capture form: everything typed comes back, with the ideas found', async () => {
    const cookie = await agentCookie()
    const word = `Nebula${Date.now()}`
    const idea = await createTestIdea({ title: `${word} refill cups` })
    const typed = {
      email: `${unique('c')}@example.test`,
      name: 'Sam Caller',
      phone: '+31 20 123 4567',
      channel: 'social',
      network: 'instagram',
      externalRef: 'https://example.test/post/1',
      kind: 'product',
      categoryId: '',
      title: 'Half typed',
      description: 'Begun before the search.',
      submissionKey: crypto.randomUUID(),
    }
    const found = await post(cookie, { ...typed, q: `${word} refill`, intent: 'find' })
    expect(found).not.toBeInstanceOf(Response)
    const answer = found as { data: Record<string, unknown>; init: { status?: number } | null }
    expect(answer.init?.status ?? 200).toBe(200)
    expect(answer.data).toMatchObject({
      fieldErrors: {},
      values: { ...typed, q: `${word} refill` },
      search: `${word} refill`,
    })
    expect((answer.data.voteCandidates as { id: number }[]).map((each) => each.id)).toContain(
      idea.id,
    )
    // Nothing was filed by searching.
    expect(await ideasTitled('Half typed')).toHaveLength(0)
  })

  it('keeps the ideas found beside a vote that was refused, and the search beside a check', async () => {
    const cookie = await agentCookie()
    const word = `Pulsar${Date.now()}`
    const idea = await createTestIdea({ title: `${word} oat milk` })
    const refused = await post(cookie, {
      voteFor: String(idea.id),
      q: `#${idea.id}`,
      email: `${unique('c')}@example.test`,
      name: 'Kim',
      channel: '',
    })
    expect(refused).toMatchObject({
      init: { status: 400 },
      data: { fieldErrors: { channel: ['intake.channelRequired'] }, search: `#${idea.id}` },
    })
    const candidates = (refused as { data: Record<string, unknown> }).data.voteCandidates as {
      id: number
    }[]
    expect(candidates.map((each) => each.id)).toEqual([idea.id])
    const checked = await post(cookie, { intent: 'check', q: `#${idea.id}`, email: 'a@b.test' })
    expect(checked).toMatchObject({ init: { status: 400 }, data: { search: `#${idea.id}` } })
  })

  it('shows a closed idea the search found with its status, and refuses a vote posted for it beside it', async () => {
    const cookie = await agentCookie()
    const declined = await createTestIdea({
      title: `Comet${Date.now()} paper straws`,
      statusSlug: 'declined',
    })
    const page = await intakeLoader({
      request: makeRequest({ path: `/admin/intake?q=%23${declined.id}`, cookie }),
      params: {},
      context: makeContext(),
    })
    expect(page.voteCandidates).toEqual([
      expect.objectContaining({ id: declined.id, statusSlug: 'declined', voteRefusal: 'closed' }),
    ])
    // The page offers no vote for it; a vote posted all the same is refused by the vote rule.
    const email = `${unique('c')}@example.test`
    const refused = await post(cookie, {
      voteFor: String(declined.id),
      q: `#${declined.id}`,
      email,
      name: 'Kim',
      phone: '',
      channel: 'phone',
      externalRef: '',
    })
    expect(refused).toMatchObject({
      init: { status: 409 },
      data: {
        fieldErrors: { voteFor: ['intake.error.closed'] },
        values: { email, voteFor: String(declined.id) },
        voteCandidates: [expect.objectContaining({ id: declined.id, voteRefusal: 'closed' })],
      },
    })
    expect((refused as { data: Record<string, unknown> }).data.formError).toBeUndefined()
    expect(await db().select().from(votes).where(eq(votes.ideaId, declined.id))).toHaveLength(1) // the author's own
  })

  // Without JavaScript, Enter in any field presses the form's first button, `enter`: a form has one.
  it('Enter runs a search typed since the ideas shown were found, and otherwise the check', async () => {
    const cookie = await agentCookie()
    const word = `Quasar${Date.now()}`
    const idea = await createTestIdea({ title: `${word} refill cups` })
    const typed = { email: `${unique('c')}@example.test`, name: 'Kim', title: 'Half typed' }
    const enter = (fields: Record<string, string>) =>
      post(cookie, { ...typed, intent: 'enter', ...fields })
    for (const searched of [undefined, '', `${word} lids`]) {
      const found = await enter({
        q: `${word} refill`,
        ...(searched === undefined ? {} : { searched }),
      })
      expect(found, `searched ${searched}`).toMatchObject({
        data: { fieldErrors: {}, values: { ...typed, q: `${word} refill` } },
      })
      expect((found as { init: { status?: number } | null }).init?.status ?? 200).toBe(200)
      const candidates = (found as { data: Record<string, unknown> }).data.voteCandidates
      expect((candidates as { id: number }[]).map((each) => each.id)).toContain(idea.id)
      expect((found as { data: Record<string, unknown> }).data.checked).toBeUndefined()
    }
    // The search as it ran (spaces around it do not count): Enter checks the idea.
    const checked = await enter({ q: `  ${word} refill `, searched: `${word} refill` })
    expect(checked).toMatchObject({
      init: { status: 400 },
      data: { fieldErrors: { kind: expect.any(Array) }, search: `${word} refill` },
    })
    // No search at all: Enter checks, and never files.
    const complete = await enter({
      q: '',
      searched: '',
      phone: '',
      channel: 'store',
      externalRef: '',
      kind: 'experience',
      categoryId: String((await findCategory({ kind: 'experience' })).id),
      title: `Zyxwvut ${unique('e')} quokka lanterns`,
      description: 'Said at the till.',
    })
    expect(complete).toMatchObject({ data: { checked: true } })
    expect(await ideasTitled('Half typed')).toHaveLength(0)
  })
})

describe('inbound email, once per message', () => {
  async function deliver(raw: string, token: string) {
    const request = new Request('http://localhost/api/v1/inbound/email', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'message/rfc822' },
      body: raw,
    })
    const response = (await settle(() =>
      inboundAction({ request, params: {}, context: makeContext() }),
    )) as Response
    return {
      status: response.status,
      body: (await response.json()) as { ideaId: number; customerId: number },
    }
  }

  async function token() {
    const admin = await createTestUser({ role: 'admin', password: null })
    const created = await createApiToken({
      actor: admin,
      name: 'Mail provider',
      scopes: ['inbound:email'],
    })
    if (!created.ok) throw new Error('no token')
    return created.token
  }

  const message = (sender: string, headers: string[]) =>
    [
      `From: "Sam Sender" <${sender}>`,
      'To: ideas@brewhaven.test',
      'Subject: Refill stations for water bottles',
      ...headers,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Please add refill stations.',
    ].join('\r\n')

  async function queuedFor(customerId: number) {
    const [row] = await db()
      .select({ count: sql<number>`count(*)::int` })
      .from(outbox)
      .where(eq(outbox.userId, customerId))
    return Number(row!.count)
  }

  it('the same Message-ID delivered twice files one idea and one acknowledgement, and answers the same idea', async () => {
    const key = await token()
    const raw = message(`${unique('s')}@example.test`, [
      `Message-ID: <${unique('m')}@mail.example.test>`,
    ])
    const first = await deliver(raw, key)
    expect(first.status).toBe(201)
    const queued = await queuedFor(first.body.customerId)
    // A second delivery, even with other headers added by the provider (same Message-ID).
    const second = await deliver(raw.replace('To: ideas', 'X-Retry: 1\r\nTo: ideas'), key)
    expect(second).toEqual(first)
    expect(await queuedFor(first.body.customerId)).toBe(queued)
    const [count] = await db()
      .select({ count: sql<number>`count(*)::int` })
      .from(ideas)
      .where(eq(ideas.authorId, first.body.customerId))
    expect(Number(count!.count)).toBe(1)
  })

  it('a retry of a message without a Message-ID (the same bytes) files once; concurrent deliveries too', async () => {
    const key = await token()
    const raw = message(`${unique('s')}@example.test`, [`X-Unique: ${unique('u')}`])
    const [a, b] = await Promise.all([deliver(raw, key), deliver(raw, key)])
    const c = await deliver(raw, key)
    expect(b.body).toEqual(a.body)
    expect(c.body).toEqual(a.body)
    const [count] = await db()
      .select({ count: sql<number>`count(*)::int` })
      .from(ideas)
      .where(eq(ideas.authorId, a.body.customerId))
    expect(Number(count!.count)).toBe(1)
  })
})
