// Replies to notification emails, as real mail clients write them (tests/fixtures/replies), posted
// through the inbound endpoint: a comment by the person on the idea from the email channel, or a
// refusal with one short explanation to the sender.
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { comments, ideas, outbox, statuses, users } from '#app/db/schema'
import { getPersonHistory } from '#app/domain/accounts/people.server'
import { createApiToken } from '#app/domain/api/api.server'
import { COMMENT_MAX } from '#app/domain/comments/comments.schema'
import { listComments } from '#app/domain/ideas/ideas.server'
import { hideContent } from '#app/domain/moderation/moderation.server'
import { replyAddressFor } from '#app/domain/notifications/reply-address.server'
import { hitRateLimit, rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'
import { action as inboundAction } from '#app/routes/api.v1.inbound.email'
import { resetEnvCache } from '#app/utils/env.server'
import { createTestIdea, createTestUser, unique } from '#tests/factories'
import { makeContext, settle } from '#tests/setup/request'

import { fileInboundEmail } from './inbound-email.server'

const DOMAIN = 'reply.example.test'

beforeAll(() => {
  process.env.INBOUND_EMAIL_DOMAIN = DOMAIN
  resetEnvCache()
})
afterAll(() => {
  delete process.env.INBOUND_EMAIL_DOMAIN
  resetEnvCache()
})

/** A fixture with its reply address and sender filled in, and a Message-ID of its own (each test is a new message). */
function fixture(
  name: string,
  {
    replyAddress,
    sender,
    messageId = `<${unique('m')}@example.test>`,
  }: { replyAddress?: string | null; sender: string; messageId?: string },
) {
  return readFileSync(path.resolve('tests/fixtures/replies', name), 'utf8')
    .replaceAll('{{reply-address}}', replyAddress ?? '')
    .replaceAll('{{sender}}', sender)
    .replace(/^Message-I[Dd]: .*$/m, `Message-ID: ${messageId}`)
}

async function setUp({
  role = 'customer',
  locale = 'en',
  statusSlug = 'new',
}: { role?: 'customer' | 'moderator'; locale?: 'en' | 'nl'; statusSlug?: string } = {}) {
  const person = await createTestUser({
    password: null,
    role,
    locale,
    email: `${unique('reader')}@example.test`,
  })
  const idea = await createTestIdea({ statusSlug })
  const replyAddress = await replyAddressFor({ recipientId: person.id, ideaId: idea.id })
  return { person, idea, replyAddress }
}

const receive = (raw: string) => fileInboundEmail({ raw, actorId: 0 })

const explanationsTo = (address: string) =>
  db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, address), eq(outbox.kind, 'reply-refused')))

