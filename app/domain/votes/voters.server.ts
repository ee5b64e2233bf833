// Who voted on an idea, for the back office: a paged list (newest vote first) and a CSV of all of them.
import { and, desc, eq, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { keysetRead } from '#app/db/keyset.server'
import { users, votes } from '#app/db/schema'
import { channelName } from '#app/domain/channels/channels'
import { getSettings } from '#app/domain/settings/settings.server'
import { type CsvColumn, csvWriter } from '#app/utils/csv'
import { type PageAt, readKeysetPage } from '#app/utils/cursors'
import { type Locale, type MessageKey, translator } from '#app/utils/i18n/i18n'

export const VOTERS_PAGE_SIZE = 25
/** A CSV export reads at most this many votes (far beyond any idea's count today). */
const VOTERS_CSV_MAX = 100_000

/**
 * The idea's votes nearest `at` (newest first, or going back the other way: keysetRead), cut to
 * `limit` before the voters' names are joined: the names are then read by key for the rows shown,
 * not matched against every person.
 */
function votesInOrder({ ideaId, at = {}, limit }: { ideaId: number; at?: PageAt; limit: number }) {
  const read = keysetRead({
    value: votes.createdAt,
    id: votes.userId,
    cast: 'timestamptz',
    descending: true,
    ...at,
  })
  return db()
    .select({
      userId: votes.userId,
      value: votes.value,
      channel: votes.channel,
      createdAt: votes.createdAt,
      sortValue: sql<string>`${votes.createdAt}::text`.as('sort_value'),
    })
    .from(votes)
    .where(and(eq(votes.ideaId, ideaId), read.where))
    .orderBy(...read.orderBy)
    .limit(limit)
    .as('ordered_votes')
}

/** The voters' names joined to their votes, in the list's order (newest first) whichever way read. */
async function votersOf(ordered: ReturnType<typeof votesInOrder>) {
  return db()
    .select({
      userId: ordered.userId,
      name: users.displayName,
      value: ordered.value,
      channel: ordered.channel,
      createdAt: ordered.createdAt,
      sortValue: ordered.sortValue,
    })
    .from(ordered)
    .innerJoin(users, eq(users.id, ordered.userId))
    .orderBy(desc(ordered.createdAt), desc(ordered.userId))
}

/**
 * One page of an idea's voters, newest vote first: the first, the one after `cursor`, or going back,
 * the one before `before`, with the links to the pages around it. A vote's key is its voter.
 */
export async function listVoters({
  ideaId,
  limit = VOTERS_PAGE_SIZE,
  ...at
}: PageAt & { ideaId: number; limit?: number }) {
  const page = await readKeysetPage(at, limit, async (near) =>
    (await votersOf(votesInOrder({ ideaId, at: near, limit: limit + 1 }))).map((row) => ({
      ...row,
      id: row.userId,
    })),
  )
  return { voters: page.rows.map(({ id: _id, ...voter }) => voter), ...page.links }
}

/**
 * The export's columns, in order, each headed as the voters table on the idea's page heads it, in
 * the reader's language. The order is the same in every language: tools read them by position.
 */
const VOTERS_CSV_COLUMNS: readonly { heading: MessageKey; time?: true }[] = [
  { heading: 'admin.voters.name' },
  { heading: 'admin.voters.vote' },
  { heading: 'admin.channel' },
  { heading: 'admin.voters.date', time: true },
]

/**
 * Every voter of an idea as CSV (name, vote, channel, date), newest vote first, in `locale`, the
 * reader's: the header, each vote's direction and channel, and a deleted account's voter by the words
 * the page shows for them; the dates in the site's time zone (csv.ts).
 */
export async function votersCsv({ ideaId, locale }: { ideaId: number; locale: Locale }) {
  const t = translator(locale)
  const [rows, { timeZone }] = await Promise.all([
    votersOf(votesInOrder({ ideaId, limit: VOTERS_CSV_MAX })),
    getSettings(),
  ])
  const columns: CsvColumn[] = VOTERS_CSV_COLUMNS.map(({ heading, time }) => ({
    heading: t(heading),
    time,
  }))
  const csv = csvWriter({ locale, timeZone, columns })
  return (
    csv.header +
    rows
      .map((row) =>
        csv.line([
          // A deleted account's vote stays, its name gone: named as the page names it (shownName).
          row.name || t('people.formerMember'),
          t(row.value > 0 ? 'admin.voters.up' : 'admin.voters.down'),
          channelName(t, row.channel),
          row.createdAt,
        ]),
      )
      .join('')
  )
}
