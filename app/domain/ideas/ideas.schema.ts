// Input schemas for idea lists and pages: what the URL may say.
import { z } from 'zod'
import { ideaKinds, ideaSorts } from './ideas.rules'

/** `/ideas?sort=top&kind=product&cursor=…`: anything unknown falls back to the defaults. */
export const ideaListQuerySchema = z.object({
  sort: z.enum(ideaSorts).catch('trending'),
  kind: z.enum(ideaKinds).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
})

export type IdeaListQuery = z.infer<typeof ideaListQuerySchema>
