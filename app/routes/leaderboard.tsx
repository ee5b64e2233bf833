import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { PersonName } from '#app/components/ui/person-name'
import { type LeaderboardPeriod, leaderboardPeriods } from '#app/domain/points/points.rules'
import { getLeaderboard } from '#app/domain/points/points.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  // The month's board changes with the month, which its version names: kept until a write or the
  // month's turn changes the version (decision 049).
  context.unchangedUntil = Number.POSITIVE_INFINITY
  const requested = new URL(request.url).searchParams.get('period')
  const period: LeaderboardPeriod = requested === 'all' ? 'all' : 'month'
  return {
    title: getTranslator(request).t('leaderboard.title'),
    period,
    rows: await getLeaderboard({ period }),
  }
}

export default function LeaderboardPage() {
  const { period, rows } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>{t('leaderboard.title')}</h1>
        <p className="lead">{t('leaderboard.intro')}</p>
      </header>
      <nav aria-label={t('leaderboard.period')}>
        <ul className="period-switch">
          {leaderboardPeriods.map((option) => (
            <li key={option}>
              <Link
                to={`/leaderboard?period=${option}`}
                aria-current={option === period ? 'page' : undefined}
              >
                {t(`leaderboard.${option}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length ? (
        <table className="leaderboard">
          <caption>{t('leaderboard.caption', { period: t(`leaderboard.${period}`) })}</caption>
          <thead>
            <tr>
              <th scope="col" className="number">
                {t('leaderboard.rank')}
              </th>
              <th scope="col">{t('leaderboard.person')}</th>
              <th scope="col" className="number">
                {t('leaderboard.points')}
              </th>
              <th scope="col" className="number optional">
                {t('leaderboard.votes')}
              </th>
              <th scope="col" className="number optional">
                {t('leaderboard.launched')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.userId}>
                <td className="number">{index + 1}</td>
                <td className="leaderboard__person">
                  <PersonName
                    displayName={row.displayName}
                    handle={row.handle}
                    className="one-line"
                  />
                </td>
                <td className="number">{row.points}</td>
                <td className="number optional">{row.votesReceived}</td>
                <td className="number optional">{row.ideasImplemented}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty-state">{t('leaderboard.empty')}</p>
      )}
    </div>
  )
}
