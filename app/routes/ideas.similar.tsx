import type { LoaderFunctionArgs } from '@remix-run/node'

import { similarQuerySchema } from '#app/domain/ideas/ideas.schema'
import { findSimilarIdeas } from '#app/domain/ideas/posting.server'

/** GET /ideas/similar?q=… → the ideas most like the title typed so far (JSON, for the new-idea form). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { q } = similarQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  return Response.json(
    { query: q, ideas: await findSimilarIdeas({ text: q }) },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}
