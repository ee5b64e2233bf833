import { type ActionFunctionArgs, redirect } from '@remix-run/node'

import { safeRedirectPath } from '#app/domain/accounts/accounts.rules'
import { parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { voteFormSchema } from '#app/domain/votes/votes.schema'
import { castOwnVote } from '#app/domain/votes/votes.server'
import { readForm, validate } from '#app/utils/forms.server'
import { requireUser } from '#app/utils/http/permissions.server'
import { voteRefusals } from '#app/utils/http/vote-answers'
import { withNotice } from '#app/utils/notices'

export async function loader() {
  throw new Response('Not found', { status: 404 })
}

/**
 * POST /ideas/:id/vote from a form without JavaScript: the vote, then back to the page the form
 * was on, at the idea, with the reason on the page if it was not counted. The vote button's script
 * asks for JSON and is answered by the HTTP layer (app/server/vote-endpoint.server.ts).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const ideaId = parseIdeaRef(params.ideaRef)
  if (!ideaId) throw new Response('Not found', { status: 404 })
  const parsed = validate(voteFormSchema, await readForm(request))
  if (!parsed.ok) throw new Response('Bad request', { status: 400 })
  const result = await castOwnVote({ actor: user, ideaId, direction: parsed.data.direction })
  if (!result.ok && result.reason === 'notFound') throw new Response('Not found', { status: 404 })
  const notice = result.ok ? undefined : voteRefusals[result.reason].message
  return redirect(
    `${withNotice(safeRedirectPath(parsed.data.redirectTo), notice)}#idea-${ideaId}`,
    303,
  )
}
