import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { IdeaFeed } from '#app/components/ideas/idea-feed'
import { listIdeasVotedBy } from '#app/domain/ideas/ideas.server'
import { directionOf } from '#app/domain/votes/votes.rules'
import { votingContext } from '#app/domain/votes/votes.server'
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

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const at = decodePage(Object.fromEntries(new URL(request.url).searchParams), 'timestamptz')
  const [page, voting] = await Promise.all([
    listIdeasVotedBy({ userId: user.id, ...at }),
    votingContext({ viewer: user }),
  ])
  return {
    title: getTranslator(request).t('my.votes.title'),
    // The vote comes with the row: no second query for the pressed buttons.
    ideas: page.ideas.map(({ voteValue, ...idea }) => ({
      ...idea,
      myVote: directionOf(voteValue),
    })),
    nextCursor: page.nextCursor,
    previousCursor: page.previousCursor,
    isFirstPage: page.isFirstPage,
    voting,
  }
}

export default function MyVotesPage() {
  const { ideas, nextCursor, previousCursor, isFirstPage, voting } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t('my.votes.title')}</h1>
        <p className="lead">{t('my.votes.intro')}</p>
      </header>
      <IdeaFeed
        ideas={ideas}
        nextCursor={nextCursor}
        previousCursor={previousCursor}
        isFirstPage={isFirstPage}
        pageHref={(cursor, direction) => listPageHref('/my/votes', {}, cursor, direction)}
        voting={voting}
        empty={t('my.votes.empty')}
      />
    </div>
  )
}