describe('a reply to a notification email becomes a comment', () => {
  const clients = [
    ['gmail.eml', 'Yes please, and make it the default in the app — I always forget to switch it.'],
    ['outlook.eml', 'Great news. Will it come to the Leiden shop as well?\n\nKind regards,\nGrace'],
    ['apple-mail.eml', 'Thanks! Counting on it 🙂'],
    [
      'dutch.eml',
      'Graag! Zonder extra kosten zou het helemaal mooi zijn. Crème brûlée mag ook.\n\nGroet,\nAnnie',
    ],
  ] as const
  for (const [name, body] of clients) {
    it(`${name}: the person's own words, on that idea, from the email channel`, async () => {
      const { person, idea, replyAddress } = await setUp()
      const result = await receive(fixture(name, { replyAddress, sender: person.email }))
      expect(result).toMatchObject({
        ok: true,
        kind: 'comment',
        ideaId: idea.id,
        customerId: person.id,
      })
      const [comment] = await db().select().from(comments).where(eq(comments.ideaId, idea.id))
      expect(comment).toMatchObject({ authorId: person.id, channel: 'email', body })
      expect(await explanationsTo(person.email)).toHaveLength(0)
    })
  }

  it('posts a message once, however often the provider delivers it', async () => {
    const { person, idea, replyAddress } = await setUp()
    const raw = fixture('gmail.eml', {
      replyAddress,
      sender: person.email,
      messageId: `<${unique('once')}@mail.gmail.com>`,
    })
    const first = await receive(raw)
    const again = await Promise.all([receive(raw), receive(raw)])
    expect(first).toMatchObject({ ok: true, duplicate: false })
    const commentId = first.ok && 'commentId' in first ? first.commentId : -1
    expect(again).toMatchObject([
      { ok: true, commentId, duplicate: true },
      { ok: true, commentId, duplicate: true },
    ])
    expect(await db().select().from(comments).where(eq(comments.ideaId, idea.id))).toHaveLength(1)
    const [row] = await db()
      .select({ commentCount: ideas.commentCount })
      .from(ideas)
      .where(eq(ideas.id, idea.id))
    expect(row!.commentCount).toBe(1)
  })

  it('the same Message-ID with another body is another reply: a guessed Message-ID blocks nothing', async () => {
    const { person, idea, replyAddress } = await setUp()
    const messageId = `<${unique('guessed')}@mail.gmail.com>`
    const first = await receive(
      fixture('gmail.eml', { replyAddress, sender: person.email, messageId }),
    )
    const other = await receive(
      fixture('apple-mail.eml', { replyAddress, sender: person.email, messageId }),
    )
    expect(first).toMatchObject({ ok: true, duplicate: false })
    expect(other).toMatchObject({ ok: true, duplicate: false })
    expect(await db().select().from(comments).where(eq(comments.ideaId, idea.id))).toHaveLength(2)
  })

  it('takes the sender’s address in any case, and a staff member’s reply is the team’s comment', async () => {
    const { person, idea, replyAddress } = await setUp({ role: 'moderator' })
    const result = await receive(
      fixture('outlook.eml', {
        replyAddress: replyAddress!.toUpperCase(),
        sender: person.email.toUpperCase(),
      }),
    )
    expect(result).toMatchObject({ ok: true, kind: 'comment', customerId: person.id })
    const shown = await listComments({ ideaId: idea.id })
    expect(shown).toMatchObject([
      { authorId: person.id, authorRole: 'moderator', channel: 'email' },
    ])
  })

  it('shows in the person’s cross-channel history like every other channel', async () => {
    const { person, idea, replyAddress } = await setUp()
    const result = await receive(fixture('apple-mail.eml', { replyAddress, sender: person.email }))
    if (!result.ok || result.kind !== 'comment') throw new Error('not posted')
    const history = await getPersonHistory({ id: person.id })
    expect(history.comments).toMatchObject([
      { id: result.commentId, ideaId: idea.id, channel: 'email' },
    ])
  })

  it('through the inbound endpoint, with an API token: 201 and the comment', async () => {
    const { person, idea, replyAddress } = await setUp()
    const admin = await createTestUser({ role: 'admin', password: null })
    const token = await createApiToken({
      actor: admin,
      name: 'Mail provider',
      scopes: ['inbound:email'],
    })
    if (!token.ok) throw new Error('no token')
    const post = async (raw: string) => {
      const request = new Request('http://localhost/api/v1/inbound/email', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token.token}`, 'Content-Type': 'message/rfc822' },
        body: raw,
      })
      const response = (await settle(() =>
        inboundAction({ request, params: {}, context: makeContext() }),
      )) as Response
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    }
    const dutch = fixture('dutch.eml', { replyAddress, sender: person.email })
    const posted = await post(dutch)
    expect(posted).toMatchObject({
      status: 201,
      body: { ideaId: idea.id, customerId: person.id, status: 'posted' },
    })
    // A replay of the same message is not "posted" again: 200, the comment it posted.
    expect(await post(dutch)).toEqual({
      status: 200,
      body: { status: 'duplicate', commentId: posted.body.commentId },
    })
    // A refusal is not the provider's to retry: 200 with the reason.
    expect(
      await post(fixture('out-of-office.eml', { replyAddress, sender: person.email })),
    ).toEqual({ status: 200, body: { status: 'refused', reason: 'autoReply', explained: false } })
    // Only a raw message is taken: JSON or a form is 415, with a JSON error.
    for (const type of ['application/json', 'application/x-www-form-urlencoded', 'text/html']) {
      const request = new Request('http://localhost/api/v1/inbound/email', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token.token}`, 'Content-Type': type },
        body: '{"to":"x"}',
      })
      const response = (await settle(() =>
        inboundAction({ request, params: {}, context: makeContext() }),
      )) as Response
      expect(response.status, type).toBe(415)
      expect(response.headers.get('Content-Type')).toContain('json')
    }
  })
})

