import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'

import { apiCreateIdeaSchema, apiListSchema } from '#app/domain/api/api.schema'
import { apiIdea } from '#app/domain/api/api-ideas.server'
import { listIdeas } from '#app/domain/ideas/ideas.server'
import { captureIdea } from '#app/domain/intake/intake.server'
import { decodeCursor } from '#app/utils/cursors'
import {
  apiError,
  json,
  readIdempotencyKey,
  readJson,
  requireApiScope,
} from '#app/utils/http/api.server'

/** GET /api/v1/ideas: public ideas, newest first or by relevance with `q`, keyset-paged. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiScope(request, 'ideas:read')
  const query = apiListSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const page = await listIdeas({
    sort: query.q ? 'relevance' : 'new',
    search: query.q,
    statusSlug: query.status,
    cursor: decodeCursor(query.cursor),
    limit: query.limit,
  })
  return json({ ideas: page.ideas.map(apiIdea), nextCursor: page.nextCursor })
}

/**
 * POST /api/v1/ideas: file an idea on behalf of a customer (as their captured person, whether or not
 * the address has an account); a retry with the same Idempotency-Key gets the first answer.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST')
    throw apiError(405, 'method_not_allowed', {}, { Allow: 'GET, POST' })
  const caller = await requireApiScope(request, 'ideas:write')
  const submissionKey = readIdempotencyKey(request, caller)
  const body = await readJson(request, apiCreateIdeaSchema)
  const result = await captureIdea({
    // The API acts like an intake agent, on behalf of the admin who made the token.
    actor: { id: caller.actorId, role: 'agent' },
    customer: {
      ...body.customer,
      channel: body.channel,
      network: body.network,
      externalRef: body.externalRef,
    },
    idea: {
      kind: body.kind,
      categoryId: body.categoryId,
      title: body.title,
      description: body.description,
    },
    submissionKey,
    via: 'api',
  })
  if (!result.ok) {
    throw result.reason === 'category'
      ? apiError(400, 'validation', {
          issues: [{ path: 'categoryId', message: 'no such category for this kind' }],
        })
      : apiError(403, 'forbidden')
  }
  return json(
    { id: result.ideaId, customerId: result.customerId, url: `/ideas/${result.ideaId}` },
    201,
    { Location: `/api/v1/ideas/${result.ideaId}` },
  )
}
