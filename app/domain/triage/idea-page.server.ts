// The back-office idea page's data in one call: the idea's answers, notes, tags, team, history,
// comment thread (hidden ones included), a page of voters and, when searched, merge candidates.
import { listAudit } from '#app/domain/audit/audit.server'
import { listCategories, listComments, listStatuses } from '#app/domain/ideas/ideas.server'
import { findMergeCandidates } from '#app/domain/ideas/merging.server'
import { listResponses } from '#app/domain/ideas/responses.server'
import { listTags, tagsOfIdea } from '#app/domain/ideas/tags.server'
import { getSettings } from '#app/domain/settings/settings.server'
import { listVoters } from '#app/domain/votes/voters.server'
import type { PageAt } from '#app/utils/cursors'
import type { Locale } from '#app/utils/i18n/i18n'

import { listInternalNotes, listTeam } from './triage.server'

export async function getBackOfficeIdeaPage({
  ideaId,
  votersAt = {},
  mergeSearch,
  locale,
}: {
  ideaId: number
  /** Which page of voters: after a cursor, before one (going back), or the first. */
  votersAt?: PageAt
  mergeSearch?: string
  locale: Locale
}) {
  const [
    responses,
    notes,
    statuses,
    categories,
    allTags,
    ideaTags,
    team,
    audit,
    comments,
    voters,
    mergeCandidates,
  ] = await Promise.all([
    listResponses({ ideaId }),
    listInternalNotes({ ideaId }),
    listStatuses(),
    listCategories(),
    listTags(),
    tagsOfIdea({ ideaId, includePrivate: true }),
    listTeam(),
    getSettings().then(({ timeZone }) =>
      listAudit({ filters: { targetType: 'idea', targetId: ideaId }, locale, limit: 20, timeZone }),
    ),
    listComments({ ideaId }),
    listVoters({ ideaId, ...votersAt }),
    mergeSearch
      ? findMergeCandidates({ search: mergeSearch, excludeId: ideaId })
      : Promise.resolve(null),
  ])
  return {
    responses,
    notes,
    statuses: statuses.filter((status) => !status.retired),
    categories,
    allTags,
    ideaTags,
    team,
    audit: audit.entries,
    comments,
    voters,
    mergeCandidates,
  }
}
