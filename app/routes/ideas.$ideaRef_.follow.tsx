import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { z } from 'zod'

import { setFollowing } from '#app/domain/follows/follows.server'
import { parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { readForm, validate } from '#app/utils/forms.server'
import { requireUser } from '#app/utils/http/permissions.server'

const followSchema = z.object({
  following: z.enum(['true', 'false']),
  respond: z.enum(['json']).optional(),
})

export async function loader() {
  throw new Response('Not found', { status: 404 })
}

/** POST /ideas/:id/follow: follow or stop following (JSON for the button with JavaScript). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const ideaId = parseIdeaRef(params.ideaRef)
  if (!ideaId) throw new Response('Not found', { status: 404 })
  const parsed = validate(followSchema, await readForm(request))
  if (!parsed.ok) throw new Response('Bad request', { status: 400 })
  const result = await setFollowing({
    userId: user.id,
    ideaId,
    following: parsed.data.following === 'true',
  })
  if (!result.ok) throw new Response('Not found', { status: 404 })
  const { following, followerCount } = result
  return parsed.data.respond === 'json'
    ? Response.json({ ok: true, following, followerCount })
    : redirect(result.ideaPath, 303)
}
