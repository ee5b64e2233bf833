import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { Pager } from '#app/components/ui/pager'
import { listPublishedUpdates } from '#app/domain/updates/updates.server'
import { decodePage } from '#app/utils/cursors'
import { formatDate, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { listPageHref } from '#app/utils/page-href'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  {
    tagName: 'link',
    rel: 'alternate',
    type: 'application/rss+xml',
    href: '/updates.rss',
    title: 'RSS',
  },
  {
    tagName: 'link',
    rel: 'alternate',
    type: 'application/atom+xml',
    href: '/updates.atom',
    title: 'Atom',
  },
]

/** "You asked, we built": published updates, newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  // Nothing here changes with the clock alone (a scheduled update is published by a write): kept
  // until a write changes its version (decision 049).
  context.unchangedUntil = Number.POSITIVE_INFINITY
  const at = decodePage(Object.fromEntries(new URL(request.url).searchParams), 'timestamptz')
  const page = await listPublishedUpdates(at)
  return {
    title: getTranslator(request).t('updates.title'),
    ...page,
    updates: page.updates.map(({ body: _body, ...update }) => update),
  }
}

export default function UpdatesPage() {
  const { updates, nextCursor, previousCursor, isFirstPage } = useLoaderData<typeof loader>()
  const { t, locale } = useTranslation()
  const pageHref = (cursor: string | null, direction?: 'after' | 'before') =>
    listPageHref('/updates', {}, cursor, direction)
  return (
    <div className="container narrow">
      <header className="page-header page-header--with-action">
        <div>
          <h1>{t('updates.title')}</h1>
          <p className="lead">{t('updates.intro')}</p>
        </div>
        <a href="/updates.rss" className="button button--secondary">
          {t('updates.feed')}
        </a>
      </header>
      {updates.length ? (
        <ul className="update-list">
          {updates.map((update) => (
            <li key={update.id} className="card update-card">
              {update.coverImageToken ? (
                <img
                  src={`/images/${update.coverImageToken}`}
                  alt=""
                  className="update-card__cover"
                  loading="lazy"
                />
              ) : null}
              <h2>
                <Link to={`/updates/${update.slug}`}>{update.title}</Link>
              </h2>
              <p className="muted">
                {formatDate(locale, update.publishedAt!, 'long')} ·{' '}
                {t('updates.ideaCount', { count: update.ideaCount })}
              </p>
              {update.summary ? <p>{update.summary}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state card">{t('updates.empty')}</p>
      )}
      <Pager
        pageHref={pageHref}
        previousCursor={previousCursor}
        isFirstPage={isFirstPage}
        nextCursor={nextCursor}
      />
    </div>
  )
}
