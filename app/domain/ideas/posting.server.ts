// Posting ideas: the similar-ideas check, drafts kept across sign-in, and the idempotent submit.
import { randomUUID } from 'node:crypto'

import { and, eq, lt, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { categories, ideaDrafts, ideas, statuses } from '#app/db/schema'
import { queryPreparedRows, queryRows, sqlStateOf } from '#app/db/sql.server'
import { canParticipate } from '#app/domain/accounts/accounts.rules'
import { eachNotificationCtes, notify } from '#app/domain/notifications/notifications.server'
import { calendarOf, firstResponseDueFrom } from '#app/domain/promises/promises.server'
import { rateLimitBucket, rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'
import { settingsFromRows } from '#app/domain/settings/settings.rules'
import { holdReason, spamSignals } from '#app/domain/spam/spam.rules'
import { batchPerTurnOf, type Waiting } from '#app/utils/batch-per-turn.server'
import type { ContentLanguage } from '#app/utils/content-language'
import { isDatabaseUnavailableError } from '#app/utils/database-errors.server'
import { staleWhileRevalidate } from '#app/utils/stale-while-revalidate.server'

import type { IdeaKind, SimilarIdea } from './ideas.rules'
import type { NewIdeaInput } from './ideas.schema'
import { fileIdeasCtes, type NewIdeaRow, newIdeaRow, nextIdeaIdSql } from './ideas.server'

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
 * A full-text query for words typed halfway: each word as a prefix (`crypto` finds
 * "cryptocurrency"), in English and in Dutch, joined by `operator`; words that carry no meaning in
 * one of the languages are left out (as in `orQuery`). Each word is letters and digits only
 * (`wordsOf`) and reaches the query as a bound value, so nothing typed becomes tsquery syntax.
 */
function prefixQuery(words: string[], operator: '&' | '|') {
  if (words.length === 0) return sql`''::tsquery`
  const list = sql.join(
    words.map((word) => sql`${word}`),
    sql`, `,
  )
  const join = sql.raw(`' ${operator} '`)
  return sql`(select coalesce(to_tsquery('english', string_agg(w || ':*', ${join})) || to_tsquery('dutch', string_agg(w || ':*', ${join})), ''::tsquery)
              from unnest(array[${list}]::text[]) as w
              where numnode(plainto_tsquery('english', w)) > 0 and numnode(plainto_tsquery('dutch', w)) > 0)`
}

/**
 * Titles with a word starting with each of the words (or with any, `operator` '|'): what stemming
 * loses ("cryptocurrenc" is no prefix of the stem "cryptocurr"), read through the title's trigram
 * index. The words are letters and digits only, so none is a regular-expression operator.
 */
function titleWordStarts(words: string[], operator: '&' | '|') {
  if (words.length === 0) return sql`false`
  return sql`(${sql.join(
    words.map((word) => sql`${ideas.title} ~* ${`\\m${word}`}`),
    sql.raw(operator === '&' ? ' and ' : ' or '),
  )})`
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
  prefixes = false,
}: {
  text: string
  limit?: number
  /** An idea to leave out (the one whose related ideas are wanted). */
  excludeId?: number
  /**
   * Each word may be the start of a word (an agent's search, typed halfway: "dog" finds
   * "Dog-friendly shops"), through the same two indexes.
   */
  prefixes?: boolean
}): Promise<SimilarIdea[]> {
  const query = text.trim().slice(0, 240)
  if (query.length < (prefixes ? 3 : 4)) return []
  const words = wordsOf(query)
  const fullText = prefixes ? prefixQuery(words, '|') : orQuery(words)
  const everyWord = prefixes
    ? sql`search_vector @@ ${prefixQuery(words, '&')} or ${titleWordStarts(words, '&')}`
    : sql`search_vector @@ (plainto_tsquery('english', ${query}) || plainto_tsquery('dutch', ${query}))`
  const anyWord = prefixes
    ? sql`(search_vector @@ ${fullText} or ${titleWordStarts(words, '|')})`
    : sql`search_vector @@ ${fullText}`
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
          where ${everyWord}
          limit ${SIMILAR_CANDIDATES}
        ), any_word as (
          select id from ${ideas}
          where (select count(*) from every_word) < ${limit} and ${anyWord}
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
const RELATED_IDEAS_MAX_AGE_MS = 30_000
const relatedCache = staleWhileRevalidate<SimilarIdea[]>({
  maxAgeMs: RELATED_IDEAS_MAX_AGE_MS,
  maxEntries: 2000,
})

export function relatedIdeas({
  idea,
  limit = 4,
}: {
  idea: { id: number; title: string }
  limit?: number
}) {
  return relatedCache(relatedKey(idea, limit), () =>
    findSimilarIdeas({ text: idea.title, excludeId: idea.id, limit }),
  )
}

const relatedKey = (idea: { id: number; title: string }, limit: number) =>
  `${idea.id}:${limit}:${idea.title}`

/** Until when (ms) relatedIdeas gives the idea's related ideas unchanged: a page showing them is kept no longer. */
export function relatedIdeasUnchangedUntil({
  idea,
  limit = 4,
}: {
  idea: { id: number; title: string }
  limit?: number
}) {
  return relatedCache.unchangedUntil(relatedKey(idea, limit))
}

/** Why a post is refused: over the author's rate limit, the author may not take part, or a category of another kind. */
export type PostRefusal = 'rateLimited' | 'suspended' | 'categoryRequired'

export type PostIdeaResult =
  | { ok: true; idea: { id: number; slug: string }; duplicateSubmit: boolean; held?: boolean }
  | { ok: false; reason: PostRefusal }

const CHANNEL = 'web'

/**
 * Files the idea for the author, or says why not. The same submission key twice (double click,
 * resent form) returns the idea the first one created instead of a second idea.
 *
 * Group commit (docs/decisions/030-posts-filed-together.md): while one batch of posts is in the
 * database, the posts that arrive wait and then go together. A batch is two statements however many
 * posts it holds: one reads what the rules need for every post, the other counts each author's rate
 * limit and writes every idea with its vote, follow, acknowledgement (a notification and its queued
 * email) and webhook event, in one transaction. Each post gets its own answer (filed, a duplicate,
 * over the rate limit, suspended, a category that does not fit), after that commit. A batch the
 * database refuses as a whole is posted again post by post, each answering for itself, so one bad
 * post cannot take the others with it. (Issue 19: fifteen statements and two transactions per post
 * made 107–203 posts/s; decision 026 made it two statements per post.)
 */
export function postIdea({
  actor,
  input,
}: {
  actor: { id: number }
  input: NewIdeaInput
}): Promise<PostIdeaResult> {
  return postWithTheNextBatch(db(), { authorId: actor.id, input })
}

type Posting = { authorId: number; input: NewIdeaInput }
type WaitingPost = Waiting<Posting, PostIdeaResult>

/** The most posts one batch files; more wait for the next. */
const MAX_BATCH = 100

const postWithTheNextBatch = batchPerTurnOf<Executor, Posting, PostIdeaResult>((database) => ({
  oneBatchAtATime: true,
  maxBatch: MAX_BATCH,
  handle: (batch) => postBatch(database, batch),
}))

async function postBatch(database: Executor, batch: WaitingPost[]) {
  try {
    await postTogether(database, batch)
  } catch (error) {
    // Nothing of the batch was written (one transaction) and nobody was answered yet.
    if (batch.length === 1 || isDatabaseUnavailableError(error)) throw error
    const reason = sqlStateOf(error)?.code ?? (error instanceof Error ? error.name : 'unknown')
    console.warn(`A batch of ${batch.length} posts failed (${reason}): posting them one by one.`)
    for (const waiting of batch) await postTogether(database, [waiting]).catch(waiting.reject)
  }
}

/** Posts the batch in two statements, then answers each post (nobody before the commit). */
async function postTogether(database: Executor, batch: WaitingPost[]) {
  const context = await postingContext(
    database,
    batch.map((waiting) => waiting.item),
  )
  const decisions = batch.map((waiting, index) => decide(waiting.item, context, index))
  const rows = decisions.flatMap((decision) => ('row' in decision ? [decision.row] : []))
  const filed = rows.length ? await fileIdeas(database, rows) : new Map<number, FiledAnswer>()
  const rule = rateLimitRules.ideaPerUser
  batch.forEach((waiting, index) => {
    const decision = decisions[index]!
    if ('answer' in decision) return waiting.resolve(decision.answer)
    const { row } = decision
    const answer = filed.get(row.id)
    if (answer?.filed)
      return waiting.resolve({
        ok: true,
        idea: { id: row.id, slug: row.slug },
        duplicateSubmit: false,
        held: Boolean(row.heldReason),
      })
    if (Number(answer?.hits) > rule.limit)
      return waiting.resolve({ ok: false, reason: 'rateLimited' })
    // The same key was used by a post of this batch, or by a parallel one since the read.
    const twin = rows.find(
      (other) =>
        filed.get(other.id)?.filed &&
        other.authorId === row.authorId &&
        other.submissionKey === row.submissionKey,
    )
    if (twin)
      return waiting.resolve({
        ok: true,
        idea: { id: twin.id, slug: twin.slug },
        duplicateSubmit: true,
      })
    findFiledTwin(row).then(waiting.resolve, waiting.reject)
  })
}

async function findFiledTwin(row: NewIdeaRow): Promise<PostIdeaResult> {
  const existing = row.submissionKey
    ? await findBySubmission({ authorId: row.authorId, submissionKey: row.submissionKey })
    : undefined
  if (existing) return { ok: true, idea: existing, duplicateSubmit: true }
  throw new Error('The idea was neither filed nor found')
}

type PostingContext = Awaited<ReturnType<typeof postingContext>>

/** The rules for one post of the batch: an answer now, or the row to file. */
function decide(
  posting: Posting,
  context: PostingContext,
  index: number,
): { answer: PostIdeaResult } | { row: NewIdeaRow } {
  const { authorId, input } = posting
  const post = context.posts.get(index)
  if (!post) return { answer: { ok: false, reason: 'suspended' } }
  if (post.existing) return { answer: { ok: true, idea: post.existing, duplicateSubmit: true } }
  if (!post.categoryOk) return { answer: { ok: false, reason: 'categoryRequired' } }
  if (!canParticipate(post.author)) return { answer: { ok: false, reason: 'suspended' } }
  const createdAt = new Date()
  const accountAgeMinutes = post.accountAgeMinutes
  const signals = spamSignals({
    text: `${input.title}\n${input.description}`,
    accountAgeMinutes,
    recentPosts: post.recentPosts,
  })
  return {
    row: newIdeaRow({
      id: post.nextId,
      authorId,
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
        calendar: context.calendar,
      }),
    }),
  }
}

