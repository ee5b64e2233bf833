// The inbound-email endpoint at the HTTP edge: the raw message a mail provider posts (its type and
// size checked), and each outcome of filing it as the status and JSON the provider is answered with.
import type { InboundResult } from '#app/domain/intake/inbound-email.server'

import { apiError, json } from './api.server'

const RAW_MAX_BYTES = 2 * 1024 * 1024
/** The body is the raw message itself; anything else (JSON, a form) is refused. */
const rawMessageTypes = new Set(['message/rfc822', 'text/plain', 'application/octet-stream'])

/** The raw RFC 822 message the body is; a thrown JSON answer (415, 400, 413) when it is not one. */
export async function readRawMessage(request: Request) {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!rawMessageTypes.has(type))
    throw apiError(415, 'unsupported_media_type', {
      message:
        'Send the raw RFC 822 message as message/rfc822, text/plain or application/octet-stream.',
      accepted: [...rawMessageTypes],
    })
  const raw = Buffer.from(await request.arrayBuffer())
  if (raw.byteLength === 0)
    throw apiError(400, 'empty', { message: 'Send the raw message as the body.' })
  if (raw.byteLength > RAW_MAX_BYTES) throw apiError(413, 'too_large', { maxBytes: RAW_MAX_BYTES })
  return raw
}

const unfileable = {
  noSender: { error: 'no_sender', message: 'The message has no From address.' },
  empty: { error: 'empty', message: 'The message has no subject and no text.' },
  unreadable: {
    error: 'unreadable',
    message: 'The body is not an RFC 822 message that can be read.',
  },
} satisfies Record<Extract<InboundResult, { kind?: 'idea'; reason: string }>['reason'], object>

/**
 * What the provider is told: 201 for a new draft idea or comment; 200 for a replayed reply and for
 * a refused one (it was delivered: retrying changes nothing); 422 for a message that cannot be filed.
 */
export function inboundEmailAnswer(result: InboundResult) {
  if (result.kind === 'comment' && result.duplicate)
    return json({ status: 'duplicate', commentId: result.commentId }, 200)
  if (result.kind === 'comment') {
    const { commentId, ideaId, customerId } = result
    return json({ commentId, ideaId, customerId, status: 'posted' }, 201)
  }
  if (result.kind === 'reply')
    return json({ status: 'refused', reason: result.reason, explained: result.explained }, 200)
  if (!result.ok) {
    const { error, message } = unfileable[result.reason]
    throw apiError(422, error, { message })
  }
  return json({ ideaId: result.ideaId, customerId: result.customerId, status: 'draft' }, 201)
}
