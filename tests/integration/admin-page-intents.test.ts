// The back office's smaller multi-button pages, called with real Requests: API tokens, webhooks, a
// person's page and the mailbox. Each intent runs its own command, an intent the page does not have
// answers 400 on the page, and a refusal lands on the form it came from.
import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { apiTokens, outbox, users, webhooks } from '#app/db/schema'
import { createTestUser, unique } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { createWebhook } from '#app/domain/webhooks/webhooks.server'
import { action as apiAction } from '#app/routes/admin.api'
import { action as mailAction } from '#app/routes/admin.mail'
import { action as personAction, loader as personLoader } from '#app/routes/admin.people.$userId'
import { action as webhooksAction } from '#app/routes/admin.webhooks'
import { cookieFrom, makeContext, settle, statusOf } from '#tests/setup/request'
import { scriptedNetwork } from '#tests/setup/webhook-network'

let admin: Awaited<ReturnType<typeof createTestUser>>
let cookie = ''

beforeAll(async () => {
  admin = await createTestUser({ role: 'admin', password: null })
  cookie = cookieFrom((await startSession(admin.id)).cookie)
})

/** A form post with repeated fields (checkboxes named alike), as a browser sends it. */
const post = (
  action: (args: never) => Promise<unknown>,
  path: string,
  fields: [string, string][],
  params: Record<string, string> = {},
  as = cookie,
) =>
  settle(() =>
    action({
      request: new Request(`http://localhost${path}`, {
        method: 'POST',
        headers: { Cookie: as, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      }),
      params,
      context: makeContext(),
    } as never),
  )

type Answer = { data: Record<string, unknown> }

describe('an intent the page does not have', () => {
  const pages = {
    '/admin/api': apiAction,
    '/admin/webhooks': webhooksAction,
    '/admin/mail': mailAction,
    '/admin/people/:userId': personAction,
  }
  const unknownIntents: [string, string][][] = [
    [],
    [['intent', 'nope']],
    [['intent', 'constructor']],
    [['intent', 'hasOwnProperty']],
  ]
  it.each(Object.entries(pages))('answers 400 on the page at %s', async (path, action) => {
    const person = await createTestUser({ password: null })
    for (const fields of unknownIntents) {
      const answer = await post(action, path.replace(':userId', String(person.id)), fields, {
        userId: String(person.id),
      })
      expect(statusOf(answer), JSON.stringify(fields)).toBe(400)
      expect(answer).toMatchObject({ data: { formError: 'error.badRequestText' } })
    }
  })
})

describe('API tokens (/admin/api)', () => {
  const tokensNamed = (name: string) =>
    db().select().from(apiTokens).where(eq(apiTokens.name, name))

  it('creates a token with the scopes checked (shown once), and revokes it', async () => {
    const name = unique('Helpdesk')
    const created = await post(apiAction, '/admin/api', [
      ['intent', 'create'],
      ['name', name],
      ['scope', 'ideas:write'],
      ['scope', 'votes:write'],
      ['scope', 'everything'],
    ])
    expect(statusOf(created)).toBe(200)
    expect((created as Answer).data.created).toMatch(/^ibx_/)
    const [row] = await tokensNamed(name)
    expect(row).toMatchObject({ scopes: ['ideas:write', 'votes:write'], revokedAt: null })

    const revoked = await post(apiAction, '/admin/api', [
      ['intent', 'revoke'],
      ['id', String(row!.id)],
    ])
    expect(statusOf(revoked)).toBe(200)
    expect((await tokensNamed(name))[0]!.revokedAt).not.toBeNull()
  })

  it('asks for a name and a known scope beside their fields, keeping what was typed', async () => {
    const none = await post(apiAction, '/admin/api', [
      ['intent', 'create'],
      ['name', ''],
      ['scope', 'everything'],
    ])
    expect(statusOf(none)).toBe(400)
    expect(none).toMatchObject({
      data: {
        fieldErrors: { name: ['validation.required'], scope: ['admin.api.scopeRequired'] },
      },
    })
    const name = unique('No scope')
    const noScope = await post(apiAction, '/admin/api', [
      ['intent', 'create'],
      ['name', name],
    ])
    expect(noScope).toMatchObject({
      data: { fieldErrors: { scope: ['admin.api.scopeRequired'] }, values: { name } },
    })
    expect(await tokensNamed(name)).toEqual([])
  })
})

describe('webhooks (/admin/webhooks)', () => {
  const saveHook = async () => {
    const url = `https://${unique('hooks').toLowerCase()}.example.test/in`
    const saved = await createWebhook({
      actor: admin,
      url,
      events: ['idea.created'],
      network: scriptedNetwork({ answers: [['93.184.216.34']] }).network,
    })
    if (!saved.ok) throw new Error('webhook not saved')
    return { url, id: saved.id }
  }
  const onHook = (intent: string, id: number | string, as = cookie) =>
    post(
      webhooksAction,
      '/admin/webhooks',
      [
        ['intent', intent],
        ['id', String(id)],
      ],
      {},
      as,
    )

  it('pauses and resumes a webhook, each by its own intent', async () => {
    const { id } = await saveHook()
    const activeOf = async () =>
      (await db().select().from(webhooks).where(eq(webhooks.id, id)))[0]!.active
    expect(statusOf(await onHook('disable', id))).toBe(200)
    expect(await activeOf()).toBe(false)
    expect(statusOf(await onHook('enable', id))).toBe(200)
    expect(await activeOf()).toBe(true)
  })

  it('sends a test and deletes a webhook, each by its own intent, with a notice after the redirect', async () => {
    const { url, id } = await saveHook()
    const tested = await onHook('test', id)
    expect(statusOf(tested)).toBe(303)
    expect((tested as Response).headers.get('Location')).toBe(
      '/admin/webhooks?notice=admin.webhooks.testSent',
    )
    const queued = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'webhook'), eq(outbox.toAddress, url)))
    expect(queued.map((row) => [row.subject, row.state])).toEqual([['ping', 'pending']])

    const deleted = await onHook('delete', id)
    expect(statusOf(deleted)).toBe(303)
    expect((deleted as Response).headers.get('Location')).toBe(
      '/admin/webhooks?notice=admin.webhooks.deleted',
    )
    expect(await db().select().from(webhooks).where(eq(webhooks.id, id))).toEqual([])
  })

  it('puts a refused test or delete on that webhook’s form', async () => {
    const { id } = await saveHook()
    await onHook('disable', id)
    const paused = await onHook('test', id)
    expect(statusOf(paused)).toBe(409)
    expect(paused).toMatchObject({
      data: { form: `test-${id}`, formError: 'admin.webhooks.error.paused' },
    })
    await onHook('delete', id)
    const gone = await onHook('delete', id)
    expect(statusOf(gone)).toBe(409)
    expect(gone).toMatchObject({
      data: { form: `delete-${id}`, formError: 'admin.webhooks.error.notFound' },
    })
    const noId = await onHook('test', 'first')
    expect(statusOf(noId)).toBe(400)
    expect(noId).toMatchObject({ data: { formError: 'error.badRequestText' } })
  })

  it('refuses a test or a delete from anyone but an admin', async () => {
    const { id } = await saveHook()
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const theirs = cookieFrom((await startSession(moderator.id)).cookie)
    for (const intent of ['test', 'delete'])
      expect(statusOf(await onHook(intent, id, theirs)), intent).toBe(403)
    expect(await db().select().from(webhooks).where(eq(webhooks.id, id))).toHaveLength(1)
    expect(
      await db()
        .select()
        .from(outbox)
        .where(sql`${outbox.headers}->>'X-Ideabox-Webhook' = ${String(id)}`),
    ).toEqual([])
  })

  it('asks for an event and refuses a private address beside their fields', async () => {
    const noEvent = await post(webhooksAction, '/admin/webhooks', [
      ['intent', 'create'],
      ['url', 'not an address'],
      ['event', 'idea.deleted'],
    ])
    expect(statusOf(noEvent)).toBe(400)
    expect(noEvent).toMatchObject({
      data: {
        fieldErrors: {
          url: ['admin.webhooks.urlInvalid'],
          event: ['admin.webhooks.eventRequired'],
        },
        values: { url: 'not an address' },
      },
    })
    const url = 'http://10.0.0.1/hook'
    const refused = await post(webhooksAction, '/admin/webhooks', [
      ['intent', 'create'],
      ['url', url],
      ['event', 'idea.created'],
      ['event', 'update.published'],
    ])
    expect(statusOf(refused)).toBe(400)
    expect(refused).toMatchObject({
      data: { fieldErrors: { url: ['admin.webhooks.urlPrivate'] }, values: { url } },
    })
    expect(await db().select().from(webhooks).where(eq(webhooks.url, url))).toEqual([])
  })
})