type FiledAnswer = { hits: number; filed: boolean }

/**
 * The batch's one write: counts each post against its author's rate limit (the limits' rows locked
 * in one order, so two batches cannot deadlock) and files the ideas within it, with their votes,
 * follows, webhook events, acknowledgements and emails. Answers, per reserved id, the author's hits
 * and whether the idea was filed (it was not when its key was used before).
 */
async function fileIdeas(database: Executor, rows: NewIdeaRow[]) {
  const rule = rateLimitRules.ideaPerUser
  const limits = rows.map((row) => ({
    id: row.id,
    bucket: rateLimitBucket({ rule, subject: String(row.authorId) }),
  }))
  const answers = await queryPreparedRows<{ id: number; hits: number; filed: boolean }>(
    database,
    sql`with idea_rate_limit as materialized (
          select counted.id, hit.hits
          from (select * from json_to_recordset(${JSON.stringify(limits)}::json) as counted(id int, bucket text)
                order by bucket, id) counted
          cross join lateral hit_rate_limit(counted.bucket, ${rule.windowSeconds}::int) hit
        ),
        ${fileIdeasCtes(rows, {
          onlyIf: sql`(select hits from idea_rate_limit where idea_rate_limit.id = filing.id) <= ${rule.limit}::int`,
        })},
        ${eachNotificationCtes({
          rows: rows.map((row) => acknowledgementRow(row)),
          onlyIf: sql`notification_row.idea_id in (select id from new_idea)`,
        })}
        select id, hits, id in (select id from new_idea) as filed from idea_rate_limit`,
  )
  return new Map(
    answers.map((answer) => [
      Number(answer.id),
      { hits: Number(answer.hits), filed: Boolean(answer.filed) },
    ]),
  )
}

