import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { IdeaCard } from '#app/components/ideas/idea-card'
import { getSiteStats, listIdeas } from '#app/domain/ideas/ideas.server'
import { homeLists } from '#app/domain/pages/home-page.server'
import { votingContext, withViewerVotes } from '#app/domain/votes/votes.server'
import { getOptionalUser } from '#app/utils/http/permissions.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches) },
  { name: 'description', content: data?.tagline },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Nothing on the page changes with the clock alone: it is kept until a write changes its version
  // (app/server/kept-answers.server.ts, decision 048).
  context.unchangedUntil = Number.POSITIVE_INFINITY
  const viewer = await getOptionalUser(request)
  const [trending, launched, stats, voting] = await Promise.all([
    listIdeas(homeLists.trending),
    listIdeas(homeLists.launched),
    // The totals its kept-answer key was read with, when it was (decision 048).
    context.siteStats ?? getSiteStats(),
    votingContext({ viewer }),
  ])
  return {
    tagline: getTranslator(request).t('meta.tagline'),
    trending: await withViewerVotes({ ideas: trending.ideas, viewerId: viewer?.id }),
    launched: await withViewerVotes({ ideas: launched.ideas, viewerId: viewer?.id }),
    voting,
    stats,
  }
}

export default function Home() {
  const { trending, launched, stats, voting } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <>
      <section className="hero">
        <div className="container">
          <h1>{t('home.heroTitle')}</h1>
          <p className="hero__text">{t('home.heroText')}</p>
          <p className="hero__actions">
            <Link to="/ideas/new" className="button button--on-accent">
              {t('ideas.new.cta')}
            </Link>
            <Link to="/ideas" className="button button--ghost-on-accent">
              {t('home.browseIdeas')}
            </Link>
            <Link to="/roadmap" className="button button--ghost-on-accent">
              {t('home.seeRoadmap')}
            </Link>
          </p>
          <p className="hero__stats">
            {t('home.statIdeas', { count: stats.ideas })} ·{' '}
            {t('home.statVotes', { count: stats.votes })} ·{' '}
            {t('home.statLaunched', { count: stats.launched })}
          </p>
        </div>
      </section>
      <div className="container home-grid">
        <section aria-labelledby="trending-title">
          <h2 id="trending-title">{t('home.trending')}</h2>
          {trending.length ? (
            <ul className="idea-list">
              {trending.map((idea) => (
                <li key={idea.id}>
                  <IdeaCard idea={idea} voting={voting} headingLevel={3} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty-state">{t('ideas.empty')}</p>
          )}
        </section>
        <aside aria-labelledby="launched-title" className="home-aside">
          <h2 id="launched-title">{t('home.recentlyLaunched')}</h2>
          {launched.length ? (
            <ul className="idea-list idea-list--compact">
              {launched.map((idea) => (
                <li key={idea.id}>
                  <IdeaCard idea={idea} voting={voting} headingLevel={3} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty-state">{t('roadmap.empty')}</p>
          )}
        </aside>
      </div>
    </>
  )
}
