// Posting ideas: the similar-ideas check, drafts kept across sign-in, and the idempotent submit.
import { randomUUID } from 'node:crypto'

import { and, eq, lt, type SQL, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { categories, ideaDrafts, ideas, statuses } from '#app/db/schema'
import { queryPreparedRows, queryRows } from '#app/db/sql.server'
import { canParticipate } from '#app/domain/accounts/accounts.rules'
import { notificationCtes, notify } from '#app/domain/notifications/notifications.server'
import { calendarOf, firstResponseDueFrom } from '#app/domain/promises/promises.server'
import { rateLimitBucket, rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'
import { settingsFromRows } from '#app/domain/settings/settings.rules'
import { holdReason, spamSignals } from '#app/domain/spam/spam.rules'
import type { ContentLanguage } from '#app/utils/content-language'
import { staleWhileRevalidate } from '#app/utils/stale-while-revalidate.server'

import type { IdeaKind, SimilarIdea } from './ideas.rules'
import type { NewIdeaInput } from './ideas.schema'
import { fileIdeaCtes, type NewIdeaRow, newIdeaRow, nextIdeaIdSql } from './ideas.server'

/** The distinct words of the text (letters and digits, three or more), at most twelve. */
function wordsOf(text: string) {
  return [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])].slice(0, 12)
}

/**
 * An OR full-text query over the words that carry meaning in both languages: a word that is a stop
 * word in English or in Dutch ("all", "for", "een") would otherwise match half the board through
 * the other language's index.
 */
function orQuery(words: string[]) {
  if (words.length === 0) return sql`''::tsquery`
  const list = sql.join(
    words.map((word) => sql`${word}`),
    sql`, `,
  )
  return sql`(select coalesce(to_tsquery('english', string_agg(w, ' | ')) || to_tsquery('dutch', string_agg(w, ' | ')), ''::tsquery)
              from unnest(array[${list}]::text[]) as w
              where numnode(plainto_tsquery('english', w)) > 0 and numnode(plainto_tsquery('dutch', w)) > 0)`
}

/**
 * Ideas like the text typed so far, best first: trigram similarity of titles plus full-text rank
 * (English and Dutch), so "oatmilk latte" finds "Oat milk in lattes". Withdrawn ideas are left out.
 *
 * Ranking reads every candidate's text, so candidates are bounded first, through the full-text
 * index: ideas with all the words, then (when those are few) ideas with any of them. Ranking every
 * idea that shares one common word, or every title that shares trigrams, took seconds at 100,000
 * ideas (docs/performance.md).
 */
/** How many ideas of each kind of match are ranked at most. */
const SIMILAR_CANDIDATES = 200

export async function findSimilarIdeas({
  text,
  limit = 5,
  excludeId = 0,
}: {
  text: string
  limit?: number
  /** An idea to leave out (the one whose related ideas are wanted). */
  excludeId?: number
}): Promise<SimilarIdea[]> {
  const query = text.trim().slice(0, 240)
  if (query.length < 4) return []
  const fullText = orQuery(wordsOf(query))
  const rows = await queryRows<{
    id: number
    slug: string
    title: string
    language: ContentLanguage | null
    score: number
    status_slug: string
    name_en: string
    name_nl: string
    color: string
  }>(
    db(),
    sql`with every_word as (
          select id from ${ideas}
          where search_vector @@ (plainto_tsquery('english', ${query}) || plainto_tsquery('dutch', ${query}))
          limit ${SIMILAR_CANDIDATES}
        ), any_word as (
          select id from ${ideas}
          where (select count(*) from every_word) < ${limit} and search_vector @@ ${fullText}
          limit ${SIMILAR_CANDIDATES}
        )
        select i.id, i.slug, i.title, i.language, i.score, s.slug as status_slug, s.name_en, s.name_nl, s.color
        from (
          select id, similarity(title, ${query}) + ts_rank(search_vector, ${fullText}) as rank
          from ${ideas}
          where id in (select id from every_word union select id from any_word)
            and is_public and id <> ${excludeId}
          order by rank desc, id desc
          limit ${limit}
        ) ranked
        join ${ideas} i on i.id = ranked.id
        join ${statuses} s on s.id = i.status_id
        order by ranked.rank desc, i.id desc`,
  )
  return rows.map((row) => ({
    id: Number(row.id),
    slug: row.slug,
    title: row.title,
    language: row.language,
    score: Number(row.score),
    statusSlug: row.status_slug,
    statusNameEn: row.name_en,
    statusNameNl: row.name_nl,
    statusColor: row.color,
  }))
}

