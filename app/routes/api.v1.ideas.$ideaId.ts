import type { LoaderFunctionArgs } from '@remix-run/node'

import { apiIdea } from '#app/domain/api/api-ideas.server'
import { getIdea } from '#app/domain/ideas/ideas.server'
import { apiError, json, requireApiScope } from '#app/utils/http/api.server'
import { idField } from '#app/utils/schemas'

/** GET /api/v1/ideas/:id: one public idea with its status. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiScope(request, 'ideas:read')
  const id = idField().safeParse(params.ideaId).data
  const idea = id ? await getIdea({ id }) : undefined
  if (!idea || !idea.isPublic) throw apiError(404, 'not_found')
  return json({
    ...apiIdea(idea),
    channel: idea.channel,
    answeredAt: idea.answeredAt?.toISOString() ?? null,
    firstResponseDueAt: idea.firstResponseDueAt?.toISOString() ?? null,
  })
}
