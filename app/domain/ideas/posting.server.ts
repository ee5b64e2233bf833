// Posting ideas: the similar-ideas check, drafts kept across sign-in, and the idempotent submit.
import { randomUUID } from 'node:crypto'
import { and, eq, lt, sql } from 'drizzle-orm'
import { db, type Executor } from '#app/db/db.server'
import { categories, ideaDrafts, ideas, statuses } from '#app/db/schema'
import { isUniqueViolation, queryRows } from '#app/db/sql.server'
import { hitRateLimit, rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'
import { mayParticipate } from '#app/domain/accounts/accounts.server'
import { holdReason, spamSignals } from '#app/domain/spam/spam.rules'
import { getSettings } from '#app/domain/settings/settings.server'
import { notify } from '#app/domain/notifications/notifications.server'
import { staleWhileRevalidate } from '#app/utils/stale-while-revalidate.server'
import type { IdeaKind, SimilarIdea } from './ideas.rules'
import type { NewIdeaInput } from './ideas.schema'
import { createIdea } from './ideas.server'
import type { ContentLanguage } from '#app/utils/content-language'


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

export function relatedIdeas({ idea, limit = 4 }: { idea: { id: number; title: string }; limit?: number }) {
  return relatedCache(`${idea.id}:${limit}:${idea.title}`, () =>
    findSimilarIdeas({ text: idea.title, excludeId: idea.id, limit }),
  )
}

/**
 * The immediate acknowledgement every new idea gets, whatever the channel: in the app and by email,
 * with the date the first response is promised by. Once per idea (the dedupe key).
 */
export async function acknowledgeIdea({ idea, authorId, executor }: { idea: { id: number; firstResponseDueAt: Date | null }; authorId: number; executor?: Executor }) {
  await notify({
    executor,
    type: 'received',
    ideaId: idea.id,
    payload: idea.firstResponseDueAt ? { dueAt: idea.firstResponseDueAt.toISOString() } : {},
    dedupeKey: `received:${idea.id}`,
    recipients: { userIds: [authorId] },
  })
}

/** Why the author's new post should wait for a moderator (pre-moderation setting, spam signals), or null. */
async function moderationHold({ authorId, text }: { authorId: number; text: string }) {
  const [settings, [author]] = await Promise.all([
    getSettings(),
    queryRows<{ age_minutes: number; recent: number }>(
      db(),
      sql`select extract(epoch from now() - u.created_at) / 60 as age_minutes,
                 (select count(*)::int from ${ideas} where author_id = u.id and created_at > now() - interval '1 hour') as recent
          from users u where u.id = ${authorId}`,
    ),
  ])
  const accountAgeMinutes = Number(author?.age_minutes ?? 0)
  const signals = spamSignals({ text, accountAgeMinutes, recentPosts: Number(author?.recent ?? 0) })
  return holdReason({ mode: settings.premoderation, accountAgeMinutes, signals })
}

export type PostIdeaResult =
  | { ok: true; idea: { id: number; slug: string }; duplicateSubmit: boolean; held?: boolean }
  | { ok: false; fieldErrors?: Partial<Record<string, string[]>>; formError?: string }

/**
 * Files the idea for the author. The same submission key twice (double click, resent form) returns
 * the idea the first one created instead of a second idea.
 */
export async function postIdea({ actor, input }: { actor: { id: number }; input: NewIdeaInput }): Promise<PostIdeaResult> {
  if (input.submissionKey) {
    const existing = await findBySubmission({ authorId: actor.id, submissionKey: input.submissionKey })
    if (existing) return { ok: true, idea: existing, duplicateSubmit: true }
  }
  const [category] = await db()
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.id, input.categoryId), eq(categories.kind, input.kind), eq(categories.retired, false)))
  if (!category) return { ok: false, fieldErrors: { categoryId: ['ideas.form.categoryRequired'] } }

  if (!(await mayParticipate({ userId: actor.id }))) return { ok: false, formError: 'auth.suspended' }
  const limit = await hitRateLimit({ rule: rateLimitRules.ideaPerUser, subject: String(actor.id) })
  if (!limit.allowed) return { ok: false, formError: 'ideas.form.tooMany' }
  const heldReason = await moderationHold({ authorId: actor.id, text: `${input.title}\n${input.description}` })

  try {
    // The idea and its acknowledgement (a notification and its queued email) commit together: a
    // crash in between would leave an idea whose resubmit finds it filed and never acknowledges it.
    const idea = await db().transaction(async (tx) => {
      const created = await createIdea({
        heldReason,
        authorId: actor.id,
        kind: input.kind,
        categoryId: category.id,
        title: input.title,
        description: input.description,
        submissionKey: input.submissionKey,
        executor: tx,
      })
      await acknowledgeIdea({ idea: created, authorId: actor.id, executor: tx })
      return created
    })
    return { ok: true, idea: { id: idea.id, slug: idea.slug }, duplicateSubmit: false, held: Boolean(heldReason) }
  } catch (error) {
    if (input.submissionKey && isUniqueViolation(error, 'ideas_submission_unique')) {
      const existing = await findBySubmission({ authorId: actor.id, submissionKey: input.submissionKey })
      if (existing) return { ok: true, idea: existing, duplicateSubmit: true }
    }
    throw error
  }
}

async function findBySubmission({ authorId, submissionKey }: { authorId: number; submissionKey: string }) {
  const [idea] = await db()
    .select({ id: ideas.id, slug: ideas.slug })
    .from(ideas)
    .where(and(eq(ideas.authorId, authorId), eq(ideas.submissionKey, submissionKey)))
  return idea
}

const DRAFT_DAYS = 7

export type IdeaDraftInput = { kind: IdeaKind; categoryId: number | null; title: string; description: string }

/** Keeps a visitor's idea while they sign in or sign up; returns the draft's unguessable id. */
export async function saveDraft({ draft }: { draft: IdeaDraftInput }) {
  const id = randomUUID()
  await db().insert(ideaDrafts).values({ id, ...draft })
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
    .where(and(eq(ideaDrafts.id, id), sql`${ideaDrafts.createdAt} > now() - make_interval(days => ${DRAFT_DAYS})`))
  return draft
}

export async function deleteDraft({ id }: { id: string }) {
  await db().delete(ideaDrafts).where(eq(ideaDrafts.id, id))
}
