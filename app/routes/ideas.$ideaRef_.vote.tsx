import { type ActionFunctionArgs, redirect } from '@remix-run/node'

import { parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { voteFormSchema } from '#app/domain/votes/votes.schema'
import { castOwnVote } from '#app/domain/votes/votes.server'
import { readForm, validate } from '#app/utils/forms.server'
import { requireUser } from '#app/utils/http/permissions.server'
import { voteFormReturn } from '#app/utils/http/vote-answers'

export async function loader() {
  throw new Response('Not found', { status: 404 })
}

/**
 * POST /ideas/:id/vote from a form without JavaScript: the vote, then back to the page the form
 * was on (else the idea's page), with the reason on the page if it was not counted, a form that is
 * not one of ours included (voteFormReturn). The vote button's script asks for JSON and is answered
 * by the HTTP layer (app/server/vote-endpoint.server.ts).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const ideaId = parseIdeaRef(params.ideaRef)
  const values = await readForm(request)
  const parsed = validate(voteFormSchema, values)
  const result = !ideaId
    ? ({ ok: false, reason: 'notFound' } as const)
    : parsed.ok
      ? await castOwnVote({ actor: user, ideaId, direction: parsed.data.direction })
      : ({ ok: false, reason: 'invalid' } as const)
  return redirect(voteFormReturn({ redirectTo: values.redirectTo, ideaId, result }), 303)
}