describe('a reply that is not posted', () => {
  it('an out-of-office: not posted and never answered', async () => {
    const { person, idea, replyAddress } = await setUp()
    expect(
      await receive(fixture('out-of-office.eml', { replyAddress, sender: person.email })),
    ).toEqual({ ok: false, kind: 'reply', reason: 'autoReply', explained: false })
    for (const header of [
      'X-Autoreply: yes',
      'X-Autorespond: yes',
      'Precedence: bulk',
      'Precedence: auto_reply',
      'Precedence: list',
    ]) {
      const raw = fixture('gmail.eml', { replyAddress, sender: person.email }).replace(
        'MIME-Version: 1.0',
        `${header}\r\nMIME-Version: 1.0`,
      )
      expect(await receive(raw), header).toMatchObject({
        ok: false,
        reason: 'autoReply',
        explained: false,
      })
    }
    const dutchAway = fixture('dutch.eml', { replyAddress, sender: person.email }).replace(
      /^Subject: .*$/m,
      'Subject: Afwezig: Morgan Vos reageerde op Havermelk in elke winkel',
    )
    expect(await receive(dutchAway)).toMatchObject({
      ok: false,
      reason: 'autoReply',
      explained: false,
    })
    expect(await db().select().from(comments).where(eq(comments.ideaId, idea.id))).toHaveLength(0)
    expect(await explanationsTo(person.email)).toHaveLength(0)
  })

  it('a forged token: not posted and never answered (Ideabox emails no address a stranger names)', async () => {
    for (const victim of [`${unique('victim')}@example.test`, `${unique('victim')}@example.test`]) {
      expect(await receive(fixture('forged-token.eml', { sender: victim }))).toEqual({
        ok: false,
        kind: 'reply',
        reason: 'forged',
        explained: false,
      })
      expect(await explanationsTo(victim)).toHaveLength(0)
    }
  })

  it('a token whose signature was changed, or that names another idea, is forged', async () => {
    const { person, idea, replyAddress } = await setUp()
    const [local, domain] = replyAddress!.split('@')
    const flipped = `${local!.slice(0, -1)}${local!.endsWith('a') ? 'b' : 'a'}@${domain}`
    expect(
      await receive(fixture('gmail.eml', { replyAddress: flipped, sender: person.email })),
    ).toMatchObject({ ok: false, reason: 'forged' })
    const otherIdea = local!.replace(`-${idea.id.toString(36)}-`, `-${(idea.id + 1).toString(36)}-`)
    expect(
      await receive(
        fixture('gmail.eml', { replyAddress: `${otherIdea}@${domain}`, sender: person.email }),
      ),
    ).toMatchObject({ ok: false, reason: 'forged' })
  })

  it('from another address than the person’s: not posted, and only the token’s person is told why', async () => {
    const { person, idea, replyAddress } = await setUp()
    const stranger = `${unique('stranger')}@example.test`
    expect(await receive(fixture('gmail.eml', { replyAddress, sender: stranger }))).toEqual({
      ok: false,
      kind: 'reply',
      reason: 'wrongSender',
      explained: true,
    })
    expect(await db().select().from(comments).where(eq(comments.ideaId, idea.id))).toHaveLength(0)
    expect(await explanationsTo(stranger)).toHaveLength(0)
    expect((await explanationsTo(person.email))[0]!.textBody).toContain(
      'only posted when it comes from the address we wrote to',
    )
  })

  it('an expired address from a foreign sender: explained to the token’s person only', async () => {
    const person = await createTestUser({
      password: null,
      email: `${unique('reader')}@example.test`,
    })
    const idea = await createTestIdea()
    const old = await replyAddressFor({
      recipientId: person.id,
      ideaId: idea.id,
      now: new Date(Date.now() - 91 * 24 * 60 * 60 * 1000),
    })
    const stranger = `${unique('stranger')}@example.test`
    expect(
      await receive(fixture('gmail.eml', { replyAddress: old, sender: stranger })),
    ).toMatchObject({ ok: false, reason: 'expired', explained: true })
    expect(await explanationsTo(stranger)).toHaveLength(0)
    expect(await explanationsTo(person.email)).toHaveLength(1)
  })

  it('bounces and delivery reports: never posted, never answered', async () => {
    const { person, idea, replyAddress } = await setUp()
    const base = () => fixture('gmail.eml', { replyAddress, sender: person.email })
    const variants = [
      base().replace(/^From: .*$/m, `From: Mail Delivery System <MAILER-DAEMON@example.test>`),
      base().replace(/^From: .*$/m, `From: postmaster@example.test`),
      base().replace('MIME-Version: 1.0', 'Return-Path: <>\r\nMIME-Version: 1.0'),
      base().replace('MIME-Version: 1.0', 'X-Auto-Response-Suppress: All\r\nMIME-Version: 1.0'),
      base().replace(/^Subject: .*$/m, 'Subject: Undelivered Mail Returned to Sender'),
      base().replace(/^Subject: .*$/m, 'Subject: Delivery Status Notification (Failure)'),
      base().replace(/^Subject: .*$/m, 'Subject: Onbestelbaar: Morgan Vos reageerde'),
      base().replace(
        /^Content-Type: .*$/m,
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      ),
    ]
    for (const [index, raw] of variants.entries())
      expect(await receive(raw), String(index)).toMatchObject({
        ok: false,
        reason: 'autoReply',
        explained: false,
      })
    expect(await db().select().from(comments).where(eq(comments.ideaId, idea.id))).toHaveLength(0)
    expect(await explanationsTo(person.email)).toHaveLength(0)
  })

  it('mail to the reply domain without a token is a forged reply, never a new idea', async () => {
    const sender = `${unique('writer')}@example.test`
    for (const to of [
      `hello@${DOMAIN}`,
      `reply+@${DOMAIN}`,
      `reply+nonsense@${DOMAIN.toUpperCase()}`,
    ]) {
      const raw = fixture('forged-token.eml', { sender }).replace(/^To: .*$/m, `To: <${to}>`)
      expect(await receive(raw), to).toEqual({
        ok: false,
        kind: 'reply',
        reason: 'forged',
        explained: false,
      })
    }
    expect(await db().select().from(users).where(eq(users.email, sender))).toHaveLength(0)
  })

  it('from the person’s address, but the receiving provider says it was forged (DMARC failed): not posted', async () => {
    const { person, idea, replyAddress } = await setUp()
    const raw = fixture('gmail.eml', { replyAddress, sender: person.email }).replace(
      'MIME-Version: 1.0',
      'Authentication-Results: mx.reply.example.test; spf=fail smtp.mailfrom=example.test; dmarc=fail (p=REJECT) header.from=example.test\r\nMIME-Version: 1.0',
    )
    expect(await receive(raw)).toMatchObject({ ok: false, reason: 'wrongSender' })
    expect(await db().select().from(comments).where(eq(comments.ideaId, idea.id))).toHaveLength(0)
  })

  it('an expired address: not posted, explained in the person’s language', async () => {
    const person = await createTestUser({
      password: null,
      locale: 'nl',
      email: `${unique('lezer')}@example.test`,
    })
    const idea = await createTestIdea()
    const old = await replyAddressFor({
      recipientId: person.id,
      ideaId: idea.id,
      now: new Date(Date.now() - 91 * 24 * 60 * 60 * 1000),
    })
    expect(
      await receive(fixture('dutch.eml', { replyAddress: old, sender: person.email })),
    ).toMatchObject({ ok: false, reason: 'expired', explained: true })
    const [told] = await explanationsTo(person.email)
    expect(told).toMatchObject({ subject: 'Je reactie is niet geplaatst', userId: person.id })
    expect(told!.textBody).toContain('verlopen')
  })

  it('a withdrawn or hidden idea takes no reply; declined and duplicate ones do, as on the web', async () => {
    for (const statusSlug of ['declined', 'duplicate']) {
      const { person, replyAddress } = await setUp({ statusSlug })
      expect(
        await receive(fixture('gmail.eml', { replyAddress, sender: person.email })),
        statusSlug,
      ).toMatchObject({ ok: true, kind: 'comment' })
    }
    const withdrawn = await setUp()
    await db().update(ideas).set({ withdrawnAt: new Date() }).where(eq(ideas.id, withdrawn.idea.id))
    expect(
      await receive(
        fixture('gmail.eml', {
          replyAddress: withdrawn.replyAddress,
          sender: withdrawn.person.email,
        }),
      ),
    ).toMatchObject({ ok: false, reason: 'closed' })
    const hidden = await setUp()
    const moderator = await createTestUser({ role: 'moderator', password: null })
    expect(
      (
        await hideContent({
          actor: moderator,
          target: { ideaId: hidden.idea.id },
          reason: 'Personal details',
        })
      ).ok,
    ).toBe(true)
    expect(
      await receive(
        fixture('gmail.eml', { replyAddress: hidden.replyAddress, sender: hidden.person.email }),
      ),
    ).toMatchObject({ ok: false, reason: 'hidden', explained: true })
    // A launched idea still takes thanks.
    const launched = await setUp()
    const [implemented] = await db()
      .select({ id: statuses.id })
      .from(statuses)
      .where(eq(statuses.slug, 'implemented'))
    await db()
      .update(ideas)
      .set({ statusId: implemented!.id })
      .where(eq(ideas.id, launched.idea.id))
    expect(
      await receive(
        fixture('gmail.eml', {
          replyAddress: launched.replyAddress,
          sender: launched.person.email,
        }),
      ),
    ).toMatchObject({ ok: true, kind: 'comment' })
  })

  it('nothing left after stripping the quote and signature', async () => {
    const { person, replyAddress } = await setUp()
    const raw = fixture('gmail.eml', { replyAddress, sender: person.email }).replace(
      /Yes please, and make it the default in the app =E2=80=94 I always forget to=\r\n switch it\./,
      '-- \r\nAda',
    )
    expect(await receive(raw)).toMatchObject({ ok: false, reason: 'empty', explained: true })
  })

  it('explanations are limited per person and reason: a later, different refusal is still explained', async () => {
    const { person, replyAddress } = await setUp()
    const empty = fixture('gmail.eml', { replyAddress, sender: person.email }).replace(
      /Yes please, and make it the default in the app =E2=80=94 I always forget to=\r\n switch it\./,
      '-- \r\nAda',
    )
    expect(await receive(empty)).toMatchObject({ reason: 'empty', explained: true })
    const emptyAgain = fixture('gmail.eml', { replyAddress, sender: person.email }).replace(
      /Yes please, and make it the default in the app =E2=80=94 I always forget to=\r\n switch it\./,
      '-- \r\nAda',
    )
    expect(await receive(emptyAgain)).toMatchObject({ reason: 'empty', explained: false })
    for (let hit = 0; hit < rateLimitRules.emailReplyPerUser.limit; hit++)
      await hitRateLimit({ rule: rateLimitRules.emailReplyPerUser, subject: String(person.id) })
    expect(
      await receive(fixture('apple-mail.eml', { replyAddress, sender: person.email })),
    ).toMatchObject({ reason: 'tooMany', explained: true })
  })

  it('an HTML-only reply is the person’s words, without the quoted notification and its links', async () => {
    const { person, idea, replyAddress } = await setUp()
    const quote = `<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Tue, 24 Nov 2026 at 10:05, Brewhaven &lt;${replyAddress}&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex"><p>Morgan Vos commented on <a href="https://ideas.example.test/ideas/1-oat">Oat milk</a></p><p><a href="https://ideas.example.test/ideas/1-oat">Open the idea</a> · <a href="https://ideas.example.test/unsubscribe/x">Unsubscribe</a> · <a href="https://ideas.example.test/settings">Settings</a></p></blockquote></div>`
    // As clients write it: one element a line, the quote indented.
    const html = `<html>\n<head><style>p { color: red }</style></head>\n<body>\n<div dir="ltr">fine by me</div>\n<br>\n    ${quote.replaceAll('><', '>\n    <')}\n</body>\n</html>`
    const raw = [
      `From: Ada <${person.email}>`,
      `To: <${replyAddress}>`,
      'Subject: Re: Morgan Vos commented',
      `Message-ID: <${unique('html')}@example.test>`,
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset="UTF-8"',
      '',
      html,
    ].join('\r\n')
    expect(await receive(raw)).toMatchObject({ ok: true, kind: 'comment' })
    const [comment] = await db().select().from(comments).where(eq(comments.ideaId, idea.id))
    expect(comment!.body).toBe('fine by me')
  })

  it('a reply longer than the web’s comment limit is refused as too long, and explained', async () => {
    const { person, idea, replyAddress } = await setUp()
    const long = Array.from({ length: COMMENT_MAX / 5 }, (_, index) => `word${index} `)
      .join('')
      .replace(/(.{70})/g, '$1\r\n')
    const raw = [
      `From: Ada <${person.email}>`,
      `To: <${replyAddress}>`,
      'Subject: Re: Morgan Vos commented',
      `Message-ID: <${unique('long')}@example.test>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      long,
    ].join('\r\n')
    expect(await receive(raw)).toMatchObject({ ok: false, reason: 'tooLong', explained: true })
    expect(await db().select().from(comments).where(eq(comments.ideaId, idea.id))).toHaveLength(0)
    expect(await explanationsTo(person.email)).toHaveLength(1)
  })

  it('a burst of 20 replies at once: at most the limit (5 in 10 minutes) is posted', async () => {
    expect(rateLimitRules.emailReplyPerUser).toMatchObject({ limit: 5, windowSeconds: 10 * 60 })
    const { person, idea, replyAddress } = await setUp()
    const raws = Array.from({ length: 20 }, (_, index) =>
      fixture('gmail.eml', { replyAddress, sender: person.email }).replace(
        /Yes please, and make it the default in the app =E2=80=94 I always forget to=\r\n switch it\./,
        `Burst number ${index}: ${unique('thought')} about ${['oats', 'soy', 'rice', 'almond', 'pea'][index % 5]} milk ${index * 7}.`,
      ),
    )
    const results = await Promise.all(raws.map(receive))
    const posted = results.filter((result) => result.ok)
    expect(posted.length).toBeLessThanOrEqual(5)
    expect(
      results.filter((result) => !result.ok && result.reason === 'tooMany').length,
    ).toBeGreaterThanOrEqual(15)
    expect((await db().select().from(comments).where(eq(comments.ideaId, idea.id))).length).toBe(
      posted.length,
    )
  })

  it('rate-limited per person', async () => {
    const { person, idea, replyAddress } = await setUp()
    for (let hit = 0; hit < rateLimitRules.emailReplyPerUser.limit; hit++)
      await hitRateLimit({ rule: rateLimitRules.emailReplyPerUser, subject: String(person.id) })
    expect(
      await receive(fixture('apple-mail.eml', { replyAddress, sender: person.email })),
    ).toMatchObject({ ok: false, reason: 'tooMany', explained: true })
    expect(await db().select().from(comments).where(eq(comments.ideaId, idea.id))).toHaveLength(0)
  })

  it('the comment spam check applies: the same words again and again are refused', async () => {
    const { person, idea, replyAddress } = await setUp()
    const results = []
    for (let copy = 0; copy < 3; copy++) {
      results.push(await receive(fixture('apple-mail.eml', { replyAddress, sender: person.email })))
      // Older than the 10 minutes in which the same words are taken as the same comment again (next test).
      await db()
        .update(comments)
        .set({ createdAt: sql`now() - interval '11 minutes'` })
        .where(eq(comments.ideaId, idea.id))
    }
    expect(results.map((result) => (result.ok ? 'posted' : result.reason))).toEqual([
      'posted',
      'posted',
      'spam',
    ])
    expect(await db().select().from(comments).where(eq(comments.ideaId, idea.id))).toHaveLength(2)
  })

  it('the same words sent again as a new message within 10 minutes are the comment already posted', async () => {
    const { person, idea, replyAddress } = await setUp()
    const first = await receive(fixture('apple-mail.eml', { replyAddress, sender: person.email }))
    const again = await receive(fixture('apple-mail.eml', { replyAddress, sender: person.email }))
    expect(first).toMatchObject({ ok: true, kind: 'comment' })
    expect(again).toMatchObject({
      ok: true,
      commentId: first.ok && 'commentId' in first ? first.commentId : -1,
    })
    expect(await db().select().from(comments).where(eq(comments.ideaId, idea.id))).toHaveLength(1)
  })

  it('from a suspended person: not posted, and told that the account cannot comment at the moment', async () => {
    const { person, idea, replyAddress } = await setUp()
    await db()
      .update(users)
      .set({ suspendedUntil: new Date(Date.now() + 24 * 60 * 60 * 1000) })
      .where(eq(users.id, person.id))
    expect(
      await receive(fixture('gmail.eml', { replyAddress, sender: person.email })),
    ).toMatchObject({ ok: false, reason: 'suspended', explained: true })
    expect(await db().select().from(comments).where(eq(comments.ideaId, idea.id))).toHaveLength(0)
    const [told] = await explanationsTo(person.email)
    expect(told).toMatchObject({ userId: person.id })
    expect(told!.textBody).toContain('Your account cannot comment at the moment.')
  })
})
