import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { safeRedirectPath } from '#app/domain/accounts/accounts.rules'
import { requireUser } from '#app/domain/accounts/permissions.server'
import { parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'
import { voteFormSchema } from '#app/domain/votes/votes.schema'
import { castVote } from '#app/domain/votes/votes.server'
import { readForm, validate } from '#app/utils/forms.server'
import { withNotice, withoutNotice, type NoticeKey } from '#app/utils/notices'

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
  if (!parsed.ok) throw new Response('Bad request', { status: 400 })
  const { respond, redirectTo, direction } = parsed.data
  const back = (notice?: NoticeKey) => {
    const path = safeRedirectPath(redirectTo)
    return redirect(
      `${notice ? withNotice(path, notice) : withoutNotice(path)}#idea-${ideaId}`,
      303,
    )
  }
  // A resource route answers with Responses (a plain object is serialised with a warning on every
  // request); refusals keep status 200 so that the optimistic button shows their reason.
  const result = await castVote({
    actor: user,
    ideaId,
    direction,
    limit: { rule: rateLimitRules.votePerUser, subject: String(user.id) },
  })
  if (!result.ok && result.reason === 'tooMany') {
    if (respond !== 'json') return back('votes.tooMany')
    return Response.json(
      { ok: false as const, error: 'votes.tooMany' },
      { headers: { 'Retry-After': String(result.retryAfterSeconds) } },
    )
  }
  if (!result.ok) {
    const error = `votes.refused.${result.reason}` as const
    // Without JavaScript the person lands back where they were, with the reason on the page.
    if (respond !== 'json') {
      if (result.reason === 'notFound') throw new Response('Not found', { status: 404 })
      return back(error)
    }
    return Response.json({ ok: false as const, error })
  }
  if (respond === 'json') return Response.json(result)
  return back()
}
