// Insights for the product team: where ideas come from, what people vote for, how fast the team
// answers against its promise, and a CSV of every idea for their own tools.
import { sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import type { ideas } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { channelName } from '#app/domain/channels/channels'
import { getSettings } from '#app/domain/settings/settings.server'
import { csvWriter } from '#app/utils/csv'
import { inLocale, type Locale, translator } from '#app/utils/i18n/i18n'

export async function insights({ weeks = 12 }: { weeks?: number } = {}) {
  const [byChannel, byKind, weekly, topOpen] = await Promise.all([
    queryRows<{ channel: string; ideas: number }>(
      db(),
      sql`select channel, count(*)::int as ideas from ideas where created_at > now() - interval '90 days' group by channel order by ideas desc`,
    ),
    queryRows<{ kind: string; ideas: number }>(
      db(),
      sql`select kind, count(*)::int as ideas from ideas where created_at > now() - interval '90 days' group by kind order by ideas desc`,
    ),
    queryRows<{
      week: string
      ideas: number
      votes: number
      answered: number
      on_time: number
      median_hours: number | null
    }>(
      db(),
      sql`with weeks as (
            select generate_series(date_trunc('week', now()) - make_interval(weeks => ${weeks - 1}), date_trunc('week', now()), interval '1 week') as week
          )
          select to_char(w.week, 'YYYY-MM-DD') as week,
                 (select count(*)::int from ideas i where date_trunc('week', i.created_at) = w.week) as ideas,
                 (select count(*)::int from votes v where date_trunc('week', v.created_at) = w.week) as votes,
                 (select count(*)::int from ideas i where date_trunc('week', i.answered_at) = w.week) as answered,
                 (select count(*)::int from ideas i where date_trunc('week', i.answered_at) = w.week and i.answered_at <= i.first_response_due_at) as on_time,
                 (select percentile_cont(0.5) within group (order by extract(epoch from i.answered_at - i.created_at) / 3600)
                    from ideas i where date_trunc('week', i.answered_at) = w.week) as median_hours
          from weeks w order by w.week`,
    ),
    queryRows<{
      id: number
      slug: string
      title: string
      score: number
      statusNameEn: string
      statusNameNl: string
      channel: string
    }>(
      db(),
      sql`select i.id, i.slug, i.title, i.score, s.name_en as "statusNameEn", s.name_nl as "statusNameNl", i.channel
          from ideas i join statuses s on s.id = i.status_id
          where s.category in ('open', 'active') and i.is_public
          order by i.score desc, i.id desc limit 10`,
    ),
  ])
  return {
    byChannel: byChannel.map((row) => ({ channel: row.channel, ideas: Number(row.ideas) })),
    byKind: byKind.map((row) => ({ kind: row.kind, ideas: Number(row.ideas) })),
    weekly: weekly.map((row) => ({
      week: row.week,
      ideas: Number(row.ideas),
      votes: Number(row.votes),
      answered: Number(row.answered),
      onTime: Number(row.on_time),
      medianHours: row.median_hours === null ? null : Math.round(Number(row.median_hours)),
    })),
    topOpen: topOpen.map((row) => ({ ...row, id: Number(row.id), score: Number(row.score) })),
  }
}

/** The export's columns, in order; each is headed by its name in the reader's language. */
const CSV_COLUMNS = [
  'id',
  'title',
  'kind',
  'category',
  'status',
  'channel',
  'createdAt',
  'upVotes',
  'downVotes',
  'score',
  'comments',
  'firstResponseDueAt',
  'answeredAt',
  'url',
  // Last, so the columns before it keep the places a team's tools may read them by.
  'visibility',
] as const
/** The columns holding moments, written in the site's time zone, which their headers name. */
const TIME_COLUMNS: ReadonlySet<(typeof CSV_COLUMNS)[number]> = new Set([
  'createdAt',
  'firstResponseDueAt',
  'answeredAt',
])

/**
 * Every idea as CSV, streamed in batches by id (constant memory at 100,000 ideas), in `locale`, the
 * reader's: the header, and each idea's kind, category, status and channel by the names the app
 * shows for them; the moments in the site's time zone (csv.ts). The columns keep their order in
 * every language.
 */
export function ideasCsv({ baseUrl, locale }: { baseUrl: string; locale: Locale }) {
  const t = translator(locale)
  let lastId = 0
  let csv: ReturnType<typeof csvWriter> | undefined
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!csv) {
        const { timeZone } = await getSettings()
        csv = csvWriter({
          locale,
          timeZone,
          columns: CSV_COLUMNS.map((column) => ({
            heading: t(`admin.insights.csvColumn.${column}`),
            time: TIME_COLUMNS.has(column),
          })),
        })
        controller.enqueue(encoder.encode(csv.header))
        return
      }
      const rows = await queryRows<
        Record<string, unknown> & {
          id: number
          slug: string
          kind: (typeof ideas.$inferSelect)['kind']
          channel: string
          category_en: string
          category_nl: string
          status_en: string
          status_nl: string
          visibility: 'public' | 'hidden' | 'withdrawn' | 'held'
        }
      >(
        db(),
        sql`select i.id, i.slug, i.title, i.kind, c.name_en as category_en, c.name_nl as category_nl,
                   s.name_en as status_en, s.name_nl as status_nl, i.channel, i.created_at,
                   case when i.hidden_at is not null then 'hidden' when i.withdrawn_at is not null then 'withdrawn'
                        when i.held_at is not null then 'held' else 'public' end as visibility,
                   i.up_votes, i.down_votes, i.score, i.comment_count, i.first_response_due_at, i.answered_at
            from ideas i join categories c on c.id = i.category_id join statuses s on s.id = i.status_id
            where i.id > ${lastId} order by i.id limit 1000`,
      )
      if (rows.length === 0) {
        controller.close()
        return
      }
      lastId = Number(rows[rows.length - 1]!.id)
      const writer = csv
      const lines = rows.map((row) =>
        writer.line([
          row.id,
          row.title,
          t(`ideas.kind.${row.kind}`),
          inLocale(locale, row.category_en, row.category_nl),
          inLocale(locale, row.status_en, row.status_nl),
          channelName(t, row.channel),
          row.created_at,
          row.up_votes,
          row.down_votes,
          row.score,
          row.comment_count,
          row.first_response_due_at,
          row.answered_at,
          `${baseUrl}/ideas/${row.id}-${row.slug}`,
          t(`admin.insights.visibility.${row.visibility}`),
        ]),
      )
      controller.enqueue(encoder.encode(lines.join('')))
    },
  })
}
