import type { ActionFunctionArgs } from '@remix-run/node'

import { fileInboundEmail } from '#app/domain/intake/inbound-email.server'
import { apiError, json, requireApiScope } from '#app/utils/http/api.server'

const RAW_MAX_BYTES = 2 * 1024 * 1024
/** The body is the raw message itself; anything else (JSON, a form) is refused. */
const rawMessageTypes = new Set(['message/rfc822', 'text/plain', 'application/octet-stream'])

export async function loader() {
  throw apiError(405, 'method_not_allowed', {}, { Allow: 'POST' })
}

/**
 * POST /api/v1/inbound/email: a raw RFC 822 message becomes a draft idea from the email channel; a
 * reply to a notification (sent to its `reply+…@INBOUND_EMAIL_DOMAIN` address) becomes a comment.
 * A refused reply is answered 200 with its reason: the provider delivered it, retrying changes nothing.
 */
export async function action({ request }: ActionFunctionArgs) {
  const caller = await requireApiScope(request, 'inbound:email')
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
  const result = await fileInboundEmail({ raw, actorId: caller.actorId })
  if (result.kind === 'comment' && result.duplicate)
    return json({ status: 'duplicate', commentId: result.commentId }, 200)
  if (result.kind === 'comment')
    return json(
      {
        commentId: result.commentId,
        ideaId: result.ideaId,
        customerId: result.customerId,
        status: 'posted',
      },
      201,
    )
  if (result.kind === 'reply')
    return json({ status: 'refused', reason: result.reason, explained: result.explained }, 200)
  if (!result.ok) {
    const messages = {
      noSender: 'The message has no From address.',
      empty: 'The message has no subject and no text.',
      unreadable: 'The body is not an RFC 822 message that can be read.',
    } satisfies Record<typeof result.reason, string>
    throw apiError(422, result.reason === 'noSender' ? 'no_sender' : result.reason, {
      message: messages[result.reason],
    })
  }
  return json({ ideaId: result.ideaId, customerId: result.customerId, status: 'draft' }, 201)
}
