// Pure rules for ideas: slugs, shareable paths, trending rank and list cursors.
export const ideaKinds = ['product', 'experience', 'involvement'] as const
export type IdeaKind = (typeof ideaKinds)[number]

export const statusCategories = ['open', 'active', 'closed'] as const
export type StatusCategory = (typeof statusCategories)[number]

export const ideaSorts = ['trending', 'top', 'new', 'discussed'] as const
export type IdeaSort = (typeof ideaSorts)[number]

export function isIdeaKind(value: unknown): value is IdeaKind {
  return typeof value === 'string' && (ideaKinds as readonly string[]).includes(value)
}

export function slugify(title: string) {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  return slug || 'idea'
}

// An idea's address is a fact about the site's URLs (notifications link to it too): defined in app/utils.
export { ideaPath, parseIdeaRef } from '#app/utils/idea-path'

/**
 * Seconds per "order of magnitude" of votes (docs/decisions/017-trending.md): an idea needs ten
 * times the score to outrank one posted a week later, so a well-supported idea stays near the top
 * for days (14 votes from a week ago beat 1 vote from today). The rank only changes when the score
 * does (age counts from a fixed epoch, not from now), so it can be stored and indexed.
 */
const HOT_DECAY_SECONDS = 7 * 24 * 60 * 60
const EPOCH_SECONDS = Date.UTC(2024, 0, 1) / 1000

/** The trending rank: sign(score) · log10(max(|score|, 1)) + (created − 2024-01-01) / 7 days. */
export function hotScore(score: number, createdAt: Date) {
  const order = Math.log10(Math.max(Math.abs(score), 1))
  const sign = score > 0 ? 1 : score < 0 ? -1 : 0
  const seconds = createdAt.getTime() / 1000 - EPOCH_SECONDS
  return Number((sign * order + seconds / HOT_DECAY_SECONDS).toFixed(7))
}

/**
 * The same formula in SQL, for set-based updates (seed, recounts): the database function
 * ideas_hot_score (drizzle/0020_trending_decay.sql), which votes use too. A test checks both agree.
 */
export const hotScoreSql = (scoreColumn: string, createdAtColumn: string) =>
  `ideas_hot_score((${scoreColumn})::bigint, ${createdAtColumn})`

export type Cursor = { value: string; id: number }

/** The SQL type a cursor's sort value is cast to where the list query uses it. */
export type CursorCast = 'timestamptz' | 'int4' | 'float4' | 'float8'

/**
 * The type of the sort value behind each order of the ideas list (the columns of `sortColumns` in
 * ideas.server.ts; a search ranked by relevance sorts on a float4 rank).
 */
export function sortCursorCast(sort: IdeaSort | 'relevance', searching: boolean): CursorCast {
  const casts = { trending: 'float8', top: 'int4', new: 'timestamptz', discussed: 'int4' } as const
  return sort === 'relevance' ? (searching ? 'float4' : casts.trending) : casts[sort]
}

const MAX_INT4 = 2_147_483_647

/**
 * Would PostgreSQL cast this text to `cast` without an error? The cursor comes from the URL, so a
 * forged one ("not a date", a timestamp on a numeric sort, 1e400) must not reach the cast.
 */
export function cursorValueFits(value: string, cast: CursorCast) {
  if (cast === 'timestamptz') {
    if (/^-?infinity$/i.test(value)) return true
    const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2})(?::?\d{2})?)?$/i.exec(value)
    if (!match) return false
    const [year, month, day, hour, minute, second, offset] = match.slice(1).map((part) => Number(part ?? 0))
    const date = new Date(0)
    date.setUTCFullYear(year!, month! - 1, day!)
    return year! >= 1 && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day && hour! <= 23 && minute! <= 59 && second! <= 59 && offset! <= 15
  }
  if (cast === 'int4') return /^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= MAX_INT4
  if (/^(-?infinity|nan)$/i.test(value)) return true
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value)) return false
  const size = Math.abs(Number(value))
  const [largest, smallest] = cast === 'float4' ? [3.4e38, 1.2e-38] : [1.79e308, 2.3e-308]
  // 1e-400 is 0 to JavaScript, and out of range to PostgreSQL.
  const zero = /^-?(0+\.?0*|\.0+)(e[+-]?\d+)?$/i.test(value)
  return zero || (size <= largest && size >= smallest)
}

