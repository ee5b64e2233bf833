// Real inbound messages become draft ideas from the email channel, and the sender is acknowledged.
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { notifications, outbox, users } from '#app/db/schema'
import { getIdeaRow } from '#app/demo/factories.server'

import { fileInboundEmail } from './inbound-email.server'

const fixture = (name: string) => readFileSync(path.resolve('tests/fixtures/mail', name))

async function filed(name: string) {
  const result = await fileInboundEmail({ raw: fixture(name), actorId: 0 })
  if (!result.ok) throw new Error(`${name}: ${result.reason}`)
  const idea = (await getIdeaRow(result.ideaId))!
  const [person] = await db().select().from(users).where(eq(users.id, result.customerId))
  return { idea, person: person! }
}

describe('inbound email', () => {
  it('files a plain message as a held draft from the email channel and acknowledges the sender', async () => {
    const { idea, person } = await filed('plain.eml')
    expect(idea).toMatchObject({
      title: 'Oat milk cappuccino in the app',
      channel: 'email',
      externalRef: '<plain-1@example.test>',
      heldReason: 'email-intake',
    })
    expect(idea.description).toContain('order an oat milk cappuccino')
    expect(person).toMatchObject({ email: 'ada.plain@example.test', displayName: 'Ada Plain' })
    const [ack] = await db()
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, person.id),
          eq(notifications.type, 'received'),
          eq(notifications.ideaId, idea.id),
        ),
      )
    expect(await db().select().from(outbox).where(eq(outbox.notificationId, ack!.id))).toHaveLength(
      1,
    )
  })

  it('writes to a new sender in the language they wrote in, else the site’s', async () => {
    const message = (from: string, subject: string, body: string) =>
      Buffer.from(
        [
          `From: ${from}`,
          'To: ideas@ideabox.test',
          `Subject: ${subject}`,
          `Message-ID: <${from.replace('@', '.')}-${Date.now()}@example.test>`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          body,
        ].join('\r\n'),
      )
    const stamp = Date.now()
    const cases = [
      {
        from: `soep-${stamp}@example.test`,
        subject: 'Graag soep van de dag',
        body: 'Ik wil graag elke dag een andere soep, want dat is lekker voor de lunch.',
        expected: 'nl',
      },
      {
        from: `soup-${stamp}@example.test`,
        subject: 'A soup of the day',
        body: 'I would like a different soup every day, because it is nice for lunch.',
        expected: 'en',
      },
    ]
    for (const { from, subject, body, expected } of cases) {
      const result = await fileInboundEmail({ raw: message(from, subject, body), actorId: 0 })
      if (!result.ok) throw new Error(result.reason)
      const [person] = await db().select().from(users).where(eq(users.id, result.customerId))
      expect(person!.locale).toBe(expected)
    }
  })

  it('reads HTML-only messages as text, without their markup or scripts', async () => {
    const { idea } = await filed('html-only.eml')
    expect(idea.description).toBe('We need bigger tables for laptops & books.')
  })

  it('takes the text of a multipart message with an attachment', async () => {
    const { idea } = await filed('multipart-attachment.eml')
    expect(idea.title).toBe('Photo of the broken tap')
    expect(idea.description).toBe('The water tap in the Utrecht shop drips. Photo attached.')
  })

  it('decodes non-UTF-8 charsets in headers and body', async () => {
    const { idea, person } = await filed('latin1.eml')
    expect(idea.title).toBe('Crème brûlée latte')
    expect(idea.description).toBe("Un latte crème brûlée, s'il vous plaît.")
    expect(person.displayName).toBe('Renée Café')
  })

  it('uses the first line when there is no subject, and drops the signature', async () => {
    const { idea } = await filed('no-subject.eml')
    expect(idea.title).toBe('Could you sell reusable straws at the counter?')
    expect(idea.description).not.toContain('sent from my phone')
  })

  it('files a reply without the quoted text, for the same person, and acknowledges it too', async () => {
    const first = await filed('plain.eml')
    const reply = await filed('reply.eml')
    expect(reply.person.id).toBe(first.person.id)
    expect(reply.idea.title).toBe('We received your idea')
    expect(reply.idea.description).toBe('And a decaf version too, please.')
    expect(
      await db()
        .select()
        .from(notifications)
        .where(and(eq(notifications.ideaId, reply.idea.id), eq(notifications.type, 'received'))),
    ).toHaveLength(1)
  })

  it('refuses a message without a sender', async () => {
    expect(await fileInboundEmail({ raw: 'Subject: hello\r\n\r\nNo from.', actorId: 0 })).toEqual({
      ok: false,
      reason: 'noSender',
    })
  })

  it('files a message with NUL and control characters in its subject, sender name and text (a 500 before)', async () => {
    const encoded = (text: string) => `=?utf-8?B?${Buffer.from(text).toString('base64')}?=`
    const raw = [
      `From: ${encoded('Nu\u0000ll \u0007Sender')} <nul.sender@example.test>`,
      `Subject: ${encoded('Decaf\u0000 oat \u001blatte')}`,
      'Message-ID: <nul-1@example.test>',
      '',
      'Please\u0000 add it.',
    ].join('\r\n')
    const result = await fileInboundEmail({ raw, actorId: 0 })
    if (!result.ok) throw new Error(result.reason)
    const idea = (await getIdeaRow(result.ideaId))!
    const [person] = await db().select().from(users).where(eq(users.id, result.customerId))
    expect(idea).toMatchObject({ title: 'Decaf oat latte', description: 'Please add it.' })
    expect(person).toMatchObject({ email: 'nul.sender@example.test', displayName: 'Null Sender' })
  })

  it('refuses a body mailparser cannot read instead of failing (a 500 before)', async () => {
    expect(
      await fileInboundEmail({ raw: Buffer.alloc(2 * 1024 * 1024 - 4096, 'a'), actorId: 0 }),
    ).toEqual({ ok: false, reason: 'unreadable' })
  })
})
