import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { StatusBadge } from '#app/components/ideas/status-badge'
import { CommentThread } from '#app/components/ideas/comment-thread'
import { FollowButton } from '#app/components/ideas/follow-button'
import { ReportForm } from '#app/components/ideas/report-form'
import { VoteControl } from '#app/components/ideas/vote-control'
import { canEditComment } from '#app/domain/comments/comments.rules'
import { isFollowing } from '#app/domain/follows/follows.server'
import { getOptionalUser } from '#app/domain/accounts/permissions.server'
import { getSettings } from '#app/domain/settings/settings.server'
import { withViewerVotes } from '#app/domain/votes/votes.server'
import { isStaff } from '#app/domain/accounts/accounts.rules'
import { ideaPath, parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { getIdea, listComments } from '#app/domain/ideas/ideas.server'
import { markdownToText, renderMarkdown } from '#app/utils/markdown.server'
import { formatDate, useTranslation } from '#app/utils/i18n/i18n'

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: data.idea.title }, { name: 'description', content: data.summary }] : []

export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = parseIdeaRef(params.ideaRef)
  if (!id) throw new Response('Not found', { status: 404 })
  const idea = await getIdea({ id })
  if (!idea) throw new Response('Not found', { status: 404 })
  // Old links (a changed title) and bare ids land on the current address.
  const canonical = ideaPath(idea)
  const url = new URL(request.url)
  if (`/ideas/${params.ideaRef}` !== canonical) throw redirect(`${canonical}${url.search}`, 301)
  const viewer = await getOptionalUser(request)
  const [comments, settings, following] = await Promise.all([
    listComments({ ideaId: id }),
    getSettings(),
    viewer ? isFollowing({ userId: viewer.id, ideaId: id }) : false,
  ])
  const { description, ...rest } = idea
  const [withVote] = await withViewerVotes({ ideas: [rest], viewerId: viewer?.id })
  return {
    idea: withVote!,
    justPosted: url.searchParams.get('posted') === '1' && viewer?.id === idea.authorId,
    reported: url.searchParams.has('reported'),
    following,
    signedIn: Boolean(viewer),
    submissionKey: crypto.randomUUID(),
    voting: { signedIn: Boolean(viewer), downVotesEnabled: settings.downVotesEnabled },
    summary: markdownToText(description, 160),
    descriptionHtml: renderMarkdown(description),
    comments: comments.map(({ body, deletedAt, authorRole, authorId, editedAt, ...comment }) => {
      const mine = viewer?.id === authorId
      return {
        ...comment,
        deleted: deletedAt !== null,
        edited: editedAt !== null,
        staff: isStaff(authorRole),
        mine,
        canEdit: mine && !deletedAt && canEditComment({ authorId, actorId: viewer!.id, createdAt: comment.createdAt }),
        // The raw text only goes to its author (for the edit form).
        body: mine && !deletedAt ? body : '',
        html: deletedAt ? '' : renderMarkdown(body),
      }
    }),
  }
}

export default function IdeaPage() {
  const { idea, descriptionHtml, comments, voting, justPosted, reported, following, signedIn, submissionKey } =
    useLoaderData<typeof loader>()
  const { t, locale } = useTranslation()
  return (
    <div className="container idea-page">
      {justPosted ? (
        <p className="notice notice--success" role="status">
          {t('ideas.new.posted')}
        </p>
      ) : null}
      {idea.withdrawnAt ? <p className="notice">{t('ideas.withdrawn')}</p> : null}
      {reported ? (
        <p className="notice" role="status">
          {t('reports.thanks')}
        </p>
      ) : null}
      <article>
        <header className="idea-page__header">
          <p className="idea-card__meta">
            <span className="tag">{t(`ideas.kind.${idea.kind}`)}</span>
            <span className="tag tag--muted">{locale === 'nl' ? idea.categoryNameNl : idea.categoryNameEn}</span>
            <StatusBadge slug={idea.statusSlug} nameEn={idea.statusNameEn} nameNl={idea.statusNameNl} color={idea.statusColor} />
          </p>
          <h1>{idea.title}</h1>
          <p className="muted">
            {t('ideas.by', { name: idea.authorName })} · {t('ideas.postedOn', { date: formatDate(locale, idea.createdAt) })}
          </p>
        </header>
        <div className="idea-page__layout">
          <div className="vote-summary card">
            <VoteControl
              idea={idea}
              myVote={idea.myVote}
              closedReason={idea.statusCategory === 'closed' ? t('votes.closed') : undefined}
              downVotesEnabled={voting.downVotesEnabled}
              signedIn={voting.signedIn}
              size="large"
            />
            {signedIn ? <FollowButton idea={idea} following={following} followerCount={idea.followerCount} /> : null}
          </div>
          <section aria-labelledby="description-title" className="idea-page__body">
            <h2 id="description-title" className="visually-hidden">
              {t('ideas.description')}
            </h2>
            <div className="prose" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
            {signedIn ? (
              <div className="idea-page__tools" id="idea">
                <ReportForm action={`${ideaPath(idea)}/report`} label={t('reports.reportIdea')} />
              </div>
            ) : null}
          </section>
        </div>
      </article>
      <section aria-labelledby="discussion-title" className="discussion" id="discussion">
        <h2 id="discussion-title">
          {t('ideas.discussion')} <span className="muted">({t('ideas.comments', { count: idea.commentCount })})</span>
        </h2>
        <CommentThread ideaPathname={ideaPath(idea)} comments={comments} signedIn={signedIn} submissionKey={submissionKey} />
      </section>
    </div>
  )
}
