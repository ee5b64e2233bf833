import { data, redirect, type ActionFunctionArgs } from '@remix-run/node'
import { safeRedirectPath } from '#app/domain/accounts/accounts.rules'
import { requireUser } from '#app/domain/accounts/permissions.server'
import { parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { hitRateLimit, rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'
import { voteFormSchema } from '#app/domain/votes/votes.schema'
import { castVote } from '#app/domain/votes/votes.server'
import { readForm, validate } from '#app/utils/forms.server'

const refusalStatus = { notFound: 404, closed: 409, downVotesOff: 403 } as const

export async function loader() {
  throw new Response('Not found', { status: 404 })
}

/**
 * POST /ideas/:id/vote. With JavaScript (respond=json) it answers JSON for the optimistic button;
 * without, it redirects back to the page the form was on, at the idea.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const ideaId = parseIdeaRef(params.ideaRef)
  if (!ideaId) throw new Response('Not found', { status: 404 })
  const parsed = validate(voteFormSchema, await readForm(request))
  if (!parsed.ok) return data({ ok: false as const, error: 'validation.invalid' }, { status: 400 })
  const limit = await hitRateLimit({ rule: rateLimitRules.votePerUser, subject: String(user.id) })
  if (!limit.allowed) {
    return data({ ok: false as const, error: 'votes.tooMany' }, { status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } })
  }
  const result = await castVote({ actor: user, ideaId, direction: parsed.data.direction })
  if (!result.ok) {
    return data({ ok: false as const, error: `votes.refused.${result.reason}` }, { status: refusalStatus[result.reason] })
  }
  if (parsed.data.respond === 'json') return data(result)
  return redirect(`${safeRedirectPath(parsed.data.redirectTo)}#idea-${ideaId}`, 303)
}
