// The back-office lists' page query: the triage queue (ideas the team has not answered yet) and the
// list of every idea (or those assigned to the viewer), with the filters and choices their forms show.
import { listCategories, listStatuses } from '#app/domain/ideas/ideas.server'
import { listTags } from '#app/domain/ideas/tags.server'
import { decodePage } from '#app/utils/cursors'

import { defaultTriageSort, listIsFiltered, triageAges, triageSortsFor } from './triage.rules'
import type { TriageFilters } from './triage.schema'
import { listTeam, listTriage, triageCursorCast, type TriageView } from './triage.server'

/** One page of the queue (`list: 'queue'`) or of every idea (`list: 'ideas'`), for a member of the team. */
export async function getTriageQueue({
  viewer,
  list,
  filters,
  now = new Date(),
}: {
  viewer: { id: number }
  list: 'queue' | 'ideas'
  filters: TriageFilters
  /** The moment the page's ages are worked out for. */
  now?: Date
}) {
  const view: TriageView = list === 'queue' ? 'queue' : (filters.view ?? 'all')
  const sort =
    filters.sort && triageSortsFor(view).includes(filters.sort)
      ? filters.sort
      : defaultTriageSort(view)
  const [page, statuses, categories, tags, team] = await Promise.all([
    listTriage({
      view,
      viewerId: viewer.id,
      statusSlug: filters.status,
      kind: filters.kind,
      categoryId: filters.category,
      tagId: filters.tag,
      search: filters.q,
      sort,
      ...decodePage(filters, triageCursorCast(sort)),
    }),
    listStatuses(),
    listCategories(),
    listTags(),
    listTeam(),
  ])
  return {
    view,
    filtered: listIsFiltered(list, filters),
    filters: {
      view: filters.view ?? '',
      status: filters.status ?? '',
      kind: filters.kind ?? '',
      category: filters.category ? String(filters.category) : '',
      tag: filters.tag ? String(filters.tag) : '',
      q: filters.q ?? '',
      sort: filters.sort === sort ? sort : '',
    },
    sort,
    sorts: triageSortsFor(view),
    selectAll: filters.select === 'all',
    ...page,
    ideas: page.ideas.map((idea) => ({ ...idea, ...triageAges(idea, now) })),
    statuses: statuses.map(({ id, slug, nameEn, nameNl, retired }) => ({
      id,
      slug,
      nameEn,
      nameNl,
      retired,
    })),
    categories: categories.map(({ id, kind, nameEn, nameNl }) => ({ id, kind, nameEn, nameNl })),
    tags: tags.map(({ id, nameEn, nameNl }) => ({ id, nameEn, nameNl })),
    team,
  }
}