/**
 * What posting needs to know for each post of a batch, in one statement: the author's suspension,
 * account age and posts in the last hour, the idea already filed under the submission key, whether
 * the category fits the kind, and the new idea's id, reserved; and once for them all, the site's
 * settings, the first-response promises and recent holidays. An unknown author has no entry.
 */
async function postingContext(database: Executor, postings: Posting[]) {
  const posts = postings.map(({ authorId, input }, n) => ({
    n,
    author_id: authorId,
    submission_key: input.submissionKey ?? null,
    category_id: input.categoryId,
    kind: input.kind,
  }))
  const [row] = await queryPreparedRows<{
    settings: { key: string; value: unknown }[] | null
    promises: { channel: string | null; targetDays: number | null }[] | null
    holidays: string[] | null
    posts:
      | {
          n: number
          suspendedUntil: string | null
          bannedAt: string | null
          ageMinutes: number
          recent: number
          existing: { id: number; slug: string } | null
          categoryOk: boolean
          nextId: number
        }[]
      | null
  }>(
    database,
    sql`with posting as (
          select * from json_to_recordset(${JSON.stringify(posts)}::json)
            as posting(n int, author_id int, submission_key text, category_id int, kind text)
        )
        select (select json_agg(json_build_object('key', s.key, 'value', s.value)) from site_settings s) as settings,
          (select json_agg(json_build_object('channel', p.channel, 'targetDays', p.target_days)) from promises p
            where p.kind = 'first-response' and p.active and (p.channel is null or p.channel = ${CHANNEL}::text)) as promises,
          (select json_agg(h.day) from holidays h where h.day >= current_date - 30) as holidays,
          (select json_agg(json_build_object(
              'n', posting.n, 'suspendedUntil', u.suspended_until, 'bannedAt', u.banned_at,
              'ageMinutes', extract(epoch from now() - u.created_at) / 60,
              'recent', (select count(*)::int from ${ideas} where author_id = u.id and created_at > now() - interval '1 hour'),
              'existing', (select json_build_object('id', i.id, 'slug', i.slug) from ${ideas} i
                           where i.author_id = u.id and i.submission_key = posting.submission_key),
              'categoryOk', exists (select 1 from ${categories} c where c.id = posting.category_id and c.kind = posting.kind and not c.retired),
              'nextId', ${nextIdeaIdSql}) order by posting.n)
           from posting join users u on u.id = posting.author_id) as posts`,
  )
  const date = (value: string | null) => (value === null ? null : new Date(value))
  const settings = settingsFromRows(row?.settings ?? [])
  return {
    settings,
    promises: row?.promises ?? [],
    calendar: calendarOf({ settings, holidays: row?.holidays ?? [] }),
    posts: new Map(
      (row?.posts ?? []).map((post) => [
        Number(post.n),
        {
          author: { suspendedUntil: date(post.suspendedUntil), bannedAt: date(post.bannedAt) },
          accountAgeMinutes: Number(post.ageMinutes),
          recentPosts: Number(post.recent),
          existing: post.existing
            ? { id: Number(post.existing.id), slug: post.existing.slug }
            : undefined,
          categoryOk: Boolean(post.categoryOk),
          nextId: Number(post.nextId),
        },
      ]),
    ),
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
  email = true,
}: {
  idea: { id: number; firstResponseDueAt: Date | null }
  authorId: number
  executor?: Executor
  /** False: in the app only (another email to the same address carries it: `queueConfirmation`). */
  email?: boolean
}) {
  await notify({ executor, email, ...acknowledgement({ idea: { ...idea, authorId } }) })
}

function acknowledgement({
  idea,
}: {
  idea: {
    id: number
    authorId: number
    firstResponseDueAt: Date | null
    /** Held for a moderator's approval: the acknowledgement says it is not public yet. */
    heldReason?: string | null
  }
}) {
  return {
    type: 'received' as const,
    ideaId: idea.id,
    payload: {
      ...(idea.firstResponseDueAt ? { dueAt: idea.firstResponseDueAt.toISOString() } : {}),
      ...(idea.heldReason ? { held: 1 } : {}),
    } as Record<string, string | number>,
    dedupeKey: `received:${idea.id}`,
    recipients: { userIds: [idea.authorId] },
  }
}

/** `acknowledgeIdea`'s notification as a row of the statement that files a batch of ideas. */
function acknowledgementRow(idea: NewIdeaRow) {
  const { recipients: _author, ...event } = acknowledgement({ idea })
  return { ...event, userId: idea.authorId }
}

/** The idea its author filed with this submission key, if any. */
export async function findBySubmission({
  authorId,
  submissionKey,
  executor = db(),
}: {
  authorId: number
  submissionKey: string
  executor?: Executor
}) {
  const [idea] = await executor
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