describe('a person’s page (/admin/people/:id)', () => {
  const send = (userId: number, fields: [string, string][]) =>
    post(personAction, `/admin/people/${userId}`, fields, { userId: String(userId) })

  it('suspends, lifts and changes the role, each by its own intent', async () => {
    const person = await createTestUser({ password: null })
    const row = async () => (await db().select().from(users).where(eq(users.id, person.id)))[0]!
    const suspended = await send(person.id, [
      ['intent', 'suspend'],
      ['days', '7'],
      ['reason', 'Intent test'],
    ])
    expect(statusOf(suspended)).toBe(303)
    expect((await row()).suspendedUntil).not.toBeNull()
    expect(statusOf(await send(person.id, [['intent', 'lift']]))).toBe(303)
    expect((await row()).suspendedUntil).toBeNull()
    expect(
      statusOf(
        await send(person.id, [
          ['intent', 'role'],
          ['role', 'agent'],
        ]),
      ),
    ).toBe(303)
    expect((await row()).role).toBe('agent')
  })

  it('says the person is told the reason by email, and tells them when suspended and when it is lifted', async () => {
    const person = await createTestUser({ password: null })
    const page = (await settle(() =>
      personLoader({
        request: new Request(`http://localhost/admin/people/${person.id}`, {
          headers: { Cookie: cookie },
        }),
        params: { userId: String(person.id) },
        context: makeContext(),
      }),
    )) as { person: { toldByEmail: boolean } }
    expect(page.person.toldByEmail).toBe(true)
    const reason = `Told by email ${unique('r')}`
    await send(person.id, [
      ['intent', 'suspend'],
      ['days', '30'],
      ['reason', reason],
    ])
    const told = await db()
      .select({ textBody: outbox.textBody })
      .from(outbox)
      .where(and(eq(outbox.userId, person.id), eq(outbox.kind, 'account-suspended')))
    expect(told).toHaveLength(1)
    expect(told[0]!.textBody).toContain(reason)
    // Lifting it tells them they can sign in again.
    expect(statusOf(await send(person.id, [['intent', 'lift']]))).toBe(303)
    const reinstated = await db()
      .select({ textBody: outbox.textBody })
      .from(outbox)
      .where(and(eq(outbox.userId, person.id), eq(outbox.kind, 'account-reinstated')))
    expect(reinstated).toHaveLength(1)
  })

  it('answers a bad form at its form, and a refusal above it', async () => {
    const person = await createTestUser({ password: null })
    const noReason = await send(person.id, [
      ['intent', 'suspend'],
      ['days', 'forever'],
      ['reason', ''],
    ])
    expect(statusOf(noReason)).toBe(400)
    expect(noReason).toMatchObject({
      data: {
        form: 'suspend',
        fieldErrors: { days: ['admin.durationRequired'], reason: ['admin.reasonRequired'] },
      },
    })
    // A role the page does not offer is no typing mistake: the form says the request was bad.
    const badRole = await send(person.id, [
      ['intent', 'role'],
      ['role', 'owner'],
    ])
    expect(statusOf(badRole)).toBe(400)
    expect(badRole).toMatchObject({ data: { form: 'role', formError: 'error.badRequestText' } })
    const self = await send(admin.id, [['intent', 'lift']])
    expect(statusOf(self)).toBe(409)
    expect(self).toMatchObject({ data: { form: 'lift', formError: 'admin.people.error.self' } })
  })
})

