import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { IdeaFeed } from '#app/components/ideas/idea-feed'
import { listIdeasByAuthor } from '#app/domain/ideas/ideas.server'
import { votingContext, withViewerVotes } from '#app/domain/votes/votes.server'
import { decodePage } from '#app/utils/cursors'
import { requireUser } from '#app/utils/http/permissions.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { listPageHref } from '#app/utils/page-href'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  // Nothing on it changes without a write (a page answered again, decision 041).
  context.unchangedUntil = Number.POSITIVE_INFINITY
  const at = decodePage(Object.fromEntries(new URL(request.url).searchParams), 'timestamptz')
  const [page, voting] = await Promise.all([
    listIdeasByAuthor({ authorId: user.id, includeWithdrawn: true, ...at }),
    votingContext({ viewer: user }),
  ])
  return {
    title: getTranslator(request).t('my.ideas.title'),
    ideas: await withViewerVotes({ ideas: page.ideas, viewerId: user.id }),
    nextCursor: page.nextCursor,
    previousCursor: page.previousCursor,
    isFirstPage: page.isFirstPage,
    voting,
  }
}

export default function MyIdeasPage() {
  const { ideas, nextCursor, previousCursor, isFirstPage, voting } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="container">
      <header className="page-header page-header--with-action">
        <div>
          <h1>{t('my.ideas.title')}</h1>
          <p className="lead">{t('my.ideas.intro')}</p>
        </div>
        <Link to="/ideas/new" className="button">
          {t('ideas.new.cta')}
        </Link>
      </header>
      <IdeaFeed
        ideas={ideas}
        nextCursor={nextCursor}
        previousCursor={previousCursor}
        isFirstPage={isFirstPage}
        pageHref={(cursor, direction) => listPageHref('/my/ideas', {}, cursor, direction)}
        voting={voting}
        empty={t('my.ideas.empty')}
      />
    </div>
  )
}
