import { data, redirect, type ActionFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/domain/accounts/permissions.server'
import { commentFormSchema } from '#app/domain/comments/comments.schema'
import { deleteComment, editComment, postComment } from '#app/domain/comments/comments.server'
import { parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { publicValues, readForm, validate } from '#app/utils/forms.server'

export async function loader() {
  throw new Response('Not found', { status: 404 })
}

/** POST /ideas/:id/comments with intent post | edit | delete; answers 400 to anything else. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const ideaId = parseIdeaRef(params.ideaRef)
  if (!ideaId) throw new Response('Not found', { status: 404 })
  const values = await readForm(request)
  const parsed = validate(commentFormSchema, values)
  if (!parsed.ok) return data({ ok: false as const, ...parsed.failure }, { status: 400 })
  const form = parsed.data
  const result =
    form.intent === 'post'
      ? await postComment({ actor: user, ideaId, body: form.body, parentId: form.parentId, submissionKey: form.submissionKey })
      : form.intent === 'edit'
        ? await editComment({ actor: user, commentId: form.commentId, body: form.body })
        : await deleteComment({ actor: user, commentId: form.commentId })
  if (!result.ok) {
    return data({ ok: false as const, fieldErrors: {}, formError: result.error, values: publicValues(values) }, { status: result.status })
  }
  return redirect(`/ideas/${params.ideaRef}#comment-${result.commentId}`, 303)
}
