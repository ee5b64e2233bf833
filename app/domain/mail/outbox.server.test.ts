// Email against a real SMTP server started in this process: what arrives, what happens when the
// server refuses, that two workers never send the same message twice, and that claims left by a
// dead or stalled worker are taken over without losing or doubling a message.
import { eq, sql } from 'drizzle-orm'
import { simpleParser } from 'mailparser'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { follows, outbox } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { postComment } from '#app/domain/comments/comments.server'
import { renderQueuedMessage } from '#app/domain/notifications/messages.server'
import { readReplyToken } from '#app/domain/notifications/reply-address.server'
import { resetEnvCache } from '#app/utils/env.server'
import { passTheCommentEditWindow } from '#tests/setup/outbox'

import { MAX_SEND_ATTEMPTS } from './mail.rules'
import { claimDue, enqueueEmail, listMail, mailHealth, processOutbox } from './outbox.server'
import { smtpTransport, type Transport } from './transport.server'

type Received = { from: string; to: string[]; raw: string }

let server: SMTPServer
let port = 0
const received: Received[] = []
let refuseWith: { code: number; message: string } | null = null

beforeAll(async () => {
  const options: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()))
      stream.on('end', () => {
        if (refuseWith) {
          const error = Object.assign(new Error(refuseWith.message), {
            responseCode: refuseWith.code,
          })
          return callback(error)
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
        })
        callback()
      })
    },
  }
  server = new SMTPServer(options)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  port = (server.server.address() as { port: number }).port
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

beforeEach(async () => {
  received.length = 0
  refuseWith = null
  // Each test starts with an empty queue (other tests in this file leave messages behind).
  await db().delete(outbox)
})

const transport = () =>
  smtpTransport(`smtp://127.0.0.1:${port}?ignoreTLS=true`, 'Ideabox <no-reply@ideabox.test>')

