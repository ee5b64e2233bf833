import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { z } from 'zod'

import { setFollowing } from '#app/domain/follows/follows.server'
import { parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { readForm, validate } from '#app/utils/forms.server'
import { requireUser } from '#app/utils/http/permissions.server'
import { withNotice } from '#app/utils/notices'

const followSchema = z.object({
  following: z.enum(['true', 'false']),
  respond: z.enum(['json']).optional(),
})

export async function loader() {
  throw new Response('Not found', { status: 404 })
}

/**
 * POST /ideas/:id/follow: follow or stop following (JSON for the button with JavaScript). Without
 * JavaScript every answer is a page: the idea's, or the list when the idea is gone, with why.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const ideaId = parseIdeaRef(params.ideaRef)
  const values = await readForm(request)
  const parsed = validate(followSchema, values)
  const result =
    ideaId && parsed.ok
      ? await setFollowing({
          userId: user.id,
          role: user.role,
          ideaId,
          following: parsed.data.following === 'true',
        })
      : undefined
  if (values.respond === 'json')
    return result?.ok
      ? Response.json({
          ok: true,
          following: result.following,
          followerCount: result.followerCount,
        })
      : Response.json({ ok: false }, { status: parsed.ok ? 404 : 400 })
  if (result?.ok) return redirect(result.ideaPath, 303)
  return redirect(
    ideaId && !parsed.ok
      ? withNotice(`/ideas/${ideaId}`, 'error.formNotUnderstood')
      : withNotice('/ideas', 'follow.ideaGone'),
    303,
  )
}
