// Pure rules for the idea page: who may see an idea, the promise clock shown beside it, and what of
// each comment its viewer is given. getIdeaPage (idea-page.server.ts) applies them.
import { isStaff, type Role } from '#app/domain/accounts/accounts.rules'
import { canEditComment, COMMENT_EDIT_MINUTES } from '#app/domain/comments/comments.rules'
import { IDEA_EDIT_MINUTES } from '#app/domain/ideas/ideas.rules'
import { type WorkingCalendar, workingDaysBetween } from '#app/domain/promises/calendar.rules'
import type { ContentLanguage } from '#app/utils/content-language'

// Who may see an idea is the ideas area's rule (following one asks it too): said here for the page.
export { type IdeaViewer, isTeamViewer, mayViewIdea } from '#app/domain/ideas/ideas.rules'

export type PromiseClock =
  | { answeredInDays: number; dueAt: null; overdue: false }
  | { answeredInDays: null; dueAt: Date; overdue: boolean }

/** The promise clock: when the first answer is due (and whether that has passed), or how many working days it took. */
export function promiseClock(
  idea: { createdAt: Date; answeredAt: Date | null; firstResponseDueAt: Date | null },
  calendar: WorkingCalendar | null,
  now = new Date(),
): PromiseClock | null {
  if (!calendar || !idea.firstResponseDueAt) return null
  if (idea.answeredAt)
    return {
      answeredInDays: workingDaysBetween(idea.createdAt, idea.answeredAt, calendar),
      dueAt: null,
      overdue: false,
    }
  return {
    answeredInDays: null,
    dueAt: idea.firstResponseDueAt,
    overdue: idea.firstResponseDueAt.getTime() < now.getTime(),
  }
}

/** A comment as listComments reads it. */
type StoredComment = {
  id: number
  parentId: number | null
  body: string
  language: ContentLanguage | null
  channel: string
  createdAt: Date
  editedAt: Date | null
  deletedAt: Date | null
  hiddenAt: Date | null
  authorId: number
  authorName: string
  authorHandle: string
  authorRole: Role
}

/**
 * A comment as its viewer sees it. Hidden by a moderator reads as a placeholder, like a deleted
 * comment, to everyone; the raw text goes only to its author (for the edit form), and only they may
 * edit it, within the editing window. `html` renders the text (left out for a removed comment).
 * Built field by field: the idea page makes one per comment for every viewer, and copying the stored
 * row minus its private columns (an object rest) was a twentieth of that page's CPU (issue 19).
 */
export function commentForViewer(
  comment: StoredComment,
  viewerId: number | null | undefined,
  html: (body: string) => string,
  now = new Date(),
  reportedByViewer = false,
) {
  const { body, hiddenAt, authorId } = comment
  const mine = viewerId === authorId
  const deletedAt = comment.deletedAt ?? hiddenAt
  return {
    id: comment.id,
    parentId: comment.parentId,
    language: comment.language,
    channel: comment.channel,
    createdAt: comment.createdAt,
    authorName: comment.authorName,
    authorHandle: comment.authorHandle,
    deleted: deletedAt !== null,
    hidden: hiddenAt !== null && comment.deletedAt === null,
    edited: comment.editedAt !== null,
    staff: isStaff(comment.authorRole),
    mine,
    canEdit:
      mine &&
      !deletedAt &&
      canEditComment({ authorId, actorId: viewerId!, createdAt: comment.createdAt, now }),
    body: mine && !deletedAt ? body : '',
    html: deletedAt ? '' : html(body),
    reportedByViewer,
  }
}

/**
 * When what an idea page says from the clock next changes, for the page read at some moment: the
 * author's edit window closing, the viewer's own comments' edit windows closing, the promised first
 * answer falling due. A page kept to be answered again without its loaders (decision 040) is not
 * answered at or after this moment (milliseconds; Infinity: nothing on it follows the clock).
 */
export function ideaPageChangesAt(page: {
  idea: { createdAt: Date }
  authorTools: { edit: boolean }
  comments: readonly { canEdit: boolean; createdAt: Date }[]
  clock: PromiseClock | null
}) {
  // Each window includes its last millisecond (authorActions, canEditComment, promiseClock).
  let at = Infinity
  if (page.authorTools.edit)
    at = Math.min(at, page.idea.createdAt.getTime() + IDEA_EDIT_MINUTES * 60_000 + 1)
  for (const comment of page.comments)
    if (comment.canEdit)
      at = Math.min(at, comment.createdAt.getTime() + COMMENT_EDIT_MINUTES * 60_000 + 1)
  if (page.clock?.dueAt && !page.clock.overdue) at = Math.min(at, page.clock.dueAt.getTime() + 1)
  return at
}
