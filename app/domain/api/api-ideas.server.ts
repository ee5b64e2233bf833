// How ideas look in the API: stable field names, absolute links, no internal columns.
import { publicBaseUrl } from '#app/utils/env.server'

type CardLike = {
  id: number
  slug: string
  title: string
  kind: string
  upVotes: number
  downVotes: number
  score: number
  commentCount: number
  createdAt: Date | string
  statusSlug: string
  statusNameEn: string
  categoryNameEn: string
}

export function apiIdea(idea: CardLike) {
  return {
    id: idea.id,
    title: idea.title,
    kind: idea.kind,
    category: idea.categoryNameEn,
    status: { slug: idea.statusSlug, name: idea.statusNameEn },
    votes: { up: idea.upVotes, down: idea.downVotes, score: idea.score },
    comments: idea.commentCount,
    createdAt: new Date(idea.createdAt).toISOString(),
    url: `${publicBaseUrl()}/ideas/${idea.id}-${idea.slug}`,
  }
}
