// The public ideas list's page query: one page of ideas for the filters and search in the address,
// with the viewer's own votes, and the choices the filter form offers.
import type { IdeaListQuery } from '#app/domain/ideas/ideas.schema'
import {
  listCategories,
  listIdeas,
  listStatuses,
  searchWordsAllTooCommon,
} from '#app/domain/ideas/ideas.server'
import { listTags } from '#app/domain/ideas/tags.server'
import { votingContext, withViewerVotes } from '#app/domain/votes/votes.server'
import { decodePage } from '#app/utils/cursors'
import { cardVotes } from '#app/utils/vote-fill-ins'

/** A search is ranked by relevance unless the person picked another order; without words, trending. */
export function listSortFor(query: Pick<IdeaListQuery, 'q' | 'sort'>) {
  return query.sort === 'relevance' && !query.q
    ? 'trending'
    : (query.sort ?? (query.q ? 'relevance' : 'trending'))
}

export async function getIdeasList({
  query,
  viewer,
}: {
  query: IdeaListQuery
  viewer: { id: number } | null | undefined
}) {
  const sort = listSortFor(query)
  const [page, voting, categories, statuses, tags] = await Promise.all([
    listIdeas({
      sort,
      kind: query.kind,
      categoryId: query.category,
      statusSlug: query.status,
      tagSlug: query.tag,
      search: query.q,
      ...decodePage(query),
    }).then(async (found) => ({
      ...found,
      ideas: await withViewerVotes({ ideas: found.ideas, viewerId: viewer?.id }),
    })),
    votingContext({ viewer }),
    listCategories(),
    listStatuses(),
    listTags(),
  ])
  // Nothing found: because every word is too common to search for ("in", "was"), or not?
  const tooCommon =
    Boolean(query.q) && page.ideas.length === 0 && (await searchWordsAllTooCommon(query.q))
  return {
    tooCommon,
    // The viewer's votes apart from the cards, as one string filled into a kept page (decision 041).
    ideas: page.ideas.map(({ myVote: _myVote, ...idea }) => idea),
    myVotes: cardVotes(page.ideas.map((idea) => idea.myVote)),
    nextCursor: page.nextCursor,
    previousCursor: page.previousCursor,
    isFirstPage: page.isFirstPage,
    voting,
    categories: categories.map(({ id, kind, nameEn, nameNl }) => ({ id, kind, nameEn, nameNl })),
    statuses: statuses
      .filter((status) => !status.retired)
      .map(({ slug, nameEn, nameNl }) => ({ slug, nameEn, nameNl })),
    query: {
      q: query.q,
      sort,
      kind: query.kind ?? '',
      category: query.category ? String(query.category) : '',
      status: query.status ?? '',
      tag: query.tag ?? '',
    },
    publicTags: tags
      .filter((tag) => tag.isPublic)
      .map(({ slug, nameEn, nameNl }) => ({ slug, nameEn, nameNl })),
  }
}
