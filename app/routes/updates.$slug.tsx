import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { StatusBadge } from '#app/components/ideas/status-badge'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { getUpdate, linkedIdeas } from '#app/domain/updates/updates.server'
import { publicBaseUrl } from '#app/utils/env.server'
import { foundOr404 } from '#app/utils/http/permissions.server'
import { formatDate, useTranslation } from '#app/utils/i18n/i18n'
import { markdownToText, renderMarkdown } from '#app/utils/markdown.server'
import { pageTitle } from '#app/utils/page-title'
import { isSlug } from '#app/utils/text.rules'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  // No data: the page's error shows, named by pageTitle.
  if (!data) return [{ title: pageTitle(matches) }]
  const { share } = data
  return [
    { title: pageTitle(matches, share.title) },
    { name: 'description', content: share.description },
    { property: 'og:type', content: 'article' },
    { property: 'og:title', content: share.title },
    { property: 'og:description', content: share.description },
    { property: 'og:url', content: share.url },
    ...(share.image ? [{ property: 'og:image', content: share.image }] : []),
    { name: 'twitter:card', content: share.image ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: share.title },
    { name: 'twitter:description', content: share.description },
    { tagName: 'link', rel: 'canonical', href: share.url },
  ]
}

export async function loader({ params }: LoaderFunctionArgs) {
  const update = foundOr404(
    isSlug(params.slug) ? await getUpdate({ slug: params.slug }) : undefined,
  )
  const ideas = await linkedIdeas({ updateId: update.id })
  const base = publicBaseUrl()
  const url = `${base}/updates/${update.slug}`
  const description = update.summary || markdownToText(update.body, 200)
  return {
    update: { ...update, html: renderMarkdown(update.body) },
    ideas,
    share: {
      title: update.title,
      description,
      url,
      image: update.coverImageToken ? `${base}/images/${update.coverImageToken}` : null,
    },
  }
}

export default function UpdatePage() {
  const { update, ideas, share } = useLoaderData<typeof loader>()
  const { t, locale } = useTranslation()
  const encoded = { url: encodeURIComponent(share.url), title: encodeURIComponent(share.title) }
  const authors = [...new Map(ideas.map((idea) => [idea.authorHandle, idea.authorName])).entries()]
  return (
    <article className="container narrow update-page">
      <p className="muted">
        <Link to="/updates">← {t('updates.title')}</Link>
      </p>
      {update.coverImageToken ? (
        <img src={`/images/${update.coverImageToken}`} alt="" className="update-page__cover" />
      ) : null}
      <h1>{update.title}</h1>
      <p className="muted">{formatDate(locale, update.publishedAt!, 'long')}</p>
      {update.summary ? <p className="lead">{update.summary}</p> : null}
      <div className="prose" dangerouslySetInnerHTML={{ __html: update.html }} />
      {ideas.length ? (
        <section aria-labelledby="asked-title" className="card asked-for">
          <h2 id="asked-title">{t('updates.youAsked')}</h2>
          {authors.length ? (
            <p>
              {t('updates.credit')}{' '}
              {authors.map(([handle, name], index) => (
                <span key={handle}>
                  {index ? ', ' : ''}
                  <Link to={`/u/${handle}`}>{name}</Link>
                </span>
              ))}
            </p>
          ) : null}
          <ul className="plain-list">
            {ideas.map((idea) => (
              <li key={idea.id}>
                <Link to={ideaPath(idea)} lang={idea.language ?? undefined}>
                  {idea.title}
                </Link>{' '}
                <StatusBadge status={idea} />{' '}
                <span className="muted">{t('ideas.votes', { count: idea.upVotes })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <nav aria-label={t('updates.share')} className="share-links">
        <span>{t('updates.share')}:</span>
        <a
          href={`https://twitter.com/intent/tweet?url=${encoded.url}&text=${encoded.title}`}
          rel="noopener noreferrer"
          target="_blank"
        >
          X
        </a>
        <a
          href={`https://www.linkedin.com/sharing/share-offsite/?url=${encoded.url}`}
          rel="noopener noreferrer"
          target="_blank"
        >
          LinkedIn
        </a>
        <a
          href={`https://www.facebook.com/sharer/sharer.php?u=${encoded.url}`}
          rel="noopener noreferrer"
          target="_blank"
        >
          Facebook
        </a>
        <a href={`mailto:?subject=${encoded.title}&body=${encoded.url}`}>
          {t('updates.shareEmail')}
        </a>
      </nav>
    </article>
  )
}
