// Pure rules for ideas: slugs, shareable paths, trending rank and list cursors.
import { backOfficeRoles, hasRole, type Role } from '#app/domain/accounts/accounts.rules'
import { discussionState } from '#app/domain/discussion/discussion.rules'
import type { ContentLanguage } from '#app/utils/content-language'
import type { CursorCast } from '#app/utils/cursors'
import { slugWords } from '#app/utils/slugs'

export const ideaKinds = ['product', 'experience', 'involvement'] as const
export type IdeaKind = (typeof ideaKinds)[number]

/**
 * A new idea's category against the kind chosen (the form offers every kind's categories, grouped,
 * so that a person without JavaScript can still switch kinds): `otherKind` when it is one of another
 * kind's categories, `unknown` when it is none of `categories` (or no kind was chosen).
 */
export function categoryFit({
  kind,
  categoryId,
  categories,
}: {
  kind: unknown
  categoryId: unknown
  categories: readonly { id: number; kind: string }[]
}): 'fits' | 'otherKind' | 'unknown' {
  const category = categories.find((each) => String(each.id) === String(categoryId))
  if (!category || !(ideaKinds as readonly unknown[]).includes(kind)) return 'unknown'
  return category.kind === kind ? 'fits' : 'otherKind'
}

// The lengths an idea's words may have: the form's maxlength attributes and the zod schema share them.
export const TITLE_MIN = 5
export const TITLE_MAX = 120
export const DESCRIPTION_MAX = 10_000

export const statusCategories = ['open', 'active', 'closed'] as const
export type StatusCategory = (typeof statusCategories)[number]

export const ideaSorts = ['trending', 'top', 'new', 'discussed'] as const
export type IdeaSort = (typeof ideaSorts)[number]

/** How a status is shown beside an idea (a badge): selected once, as statusDisplayColumns in status-display.server.ts. */
export type StatusDisplay = {
  statusSlug: string
  statusNameEn: string
  statusNameNl: string
  statusColor: string
}

/** An idea like the one being written or read, to vote on instead (similar and related ideas). */
/** An idea named beside another (similar while posting, related on its page); `language` is for the title's `lang`. */
export type SimilarIdea = {
  id: number
  slug: string
  title: string
  language?: ContentLanguage | null
  score: number
} & StatusDisplay

export function slugify(title: string) {
  const slug = slugWords(title).slice(0, 60).replace(/-+$/g, '')
  return slug || 'idea'
}

// An idea's address is a fact about the site's URLs (notifications link to it too): defined in app/utils.
export { ideaPath, parseIdeaRef, postedIdeaPath } from '#app/utils/idea-path'

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
 * ideas_hot_score (app/domain/ideas/hot-score.sql), which votes use too. hot-score.parity.server.test.ts
 * checks both agree on generated inputs.
 */
export const hotScoreSql = (scoreColumn: string, createdAtColumn: string) =>
  `ideas_hot_score((${scoreColumn})::bigint, ${createdAtColumn})`

/**
 * The type of the sort value behind each order of the ideas list (the columns of `sortColumns` in
 * ideas.server.ts; a search ranked by relevance sorts on its tier, title match or not, then the
 * hot score: "1:152.7774415").
 */
export function sortCursorCast(sort: IdeaSort | 'relevance', searching: boolean): CursorCast {
  const casts = { trending: 'float8', top: 'int4', new: 'timestamptz', discussed: 'int4' } as const
  return sort === 'relevance' ? (searching ? 'tier:float8' : casts.trending) : casts[sort]
}

/** How long after posting the author may still change the title and description. */
export const IDEA_EDIT_MINUTES = 30

export type AuthorActions = {
  /** May change title and description now (and if not, why not). */
  edit:
    | { allowed: true }
    | {
        allowed: false
        reason: 'notAuthor' | 'withdrawn' | 'tooLate' | 'othersEngaged' | 'decided'
      }
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

/**
 * What an idea page may show its viewer, so it says nothing that no longer holds: a withdrawn idea
 * has no status, no promised answer, no voting and no comment form (and says why to people who are
 * signed in); nobody is offered to report their own idea.
 */
export function ideaPageView({
  withdrawn,
  held,
  isPublic,
  commentsLocked,
  signedIn,
  isAuthor,
  isTeam,
}: {
  withdrawn: boolean
  /** Waiting for a moderator's approval (held at posting). */
  held: boolean
  isPublic: boolean
  commentsLocked: boolean
  signedIn: boolean
  isAuthor: boolean
  isTeam: boolean
}) {
  const discussion = discussionState({ withdrawn, isPublic, commentsLocked, signedIn, isTeam })
  return {
    showStatus: !withdrawn,
    // A first answer is promised to what waits for one: a public idea, or one held for approval; an
    // idea hidden by a moderator (or rejected while held) is out of the team's queue.
    showPromise: !withdrawn && (isPublic || held) && (isAuthor || isTeam),
    voting: !withdrawn,
    discussion,
    mayReportIdea: signedIn && !isAuthor,
    // A withdrawn idea waits for nothing: its author reads that they withdrew it, and only that.
    waitingForModerator: held && !withdrawn,
  }
}

export type IdeaViewer = { id: number; role: Role } | null | undefined

/** Whether the viewer works in the back office (sees hidden and held ideas, private tags, the clock). */
export function isTeamViewer(viewer: IdeaViewer) {
  return Boolean(viewer && hasRole(viewer.role, backOfficeRoles))
}

/** Hidden and held ideas exist only for their author and the team; every other idea for everyone. */
export function mayViewIdea(
  idea: { authorId: number; hiddenAt: Date | null; heldAt: Date | null },
  viewer: IdeaViewer,
) {
  if (!idea.hiddenAt && !idea.heldAt) return true
  return viewer?.id === idea.authorId || isTeamViewer(viewer)
}
