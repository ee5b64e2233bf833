import { type ActionFunctionArgs, redirect } from '@remix-run/node'

import { parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { voteFormSchema } from '#app/domain/votes/votes.schema'
import { castOwnVote } from '#app/domain/votes/votes.server'
import { readForm, validate } from '#app/utils/forms.server'
import { requireUser } from '#app/utils/http/permissions.server'
import { voteFormReturn } from '#app/utils/http/vote-answers'

// A form that is not one of ours (no such idea, a direction there is none of) is answered with the
// site's error page (4xx), in the person's language and with their header, never plain text.
export { ErrorBoundary } from '#app/components/errors/error-boundary'

export async function loader() {
  throw new Response('Not found', { status: 404 })
}

/**
 * POST /ideas/:id/vote from a form without JavaScript: the vote, then back to the page the form
 * was on (else the idea's page), with the reason on the page if it was not counted (voteFormReturn).
 * The vote button's script asks for JSON and is answered by the HTTP layer
 * (app/server/vote-endpoint.server.ts).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const ideaId = parseIdeaRef(params.ideaRef)
  if (!ideaId) throw new Response('Not found', { status: 404 })
  const values = await readForm(request)
  const parsed = validate(voteFormSchema, values)
  if (!parsed.ok) throw new Response('Bad request', { status: 400 })
  const result = await castOwnVote({ actor: user, ideaId, direction: parsed.data.direction })
  if (!result.ok && result.reason === 'notFound') throw new Response('Not found', { status: 404 })
  return redirect(voteFormReturn({ redirectTo: values.redirectTo, ideaId, result }), 303)
}

/** No page of its own: every answer is a redirect or the error page (the boundary above). */
export default function VoteAnswer() {
  return null
}