export function encodeCursor(cursor: Cursor) {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url')
}

/**
 * A cursor from the URL; anything malformed is treated as "first page": not base64 JSON, an id
 * outside the id column, or (given the list's `cast`) a sort value PostgreSQL would not accept.
 */
export function decodeCursor(raw: string | null | undefined, cast?: CursorCast): Cursor | null {
  if (!raw || raw.length > 200) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (!Array.isArray(parsed) || parsed.length !== 2) return null
    const [value, id] = parsed as [unknown, unknown]
    if (typeof value !== 'string' || value.length > 64 || !Number.isSafeInteger(id) || Math.abs(id as number) > MAX_INT4) return null
    if (cast && !cursorValueFits(value, cast)) return null
    return { value, id: id as number }
  } catch {
    return null
  }
}

/** How long after posting the author may still change the title and description. */
export const IDEA_EDIT_MINUTES = 30

export type AuthorActions = {
  /** May change title and description now (and if not, why not). */
  edit: { allowed: true } | { allowed: false; reason: 'notAuthor' | 'withdrawn' | 'tooLate' | 'othersEngaged' | 'decided' }
  /** May withdraw the idea now. */
  withdraw: boolean
}

/**
 * What the author may still do with their idea. Editing closes after 30 minutes or as soon as
 * someone else voted or commented, whichever comes first: people voted on the words they read.
 * Withdrawing is possible until the team has taken the idea up (planned or later).
 */
export function authorActions({
  isAuthor,
  createdAt,
  withdrawnAt,
  statusCategory,
  othersEngaged,
  now = new Date(),
}: {
  isAuthor: boolean
  createdAt: Date
  withdrawnAt: Date | null
  statusCategory: StatusCategory
  othersEngaged: boolean
  now?: Date
}): AuthorActions {
  if (!isAuthor) return { edit: { allowed: false, reason: 'notAuthor' }, withdraw: false }
  if (withdrawnAt) return { edit: { allowed: false, reason: 'withdrawn' }, withdraw: false }
  const open = statusCategory === 'open'
  const edit = !open
    ? ({ allowed: false, reason: 'decided' } as const)
    : now.getTime() - createdAt.getTime() > IDEA_EDIT_MINUTES * 60_000
      ? ({ allowed: false, reason: 'tooLate' } as const)
      : othersEngaged
        ? ({ allowed: false, reason: 'othersEngaged' } as const)
        : ({ allowed: true } as const)
  return { edit, withdraw: open }
}

/** Why the discussion takes no new comment from this viewer, or 'open'. */
export type DiscussionState = 'open' | 'signIn' | 'withdrawn' | 'locked' | 'notPublic'

/**
 * What an idea page may show its viewer, so it says nothing that no longer holds: a withdrawn idea
 * has no status, no promised answer, no voting and no comment form (and says why to people who are
 * signed in); nobody is offered to report their own idea.
 */
export function ideaPageView({
  withdrawn,
  isPublic,
  commentsLocked,
  signedIn,
  isAuthor,
  isTeam,
}: {
  withdrawn: boolean
  isPublic: boolean
  commentsLocked: boolean
  signedIn: boolean
  isAuthor: boolean
  isTeam: boolean
}) {
  const discussion: DiscussionState = withdrawn
    ? 'withdrawn'
    : !signedIn
      ? 'signIn'
      : !isPublic
        ? 'notPublic'
        : commentsLocked && !isTeam
          ? 'locked'
          : 'open'
  return {
    showStatus: !withdrawn,
    showPromise: !withdrawn && (isAuthor || isTeam),
    voting: !withdrawn,
    discussion,
    mayReportIdea: signedIn && !isAuthor,
  }
}
