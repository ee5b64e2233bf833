// The back-office idea page's data in one call: the idea's answers, notes, tags, team, history,
// comment thread (hidden ones included), a page of voters, its open reports and its comments',
// whether it may be merged away and, when searched, merge candidates.
import { listAudit } from '#app/domain/audit/audit.server'
import { listCategories, listComments, listStatuses } from '#app/domain/ideas/ideas.server'
import { mergeDuplicateRefusal } from '#app/domain/ideas/merging.rules'
import { findMergeCandidates } from '#app/domain/ideas/merging.server'
import { listResponses } from '#app/domain/ideas/responses.server'
import { listTags, tagsOfIdea } from '#app/domain/ideas/tags.server'
import { openReportsOn } from '#app/domain/moderation/reports.server'
import { getSettings } from '#app/domain/settings/settings.server'
import { listVoters } from '#app/domain/votes/voters.server'
import type { PageAt } from '#app/utils/cursors'
import type { Locale } from '#app/utils/i18n/i18n'

import { listInternalNotes, listTeam } from './triage.server'

/** How many entries of its history the idea's page shows (the rest are in the audit log). */
export const AUDIT_IDEA_PAGE_SIZE = 20

export async function getBackOfficeIdeaPage({
  idea,
  votersAt = {},
  mergeSearch,
  locale,
}: {
  /** The idea, as read for the page: what decides whether it may be merged away. */
  idea: { id: number } & Parameters<typeof mergeDuplicateRefusal>[0]
  /** Which page of voters: after a cursor, before one (going back), or the first. */
  votersAt?: PageAt
  mergeSearch?: string
  locale: Locale
}) {
  const ideaId = idea.id
  // Why it may not be merged away (the page says so instead of offering Merge), or null.
  const mergeRefusal = mergeDuplicateRefusal(idea)
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
    openReports,
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
      listAudit({
        ofIdea: ideaId,
        locale,
        limit: AUDIT_IDEA_PAGE_SIZE,
        timeZone,
      }),
    ),
    listComments({ ideaId }),
    listVoters({ ideaId, ...votersAt }),
    openReportsOn({ ideaId }),
    mergeSearch && !mergeRefusal
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
    openReports,
    mergeRefusal,
    mergeCandidates,
  }
}