/**
 * An idea page's related ideas (the same for every viewer, unlike the rest of a signed-in page):
 * kept per instance for half a minute, so a busy idea does not rank its full-text neighbours
 * (10–20 ms of PostgreSQL) on every view. An idea hidden meanwhile may stay listed that long.
 */
const relatedCache = staleWhileRevalidate<SimilarIdea[]>({ maxAgeMs: 30_000, maxEntries: 2000 })

export function relatedIdeas({
  idea,
  limit = 4,
}: {
  idea: { id: number; title: string }
  limit?: number
}) {
  return relatedCache(`${idea.id}:${limit}:${idea.title}`, () =>
    findSimilarIdeas({ text: idea.title, excludeId: idea.id, limit }),
  )
}

export type PostIdeaResult =
  | { ok: true; idea: { id: number; slug: string }; duplicateSubmit: boolean; held?: boolean }
  | { ok: false; fieldErrors?: Partial<Record<string, string[]>>; formError?: string }

const CHANNEL = 'web'

/**
 * Files the idea for the author in two statements: one reads what the rules need, the other counts
 * the rate limit and writes the idea, the author's vote and follow, the acknowledgement (a
 * notification and its queued email), and the webhook event, all or nothing. The same submission
 * key twice (double click, resent form) returns the idea the first one created instead of a second
 * idea. (Issue 19: fifteen statements and two transactions per post made 107–203 posts/s.)
 */
export async function postIdea({
  actor,
  input,
}: {
  actor: { id: number }
  input: NewIdeaInput
}): Promise<PostIdeaResult> {
  const context = await postingContext({ authorId: actor.id, input })
  if (!context) return { ok: false, formError: 'auth.suspended' }
  if (context.existing) return { ok: true, idea: context.existing, duplicateSubmit: true }
  if (!context.categoryOk)
    return { ok: false, fieldErrors: { categoryId: ['ideas.form.categoryRequired'] } }
  if (!canParticipate(context.author)) return { ok: false, formError: 'auth.suspended' }
  const createdAt = new Date()
  const accountAgeMinutes = context.accountAgeMinutes
  const signals = spamSignals({
    text: `${input.title}\n${input.description}`,
    accountAgeMinutes,
    recentPosts: context.recentPosts,
  })
  const row = newIdeaRow({
    id: context.nextId,
    authorId: actor.id,
    kind: input.kind,
    categoryId: input.categoryId,
    title: input.title,
    description: input.description,
    submissionKey: input.submissionKey,
    heldReason: holdReason({ mode: context.settings.premoderation, accountAgeMinutes, signals }),
    channel: CHANNEL,
    createdAt,
    firstResponseDueAt: firstResponseDueFrom({
      rows: context.promises,
      channel: CHANNEL,
      at: createdAt,
      calendar: calendarOf(context),
    }),
  })
  const rule = rateLimitRules.ideaPerUser
  const withinLimit = sql`(select hits from idea_rate_limit) <= ${rule.limit}`
  const [filed] = await queryPreparedRows<{ hits: number; id: number | null }>(
    db(),
    sql`with idea_rate_limit as (select hits from hit_rate_limit(${rateLimitBucket({ rule, subject: String(actor.id) })}::text, ${rule.windowSeconds}::int)),
        ${fileIdeaCtes(row, { onlyIf: withinLimit })},
        ${acknowledgementCtes({ idea: row, onlyIf: sql`exists (select 1 from new_idea)` })}
        select (select hits from idea_rate_limit) as hits, (select id from new_idea) as id`,
  )
  if (filed?.id != null)
    return {
      ok: true,
      idea: { id: row.id, slug: row.slug },
      duplicateSubmit: false,
      held: Boolean(row.heldReason),
    }
  if (Number(filed?.hits) > rule.limit) return { ok: false, formError: 'ideas.form.tooMany' }
  // The same key was used by a parallel submit between the two statements.
  const existing = input.submissionKey
    ? await findBySubmission({ authorId: actor.id, submissionKey: input.submissionKey })
    : undefined
  if (existing) return { ok: true, idea: existing, duplicateSubmit: true }
  throw new Error('The idea was neither filed nor found')
}

