import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { StatusBadge } from '#app/components/ideas/status-badge'
import { isStaff } from '#app/domain/accounts/accounts.rules'
import { ideaPath, parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { getIdea, listComments } from '#app/domain/ideas/ideas.server'
import { markdownToText, renderMarkdown } from '#app/utils/markdown.server'
import { formatDate, useTranslation } from '#app/utils/i18n/i18n'

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: data.idea.title }, { name: 'description', content: data.summary }] : []

export async function loader({ params }: LoaderFunctionArgs) {
  const id = parseIdeaRef(params.ideaRef)
  if (!id) throw new Response('Not found', { status: 404 })
  const idea = await getIdea({ id })
  if (!idea) throw new Response('Not found', { status: 404 })
  // Old links (a changed title) and bare ids land on the current address.
  const canonical = ideaPath(idea)
  if (`/ideas/${params.ideaRef}` !== canonical) throw redirect(canonical, 301)
  const comments = await listComments({ ideaId: id })
  const { description, ...rest } = idea
  return {
    idea: rest,
    summary: markdownToText(description, 160),
    descriptionHtml: renderMarkdown(description),
    comments: comments.map(({ body, deletedAt, authorRole, ...comment }) => ({
      ...comment,
      deleted: deletedAt !== null,
      staff: isStaff(authorRole),
      html: deletedAt ? '' : renderMarkdown(body),
    })),
  }
}

export default function IdeaPage() {
  const { idea, descriptionHtml, comments } = useLoaderData<typeof loader>()
  const { t, locale } = useTranslation()
  return (
    <div className="container idea-page">
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
          <aside className="vote-summary card" aria-label={t('ideas.score', { score: idea.score })}>
            <p className="vote-summary__score">{idea.score}</p>
            <p className="muted">{t('ideas.upDown', { up: idea.upVotes, down: idea.downVotes })}</p>
          </aside>
          <section aria-labelledby="description-title" className="idea-page__body">
            <h2 id="description-title" className="visually-hidden">
              {t('ideas.description')}
            </h2>
            <div className="prose" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
          </section>
        </div>
      </article>
      <section aria-labelledby="discussion-title" className="discussion">
        <h2 id="discussion-title">
          {t('ideas.discussion')} <span className="muted">({t('ideas.comments', { count: idea.commentCount })})</span>
        </h2>
        {comments.length ? (
          <ol className="comment-list">
            {comments.map((comment) => (
              <li key={comment.id} className={`comment${comment.parentId ? ' comment--reply' : ''}`}>
                <p className="comment__meta">
                  <strong>{comment.authorName}</strong>
                  {comment.staff ? <span className="badge">{t('ideas.staffBadge')}</span> : null}
                  <span className="muted"> · {formatDate(locale, comment.createdAt)}</span>
                </p>
                {comment.deleted ? (
                  <p className="muted">{t('ideas.deletedComment')}</p>
                ) : (
                  <div className="prose" dangerouslySetInnerHTML={{ __html: comment.html }} />
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p className="empty-state">{t('ideas.noComments')}</p>
        )}
      </section>
    </div>
  )
}