describe('the outbox over SMTP', () => {
  it('delivers a notification email to the right person with subject and one-click unsubscribe', async () => {
    const follower = await createTestUser({
      password: null,
      email: `follower-${Date.now()}@example.test`,
    })
    const commenter = await createTestUser({ password: null, displayName: 'Cora Commenter' })
    const idea = await createTestIdea({ title: 'Oat milk for everyone' })
    await db().insert(follows).values({ ideaId: idea.id, userId: follower.id })
    await postComment({
      actor: commenter,
      ideaId: idea.id,
      body: 'Yes please, with *foam*. <img src=x onerror="alert(1)">',
    })
    // A comment's email waits for its edit window (docs/decisions/039).
    await passTheCommentEditWindow()

    const result = await processOutbox({
      renderMessage: renderQueuedMessage,
      transport: transport(),
    })
    expect(result.failed).toBe(0)
    const mine = received.filter((message) => message.to.includes(follower.email))
    expect(mine).toHaveLength(1)
    const parsed = await simpleParser(mine[0]!.raw)
    expect(parsed.subject).toBe('Cora Commenter commented on “Oat milk for everyone”')
    const header = (key: string) =>
      parsed.headerLines.find((line) => line.key === key)?.line.replace(/\r?\n\s+/g, ' ')
    expect(header('list-unsubscribe-post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    )
    expect(header('list-unsubscribe')).toMatch(
      /^List-Unsubscribe: <http:\/\/localhost:\d+\/api\/unsubscribe\?token=[^>]+>$/,
    )
    // The plain-text part reads as the site shows it: no Markdown syntax, no raw HTML.
    expect(parsed.text).toContain('Yes please, with foam.')
    expect(parsed.text).not.toContain('*foam*')
    expect(parsed.text).not.toContain('onerror')
    expect(parsed.html).toContain('Oat milk for everyone')
    // What a person typed is Markdown through the one door (utils/markdown.server.ts): rendered, and raw HTML dropped.
    expect(parsed.html).toContain('<em>foam</em>')
    expect(parsed.html).not.toContain('onerror')
    const [row] = await db().select().from(outbox).where(eq(outbox.userId, follower.id))
    expect(row).toMatchObject({ state: 'sent', deliveredVia: 'smtp', attempts: 1 })
  })

  it('a notification about an idea, with INBOUND_EMAIL_DOMAIN set, arrives with one Reply-To: the signed reply address', async () => {
    process.env.INBOUND_EMAIL_DOMAIN = 'reply.example.test'
    resetEnvCache()
    try {
      const follower = await createTestUser({
        password: null,
        email: `replier-${Date.now()}@example.test`,
      })
      const commenter = await createTestUser({ password: null })
      const idea = await createTestIdea()
      await db().insert(follows).values({ ideaId: idea.id, userId: follower.id })
      await postComment({ actor: commenter, ideaId: idea.id, body: 'Who wants to try it first?' })
      await passTheCommentEditWindow()
      expect(
        (await processOutbox({ renderMessage: renderQueuedMessage, transport: transport() }))
          .failed,
      ).toBe(0)
      const parsed = await simpleParser(
        received.find((message) => message.to.includes(follower.email))!.raw,
      )
      const replyTo = parsed.headerLines.filter((line) => line.key === 'reply-to')
      expect(replyTo).toHaveLength(1)
      const address = parsed.replyTo?.value[0]?.address ?? ''
      expect(address).toMatch(/^reply\+[0-9a-z-]+@reply\.example\.test$/)
      expect(await readReplyToken(address.slice('reply+'.length).split('@')[0]!)).toMatchObject({
        ok: true,
        claims: { recipientId: follower.id, ideaId: idea.id },
      })
    } finally {
      delete process.env.INBOUND_EMAIL_DOMAIN
      resetEnvCache()
    }
  })

  it('retries with growing delays when the server refuses, then records the failure with its error', async () => {
    refuseWith = { code: 451, message: 'Mailbox busy, try later' }
    const id = await enqueueEmail({
      kind: 'test',
      toAddress: 'someone@example.test',
      subject: 'Hello',
      textBody: 'Hi',
      htmlBody: '<p>Hi</p>',
    })
    const delays: number[] = []
    for (let attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt++) {
      await processOutbox({ renderMessage: renderQueuedMessage, transport: transport() })
      const [row] = await db().select().from(outbox).where(eq(outbox.id, id!))
      expect(row!.attempts).toBe(attempt)
      expect(row!.lastError).toContain('Mailbox busy')
      // Named by kind, so /admin/mail shows a translated label (the server's text is the detail).
      expect(row!.lastErrorCode).toBe('server-busy')
      if (attempt < MAX_SEND_ATTEMPTS) {
        expect(row!.state).toBe('pending')
        delays.push(row!.nextAttemptAt.getTime() - Date.now())
        // Not due yet: a run now sends nothing.
        expect(
          (await processOutbox({ renderMessage: renderQueuedMessage, transport: transport() }))
            .claimed,
        ).toBe(0)
        await db()
          .update(outbox)
          .set({ nextAttemptAt: sql`now()` })
          .where(eq(outbox.id, id!))
      } else {
        expect(row!.state).toBe('failed')
      }
    }
    expect(delays.every((delay, index) => index === 0 || delay > delays[index - 1]!)).toBe(true)
    expect(received).toHaveLength(0)
    expect((await mailHealth()).failed).toBeGreaterThanOrEqual(1)

    // A permanent refusal is kept the same way.
    refuseWith = { code: 550, message: 'No such user here' }
    const other = await enqueueEmail({
      kind: 'test',
      toAddress: 'nobody@example.test',
      subject: 'Hello',
      textBody: 'Hi',
      htmlBody: '<p>Hi</p>',
    })
    await processOutbox({ renderMessage: renderQueuedMessage, transport: transport() })
    const [second] = await db().select().from(outbox).where(eq(outbox.id, other!))
    expect(second!.lastError).toContain('No such user here')
    expect(second!.lastErrorCode).toBe('recipient-refused')
    const { messages } = await listMail({ state: 'failed' })
    expect(messages.find((message) => message.id === id)).toMatchObject({
      lastErrorCode: 'server-busy',
      lastError: expect.stringContaining('Mailbox busy'),
    })
  })

  it('never sends a message twice when two workers run at once', async () => {
    for (let index = 0; index < 25; index++) {
      await enqueueEmail({
        kind: 'test',
        toAddress: `reader${index}@example.test`,
        subject: `Message ${index}`,
        textBody: 'Hi',
        htmlBody: '<p>Hi</p>',
      })
    }
    const work = async () => {
      for (let round = 0; round < 10; round++)
        await processOutbox({
          renderMessage: renderQueuedMessage,
          transport: transport(),
          limit: 3,
        })
    }
    await Promise.all([work(), work()])
    const ids = received.map((message) => /^X-Ideabox-Message: (\d+)/m.exec(message.raw)?.[1])
    expect(ids).toHaveLength(25)
    expect(new Set(ids).size).toBe(25)
    const states = await db().select({ state: outbox.state }).from(outbox)
    expect(states.every((row) => row.state === 'sent')).toBe(true)
  })

  it('retries a message claimed by a worker that died, once the claim runs out, and delivers it once', async () => {
    const id = await enqueueEmail({
      kind: 'test',
      toAddress: 'orphan@example.test',
      subject: 'Orphan',
      textBody: 'Hi',
      htmlBody: '<p>Hi</p>',
    })
    // A worker claims the message and dies before sending (kill -9): nobody marks the row.
    expect(await claimDue()).toEqual([{ id, attempts: 1 }])
    expect(
      (await processOutbox({ renderMessage: renderQueuedMessage, transport: transport() })).claimed,
    ).toBe(0)
    // Its lease runs out (here: is made to), and the next worker takes over.
    await db()
      .update(outbox)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(outbox.id, id!))
    expect(
      await processOutbox({ renderMessage: renderQueuedMessage, transport: transport() }),
    ).toMatchObject({ claimed: 1, sent: 1 })
    expect(
      received.filter((message) => message.raw.includes(`X-Ideabox-Message: ${id}`)),
    ).toHaveLength(1)
    const [row] = await db().select().from(outbox).where(eq(outbox.id, id!))
    expect(row).toMatchObject({ state: 'sent', attempts: 2, lockedUntil: null })
  })

  it('does not send a message whose claim passed to another worker while this one was busy', async () => {
    const first = await enqueueEmail({
      kind: 'test',
      toAddress: 'first@example.test',
      subject: 'First',
      textBody: 'Hi',
      htmlBody: '<p>Hi</p>',
    })
    const second = await enqueueEmail({
      kind: 'test',
      toAddress: 'second@example.test',
      subject: 'Second',
      textBody: 'Hi',
      htmlBody: '<p>Hi</p>',
    })
    // Worker A claims both and stalls on its first send (a slow mail server).
    let release!: () => void
    let stalled!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const sendStarted = new Promise<void>((resolve) => (stalled = resolve))
    const smtp = transport()
    const slow: Transport = {
      name: 'smtp',
      send: async (message) => {
        stalled()
        await gate
        await smtp.send(message)
      },
    }
    const workerA = processOutbox({ renderMessage: renderQueuedMessage, transport: slow })
    await sendStarted
    // Meanwhile A's lease on the second message runs out and worker B takes it over and sends it.
    await db()
      .update(outbox)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(outbox.id, second!))
    expect(
      await processOutbox({ renderMessage: renderQueuedMessage, transport: transport() }),
    ).toMatchObject({ claimed: 1, sent: 1 })
    release()
    expect(await workerA).toMatchObject({ claimed: 2, sent: 1 })

    const arrivals = (id: number | null) =>
      received.filter((message) => message.raw.includes(`X-Ideabox-Message: ${id}`)).length
    expect(arrivals(first)).toBe(1)
    expect(arrivals(second)).toBe(1)
    const rows = await db()
      .select({ id: outbox.id, state: outbox.state, attempts: outbox.attempts })
      .from(outbox)
    expect(rows.sort((a, b) => a.id - b.id)).toEqual([
      { id: first, state: 'sent', attempts: 1 },
      { id: second, state: 'sent', attempts: 2 },
    ])
  })

  it('queues a message once per dedupe key', async () => {
    const first = await enqueueEmail({
      kind: 'test',
      toAddress: 'a@example.test',
      subject: 'x',
      textBody: 'x',
      htmlBody: 'x',
      dedupeKey: 'same',
    })
    const again = await enqueueEmail({
      kind: 'test',
      toAddress: 'a@example.test',
      subject: 'x',
      textBody: 'x',
      htmlBody: 'x',
      dedupeKey: 'same',
    })
    expect(first).not.toBeNull()
    expect(again).toBeNull()
  })
})