/** What posting needs to know, in one statement (and the new idea's id, reserved), or undefined for an unknown author. */
async function postingContext({ authorId, input }: { authorId: number; input: NewIdeaInput }) {
  const [row] = await queryPreparedRows<{
    suspended_until: Date | string | null
    banned_at: Date | string | null
    age_minutes: number | string
    recent: number
    existing: { id: number; slug: string } | null
    category_ok: boolean
    settings: { key: string; value: unknown }[] | null
    promises: { channel: string | null; targetDays: number | null }[] | null
    holidays: string[] | null
    next_id: number | string
  }>(
    db(),
    sql`select u.suspended_until, u.banned_at, extract(epoch from now() - u.created_at) / 60 as age_minutes,
          (select count(*)::int from ${ideas} where author_id = u.id and created_at > now() - interval '1 hour') as recent,
          (select json_build_object('id', i.id, 'slug', i.slug) from ${ideas} i where i.author_id = u.id and i.submission_key = ${input.submissionKey ?? null}::text) as existing,
          exists (select 1 from ${categories} c where c.id = ${input.categoryId}::int and c.kind = ${input.kind}::text and not c.retired) as category_ok,
          (select json_agg(json_build_object('key', s.key, 'value', s.value)) from site_settings s) as settings,
          (select json_agg(json_build_object('channel', p.channel, 'targetDays', p.target_days)) from promises p
            where p.kind = 'first-response' and p.active and (p.channel is null or p.channel = ${CHANNEL}::text)) as promises,
          (select json_agg(h.day) from holidays h where h.day >= current_date - 30) as holidays,
          ${nextIdeaIdSql} as next_id
        from users u where u.id = ${authorId}::int`,
  )
  if (!row) return undefined
  const date = (value: Date | string | null) => (value === null ? null : new Date(value))
  return {
    author: { suspendedUntil: date(row.suspended_until), bannedAt: date(row.banned_at) },
    accountAgeMinutes: Number(row.age_minutes),
    recentPosts: Number(row.recent),
    existing: row.existing ? { id: Number(row.existing.id), slug: row.existing.slug } : undefined,
    categoryOk: Boolean(row.category_ok),
    settings: settingsFromRows(row.settings ?? []),
    promises: row.promises ?? [],
    holidays: row.holidays ?? [],
    nextId: Number(row.next_id),
  }
}

/**
 * The immediate acknowledgement every new idea gets, whatever the channel: in the app and by email,
 * with the date the first response is promised by. Once per idea (the dedupe key).
 */
export async function acknowledgeIdea({
  idea,
  authorId,
  executor,
}: {
  idea: { id: number; firstResponseDueAt: Date | null }
  authorId: number
  executor?: Executor
}) {
  await notify({ executor, ...acknowledgement({ idea: { ...idea, authorId } }) })
}

function acknowledgement({
  idea,
}: {
  idea: { id: number; authorId: number; firstResponseDueAt: Date | null }
}) {
  return {
    type: 'received' as const,
    ideaId: idea.id,
    payload: (idea.firstResponseDueAt
      ? { dueAt: idea.firstResponseDueAt.toISOString() }
      : {}) as Record<string, string>,
    dedupeKey: `received:${idea.id}`,
    recipients: { userIds: [idea.authorId] },
  }
}

/** `acknowledgeIdea` as CTEs of the statement that files the idea. */
function acknowledgementCtes({ idea, onlyIf }: { idea: NewIdeaRow; onlyIf: SQL }) {
  return notificationCtes({ ...acknowledgement({ idea }), onlyIf })!
}

async function findBySubmission({
  authorId,
  submissionKey,
}: {
  authorId: number
  submissionKey: string
}) {
  const [idea] = await db()
    .select({ id: ideas.id, slug: ideas.slug })
    .from(ideas)
    .where(and(eq(ideas.authorId, authorId), eq(ideas.submissionKey, submissionKey)))
  return idea
}

const DRAFT_DAYS = 7

export type IdeaDraftInput = {
  kind: IdeaKind
  categoryId: number | null
  title: string
  description: string
}

/** Keeps a visitor's idea while they sign in or sign up; returns the draft's unguessable id. */
export async function saveDraft({ draft }: { draft: IdeaDraftInput }) {
  const id = randomUUID()
  await db()
    .insert(ideaDrafts)
    .values({ id, ...draft })
  // Old drafts are removed on the way; there is never much to delete.
  await db()
    .delete(ideaDrafts)
    .where(lt(ideaDrafts.createdAt, sql`now() - make_interval(days => ${DRAFT_DAYS})`))
  return id
}

export async function loadDraft({ id }: { id: string }) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined
  const [draft] = await db()
    .select()
    .from(ideaDrafts)
    .where(
      and(
        eq(ideaDrafts.id, id),
        sql`${ideaDrafts.createdAt} > now() - make_interval(days => ${DRAFT_DAYS})`,
      ),
    )
  return draft
}

export async function deleteDraft({ id }: { id: string }) {
  await db().delete(ideaDrafts).where(eq(ideaDrafts.id, id))
}
