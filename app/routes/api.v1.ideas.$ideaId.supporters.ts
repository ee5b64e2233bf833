import type { ActionFunctionArgs } from '@remix-run/node'

import { apiSupportSchema } from '#app/domain/api/api.schema'
import { captureVote } from '#app/domain/intake/intake.server'
import { apiError, json, readJson, requireApiScope } from '#app/utils/http/api.server'
import { idField } from '#app/utils/schemas'

export async function loader() {
  throw apiError(405, 'method_not_allowed', {}, { Allow: 'POST' })
}

/** POST /api/v1/ideas/:id/supporters: add a customer's vote to an idea (once per person). */
export async function action({ request, params }: ActionFunctionArgs) {
  const caller = await requireApiScope(request, 'votes:write')
  const id = idField().safeParse(params.ideaId).data
  if (!id) throw apiError(404, 'not_found')
  const body = await readJson(request, apiSupportSchema)
  const result = await captureVote({
    actor: { id: caller.actorId, role: 'agent' },
    customer: {
      ...body.customer,
      channel: body.channel,
      network: undefined,
      externalRef: body.externalRef,
    },
    ideaId: id,
    via: 'api',
  })
  if (!result.ok)
    throw result.reason === 'notFound'
      ? apiError(404, 'not_found')
      : apiError(409, 'refused', { message: 'Voting is closed on this idea.' })
  return json({ ideaId: id, customerId: result.customerId }, 200)
}
