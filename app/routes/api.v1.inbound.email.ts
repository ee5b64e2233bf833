import type { ActionFunctionArgs } from '@remix-run/node'

import { fileInboundEmail } from '#app/domain/intake/inbound-email.server'
import { apiError, requireApiScope } from '#app/utils/http/api.server'
import { inboundEmailAnswer, readRawMessage } from '#app/utils/http/inbound-email.server'

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
  const raw = await readRawMessage(request)
  return inboundEmailAnswer(await fileInboundEmail({ raw, actorId: caller.actorId }))
}