describe('the mailbox (/admin/mail)', () => {
  it('queues a test email, asks for an address beside its field, and retries failed email', async () => {
    const to = `${unique('test-mail')}@example.test`
    const bad = await post(mailAction, '/admin/mail', [
      ['intent', 'test'],
      ['to', 'nobody'],
    ])
    expect(statusOf(bad)).toBe(400)
    expect(bad).toMatchObject({ data: { fieldErrors: { to: ['validation.emailInvalid'] } } })
    const queued = await post(mailAction, '/admin/mail', [
      ['intent', 'test'],
      ['to', to],
    ])
    expect((queued as Response).headers.get('Location')).toBe(
      '/admin/mail?notice=admin.mail.testQueued',
    )
    const mailTo = () =>
      db()
        .select()
        .from(outbox)
        .where(and(eq(outbox.toAddress, to), eq(outbox.kind, 'test')))
    const [mail] = await mailTo()
    expect(mail).toBeDefined()
    await db().update(outbox).set({ state: 'failed', attempts: 5 }).where(eq(outbox.id, mail!.id))
    expect(statusOf(await post(mailAction, '/admin/mail', [['intent', 'retry']]))).toBe(303)
    expect((await mailTo())[0]).toMatchObject({ state: 'pending', attempts: 0 })
  })
})
