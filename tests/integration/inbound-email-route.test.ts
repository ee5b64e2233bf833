// The inbound-email endpoint's answers to what a mail provider may send it: every status and JSON
// body, called with real Requests (the replies and the once-per-message rule are tested beside
// the domain code, app/domain/intake/).
import { beforeAll, describe, expect, it } from 'vitest'

import { createApiToken } from '#app/domain/api/api.server'
import { action as inboundAction, loader as inboundLoader } from '#app/routes/api.v1.inbound.email'
import { createTestUser, unique } from '#tests/factories'
import { makeContext, settle } from '#tests/setup/request'

let token: string
beforeAll(async () => {
  const admin = await createTestUser({ role: 'admin', password: null })
  const created = await createApiToken({
    actor: admin,
    name: 'Mail provider',
    scopes: ['inbound:email'],
  })
  if (!created.ok) throw new Error('no token')
  token = created.token
})

async function deliver(
  body: string | Uint8Array<ArrayBuffer>,
  { type = 'message/rfc822', auth = true }: { type?: string; auth?: boolean } = {},
) {
  const request = new Request('http://localhost/api/v1/inbound/email', {
    method: 'POST',
    headers: {
      ...(auth ? { Authorization: `Bearer ${token}` } : {}),
      ...(type ? { 'Content-Type': type } : {}),
    },
    body,
  })
  const response = (await settle(() =>
    inboundAction({ request, params: {}, context: makeContext() }),
  )) as Response
  return {
    status: response.status,
    type: response.headers.get('Content-Type'),
    body: (await response.json()) as Record<string, unknown>,
  }
}

const message = (lines: string[], text = 'Please add refill stations.') =>
  [...lines, 'Content-Type: text/plain; charset=utf-8', '', text].join('\r\n')

describe('the inbound-email endpoint', () => {
  it('files a message as a draft idea: 201 with the idea and the customer', async () => {
    const answer = await deliver(
      message([
        `From: "Sam Sender" <${unique('s')}@example.test>`,
        'To: ideas@brewhaven.test',
        'Subject: Refill stations for water bottles',
        `Message-ID: <${unique('m')}@mail.example.test>`,
      ]),
      { type: 'text/plain; charset=utf-8' },
    )
    expect(answer).toEqual({
      status: 201,
      type: 'application/json; charset=utf-8',
      body: { ideaId: expect.any(Number), customerId: expect.any(Number), status: 'draft' },
    })
  })

  it('takes only a raw message, and says what it accepts (415)', async () => {
    const answer = await deliver('{"from":"a@b.test"}', { type: 'application/json' })
    expect(answer.status).toBe(415)
    expect(answer.body).toEqual({
      error: 'unsupported_media_type',
      message:
        'Send the raw RFC 822 message as message/rfc822, text/plain or application/octet-stream.',
      accepted: ['message/rfc822', 'text/plain', 'application/octet-stream'],
    })
    // Bytes without a Content-Type at all (a string body would be sent as text/plain).
    expect((await deliver(new TextEncoder().encode('From: a@b.test'), { type: '' })).status).toBe(
      415,
    )
  })

  it('refuses an empty body (400) and one over 2 MiB (413)', async () => {
    expect((await deliver('')).body).toEqual({
      error: 'empty',
      message: 'Send the raw message as the body.',
    })
    expect((await deliver('')).status).toBe(400)
    const large = await deliver(new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61), {
      type: 'application/octet-stream',
    })
    expect(large).toMatchObject({
      status: 413,
      body: { error: 'too_large', maxBytes: 2 * 1024 * 1024 },
    })
  })

  it('says why a message cannot be filed (422): no sender, nothing in it', async () => {
    expect(await deliver(message(['To: ideas@brewhaven.test', 'Subject: Anonymous']))).toEqual({
      status: 422,
      type: 'application/json; charset=utf-8',
      body: { error: 'no_sender', message: 'The message has no From address.' },
    })
    const empty = await deliver(message([`From: ${unique('s')}@example.test`], ''))
    expect(empty).toMatchObject({
      status: 422,
      body: { error: 'empty', message: 'The message has no subject and no text.' },
    })
  })

  it('asks for a token (401) and answers anything but POST with 405', async () => {
    expect((await deliver(message(['From: a@example.test']), { auth: false })).status).toBe(401)
    const get = (await settle(() => inboundLoader())) as Response
    expect(get.status).toBe(405)
    expect(get.headers.get('Allow')).toBe('POST')
  })
})
