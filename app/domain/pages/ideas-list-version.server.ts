// What the first page of the ideas list, browsed or searched, depends on, read in one statement
// (docs/decisions/041): the page's ideas as the list reads them — the same rows, one more for the
// next page's link, in the same order — each with its page version (changed by triggers with every
// write to the idea — its title and description, which a search's highlights are cut from — and to
// its author's name, drizzle/0032); the reference data's version
// (categories, statuses, tags, settings); the viewer's session, person and unread count
// (viewer-version.server.ts); and the viewer's vote on each idea, which is filled into the page
// (vote-fill-ins.ts) like their name, so people who voted differently share it. One prepared
// statement per shape of the address (the order and which filters), as the list's own
// (ideas.server.ts, `firstBrowsingPageRows`).
import { sql } from 'drizzle-orm'

import { type IdeaKind, ideas, users, votes } from '#app/db/schema'
import { preparedRead } from '#app/db/sql.server'
import type { IdeaSort } from '#app/domain/ideas/ideas.rules'
import {
  firstBrowsingPageRows,
  IDEAS_PAGE_SIZE,
  noteSearchFirstPage,
  rareSearch,
} from '#app/domain/ideas/ideas.server'

import { listVersionStatement } from './viewer-version.server'

function listVersionOf(shape: string, rows: ReturnType<typeof firstBrowsingPageRows>['rows']) {
  return preparedRead((database) =>
    listVersionStatement(database, `ideas_list_version ${shape}`, {
      // Each idea of the page in the list's order with its page version, then '|' and the viewer's
      // vote on each in the same order, as the list's data gives them (directionOf).
      cards: sql<
        string | null
      >`(select string_agg(p.id || ':' || i.page_version, ',' order by p.tier desc, p.sort_key desc, p.id desc)
          || '|' || string_agg(case v.value when 1 then 'up' when -1 then 'down' else 'none' end, ' '
            order by p.tier desc, p.sort_key desc, p.id desc)
        from (${rows()}) p join ${ideas} i on i.id = p.id
        left join ${votes} v on v.idea_id = p.id and v.user_id = ${users.id})`,
    }),
  )
}

/** The version statements, by shape of the address (a few dozen at most). */
const statements = new Map<string, ReturnType<typeof listVersionOf>>()

/**
 * The versions of the ideas list's first page for these filters and search words (`searchText`;
 * null: browsing) and the session `sessionId` names.
 */
export async function readIdeasListVersion({
  sessionId,
  categoryId,
  tagSlug,
  search,
  ...shapeArgs
}: {
  sort: IdeaSort | 'relevance'
  kind?: IdeaKind
  statusId: number | null
  categoryId?: number
  tagSlug?: string
  search: string | null
  sessionId: string | null
}) {
  const rarity =
    search === null ? null : { ...shapeArgs, categoryId, tagSlug, search, limit: IDEAS_PAGE_SIZE }
  const { shape, rows, pageSize } = firstBrowsingPageRows({
    ...shapeArgs,
    categoryId,
    tagSlug,
    searching: search !== null,
    probeFirst: rarity !== null && rareSearch(rarity),
  })
  let statement = statements.get(shape)
  if (!statement) statements.set(shape, (statement = listVersionOf(shape, rows)))
  const [row] = await statement().execute({
    categoryId,
    tagSlug,
    search,
    sessionId: sessionId ?? '',
  })
  if (!row) return undefined
  // The ideas and their versions are the page's version; the votes are filled in, for the
  // `pageSize` cards shown (the one more row says there is a next page).
  const cards = row.cards ?? '|'
  const bar = cards.lastIndexOf('|')
  if (rarity) noteSearchFirstPage(rarity, bar === 0 ? 0 : cards.slice(0, bar).split(',').length)
  const votes = cards
    .slice(bar + 1)
    .split(' ', pageSize)
    .join(' ')
  return { ...row, ideasVersion: cards.slice(0, bar), votes }
}
