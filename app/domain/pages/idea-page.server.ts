// The idea page's query: everything the public idea page shows, for one viewer, in one call. The
// rules it applies (who may see the idea, the promise clock, what of each comment the viewer gets)
// are in idea-page.rules.ts; the route only parses, picks the viewer and responds.
import { isFollowing } from '#app/domain/follows/follows.server'
import { getAuthorActions, listRevisions } from '#app/domain/ideas/editing.server'
import { ideaPageView, ideaPath, parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { getIdea, listComments } from '#app/domain/ideas/ideas.server'
import { relatedIdeas, relatedIdeasUnchangedUntil } from '#app/domain/ideas/posting.server'
import { listResponses } from '#app/domain/ideas/responses.server'
import { wordDiff } from '#app/domain/ideas/revisions.rules'
import { tagsOfIdea } from '#app/domain/ideas/tags.server'
import { reportsByViewer } from '#app/domain/moderation/reports.server'
import { workingCalendar } from '#app/domain/promises/promises.server'
import { updatesForIdeas } from '#app/domain/updates/updates.server'
import { votingContext, withViewerVotes } from '#app/domain/votes/votes.server'
import { markdownToText, renderMarkdown, renderMarkdownChanges } from '#app/utils/markdown.server'
import { renderedOnce } from '#app/utils/rendered-once.server'

import {
  commentForViewer,
  ideaPageChangesAt,
  type IdeaViewer,
  isTeamViewer,
  mayViewIdea,
  promiseClock,
} from './idea-page.rules'

export type IdeaPageResult =
  /**
   * `unchangedUntil` (ms): until when the page, read again, would say the same unless something is
   * written: its clock-derived parts (ideaPageChangesAt) and its related ideas, kept for a while.
   */
  | { ok: true; page: IdeaPage; unchangedUntil: number }
  | { ok: false; reason: 'notFound' }
  /**
   * Not public (held for approval, or hidden), and nobody is signed in: its author (or the team) may
   * be the one asking, from a link in an email, so they are asked to sign in. The answer names
   * nothing of the idea: a signed-in person who may not see it gets `notFound`.
   */
  | { ok: false; reason: 'signIn' }
  /** The idea lives at another address (a changed title, a bare id): `path` is its current one. */
  | { ok: false; reason: 'moved'; path: string }

/**
 * The idea page for a viewer. `ideaRef` is the address's `<id>-<slug>`; an idea the viewer may not
 * see is `notFound` before anything else is said (its current address would tell the title), and an
 * outdated address is `moved` unless `anyAddress` (a form refused there stays on the address it was
 * sent to).
 */
export async function getIdeaPage({
  ideaRef,
  viewer,
  anyAddress = false,
}: {
  ideaRef: string | undefined
  viewer: IdeaViewer
  anyAddress?: boolean
}): Promise<IdeaPageResult> {
  const id = parseIdeaRef(ideaRef)
  const idea = id ? await getIdea({ id }) : undefined
  if (!id || !idea) return { ok: false, reason: 'notFound' }
  if (!mayViewIdea(idea, viewer)) return { ok: false, reason: viewer ? 'notFound' : 'signIn' }
  const path = ideaPath(idea)
  if (`/ideas/${ideaRef}` !== path && !anyAddress) return { ok: false, reason: 'moved', path }
  const page = await readIdeaPage({ idea, viewer, path })
  const unchangedUntil = Math.min(ideaPageChangesAt(page), relatedIdeasUnchangedUntil({ idea }))
  return { ok: true, page, unchangedUntil }
}

type IdeaPage = Awaited<ReturnType<typeof readIdeaPage>>

// What is the same for every viewer (the rendered idea, comments, answers and changes) is rendered
// once per text (renderedOnce): keyed by the text itself, so an edit shows at once everywhere.
const html = renderMarkdown
const summaryOf = (markdown: string) =>
  renderedOnce('summary-160', markdown, (text) => markdownToText(text, 160))
const changesHtml = (parts: ReturnType<typeof wordDiff>) =>
  renderedOnce('changes', JSON.stringify(parts), () => renderMarkdownChanges(parts))

function withoutDescription<Idea extends { description: string }>({
  description: _description,
  ...rest
}: Idea) {
  return rest
}

async function readIdeaPage({
  idea,
  viewer,
  path,
}: {
  idea: NonNullable<Awaited<ReturnType<typeof getIdea>>>
  viewer: IdeaViewer
  path: string
}) {
  const id = idea.id
  const now = new Date()
  const isTeam = isTeamViewer(viewer)
  const isAuthor = viewer?.id === idea.authorId
  const view = ideaPageView({
    withdrawn: idea.withdrawnAt !== null,
    held: idea.heldAt !== null,
    isPublic: Boolean(idea.isPublic),
    commentsLocked: idea.commentsLockedAt !== null,
    signedIn: Boolean(viewer),
    isAuthor,
    isTeam,
  })
  const [
    comments,
    voting,
    following,
    authorActions,
    revisions,
    related,
    responses,
    tags,
    builtIn,
    calendar,
    reported,
    [withVote],
  ] = await Promise.all([
    listComments({ ideaId: id }),
    votingContext({ viewer }),
    viewer ? isFollowing({ userId: viewer.id, ideaId: id }) : false,
    getAuthorActions({ idea, viewerId: viewer?.id }),
    idea.editedAt ? listRevisions({ ideaId: id }) : [],
    relatedIdeas({ idea }),
    listResponses({ ideaId: id }),
    tagsOfIdea({ ideaId: id, includePrivate: false }),
    updatesForIdeas({ ideaIds: [id] }).then((updates) => updates.get(id) ?? null),
    // The promise clock is for the author and the team.
    view.showPromise ? workingCalendar() : null,
    // One report per person per item: what this viewer reported gets no second report form.
    viewer
      ? reportsByViewer({ reporterId: viewer.id, ideaId: id })
      : { idea: false, commentIds: new Set<number>() },
    // The viewer's vote, read beside the rest (not after it: one round trip less of waiting).
    withViewerVotes({ ideas: [withoutDescription(idea)], viewerId: viewer?.id }),
  ])
  const { description } = idea
  return {
    idea: withVote!,
    path,
    view,
    isAuthor,
    authorTools: { edit: authorActions.edit.allowed, withdraw: authorActions.withdraw },
    // Each earlier version shows what the edit that replaced it changed, rendered as the page is.
    revisions: revisions.map(({ id: revisionId, title, description: text, replacedAt }, index) => {
      const next = revisions[index - 1] ?? { title: idea.title, description }
      return {
        id: revisionId,
        replacedAt,
        titleChanges: wordDiff(title, next.title),
        html: changesHtml(wordDiff(text, next.description)),
      }
    }),
    related,
    isTeam,
    builtIn,
    clock: promiseClock(idea, calendar, now),
    // The page shows each response rendered; its Markdown source would only add to the page's data.
    timeline: responses.map(({ body, ...entry }) => ({ ...entry, html: body ? html(body) : '' })),
    tags,
    following,
    signedIn: Boolean(viewer),
    voting,
    summary: summaryOf(description),
    descriptionHtml: html(description),
    viewerReportedIdea: reported.idea,
    comments: comments.map((comment) =>
      commentForViewer(comment, viewer?.id, html, now, reported.commentIds.has(comment.id)),
    ),
  }
}
