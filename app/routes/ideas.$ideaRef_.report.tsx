import { data, redirect, type ActionFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/domain/accounts/permissions.server'
import { parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { reportFormSchema } from '#app/domain/moderation/reports.schema'
import { reportContent } from '#app/domain/moderation/reports.server'
import { readForm, validate } from '#app/utils/forms.server'

export async function loader() {
  throw new Response('Not found', { status: 404 })
}

/** POST /ideas/:id/report: report the idea, or one of its comments (commentId). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const ideaId = parseIdeaRef(params.ideaRef)
  if (!ideaId) throw new Response('Not found', { status: 404 })
  const parsed = validate(reportFormSchema, await readForm(request))
  if (!parsed.ok) return data({ ok: false as const, ...parsed.failure }, { status: 400 })
  const result = await reportContent({ actor: user, ideaId, ...parsed.data })
  if (!result.ok) return data({ ok: false as const, fieldErrors: {}, formError: result.error, values: {} }, { status: result.status })
  const target = parsed.data.commentId ? `comment-${parsed.data.commentId}` : 'idea'
  return redirect(`/ideas/${params.ideaRef}?reported=${target}#${target}`, 303)
}
