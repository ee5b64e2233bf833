// The public profile's page query (/u/<handle>): the person, their points, one page of their ideas
// with the viewer's own votes, and their latest comments as plain-text excerpts. An old handle
// answers where the person is now; the route only parses, picks the viewer and responds.
import { isStaff } from '#app/domain/accounts/accounts.rules'
import { findProfileByHandle, findRenamedHandle } from '#app/domain/accounts/accounts.server'
import { listCommentsByAuthor, listIdeasByAuthor } from '#app/domain/ideas/ideas.server'
import { getPointsOf } from '#app/domain/points/points.server'
import { votingContext, withViewerVotes } from '#app/domain/votes/votes.server'
import { decodePage } from '#app/utils/cursors'
import { markdownToText } from '#app/utils/markdown.server'
import { isSlug } from '#app/utils/text.rules'

export async function getProfilePage({
  handle,
  page: at,
  viewer,
}: {
  handle: string | undefined
  /** Which page of their ideas the address asks for (`cursor`, or going back, `before`). */
  page: { cursor?: string | null; before?: string | null }
  viewer: { id: number } | null | undefined
}) {
  const person = isSlug(handle) ? await findProfileByHandle({ handle }) : undefined
  if (!person) {
    const renamed = isSlug(handle) ? await findRenamedHandle({ handle }) : null
    return renamed
      ? ({ ok: false, reason: 'moved', handle: renamed } as const)
      : ({ ok: false, reason: 'notFound' } as const)
  }
  const [voting, page, comments, points] = await Promise.all([
    votingContext({ viewer }),
    listIdeasByAuthor({ authorId: person.id, ...decodePage(at, 'timestamptz') }),
    listCommentsByAuthor({ authorId: person.id }),
    getPointsOf({ userId: person.id }),
  ])
  return {
    ok: true,
    page: {
      person: {
        displayName: person.displayName,
        handle: person.handle,
        staff: isStaff(person.role),
        memberSince: person.createdAt,
      },
      points,
      ideas: await withViewerVotes({ ideas: page.ideas, viewerId: viewer?.id }),
      nextCursor: page.nextCursor,
      previousCursor: page.previousCursor,
      isFirstPage: page.isFirstPage,
      voting,
      comments: comments.map(({ body, ...comment }) => ({
        ...comment,
        excerpt: markdownToText(body, 180),
      })),
    },
  } as const
}
