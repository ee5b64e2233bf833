import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { helpfulness } from '#app/domain/insights/feedback.server'
import { insights } from '#app/domain/insights/insights.server'
import { requireRole } from '#app/utils/http/permissions.server'
import { formatDate, inLocale, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, backOfficeRoles)
  const [data, helpful] = await Promise.all([insights(), helpfulness()])
  const { locale, t } = getTranslator(request)
  // Statuses by their names in the page's language, weeks as the app writes dates.
  return {
    title: t('admin.insights.title'),
    ...data,
    weekly: data.weekly.map((week) => ({ ...week, week: formatDate(locale, week.week) })),
    topOpen: data.topOpen.map(({ statusNameEn, statusNameNl, ...idea }) => ({
      ...idea,
      status: inLocale(locale, statusNameEn, statusNameNl),
    })),
    helpful,
  }
}

export default function InsightsPage() {
  const { byChannel, byKind, weekly, topOpen, helpful } = useLoaderData<typeof loader>()
  const shareText = (row: { share: number | null; answers: number }) =>
    t('admin.insights.helpfulShare', {
      share: row.share === null ? '—' : `${Math.round(row.share * 100)}%`,
      count: row.answers,
    })
  const { t } = useTranslation()
  const maxIdeas = Math.max(1, ...weekly.map((week) => week.ideas))
  return (
    <>
      <header className="page-header page-header--with-action">
        <div>
          <h1>{t('admin.insights.title')}</h1>
          <p className="lead">{t('admin.insights.intro')}</p>
        </div>
        <a href="/admin/insights.csv" className="button button--secondary" download>
          {t('admin.insights.csv')}
        </a>
      </header>
      <div className="admin-grid">
        <section className="card admin-panel" aria-labelledby="by-channel">
          <h2 id="by-channel">{t('admin.insights.byChannel')}</h2>
          <table className="table">
            <caption className="visually-hidden">{t('admin.insights.byChannel')}</caption>
            <tbody>
              {byChannel.map((row) => (
                <tr key={row.channel}>
                  <th scope="row">{t(`channel.${row.channel as 'web'}`)}</th>
                  <td className="numeric">{row.ideas}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card admin-panel" aria-labelledby="by-kind">
          <h2 id="by-kind">{t('admin.insights.byKind')}</h2>
          <table className="table">
            <caption className="visually-hidden">{t('admin.insights.byKind')}</caption>
            <tbody>
              {byKind.map((row) => (
                <tr key={row.kind}>
                  <th scope="row">{t(`ideas.kind.${row.kind as 'product'}`)}</th>
                  <td className="numeric">{row.ideas}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section className="card admin-panel admin-section" aria-labelledby="weekly">
        <h2 id="weekly">{t('admin.insights.weekly')}</h2>
        <div className="table-scroll">
          <table className="table table--cards">
            <caption className="visually-hidden">{t('admin.insights.weekly')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.insights.week')}</th>
                <th scope="col">{t('admin.insights.ideas')}</th>
                <th scope="col" className="numeric">
                  {t('admin.insights.votes')}
                </th>
                <th scope="col" className="numeric">
                  {t('admin.insights.answered')}
                </th>
                <th scope="col" className="numeric">
                  {t('admin.insights.onTime')}
                </th>
                <th scope="col" className="numeric">
                  {t('admin.insights.median')}
                </th>
              </tr>
            </thead>
            <tbody>
              {weekly.map((week) => (
                <tr key={week.week}>
                  <th scope="row">{week.week}</th>
                  <td data-label={t('admin.insights.ideas')}>
                    <span
                      className="spark"
                      style={{ width: `${Math.round((week.ideas / maxIdeas) * 8)}rem` }}
                      aria-hidden="true"
                    />{' '}
                    {week.ideas}
                  </td>
                  <td className="numeric" data-label={t('admin.insights.votes')}>
                    {week.votes}
                  </td>
                  <td className="numeric" data-label={t('admin.insights.answered')}>
                    {week.answered}
                  </td>
                  <td className="numeric" data-label={t('admin.insights.onTime')}>
                    {week.answered ? `${Math.round((week.onTime / week.answered) * 100)}%` : '—'}
                  </td>
                  <td className="numeric" data-label={t('admin.insights.median')}>
                    {week.medianHours === null
                      ? '—'
                      : week.medianHours < 48
                        ? t('promises.hours', { count: week.medianHours })
                        : t('promises.days', { count: Math.round(week.medianHours / 24) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card admin-panel admin-section" aria-labelledby="helpful">
        <h2 id="helpful">{t('admin.insights.helpfulness')}</h2>
        {helpful.byChannel.length ? (
          <div className="admin-grid">
            <table className="table">
              <caption>{t('admin.insights.byChannel')}</caption>
              <tbody>
                {helpful.byChannel.map((row) => (
                  <tr key={row.channel}>
                    <th scope="row">{t(`channel.${row.channel as 'web'}`)}</th>
                    <td>{shareText(row)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="table">
              <caption>{t('admin.insights.byMember')}</caption>
              <tbody>
                {helpful.byMember.map((row) => (
                  <tr key={row.name}>
                    <th scope="row">{row.name}</th>
                    <td>{shareText(row)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t('admin.insights.noFeedback')}</p>
        )}
      </section>
      <section className="card admin-panel admin-section" aria-labelledby="top-open">
        <h2 id="top-open">{t('admin.insights.topOpen')}</h2>
        <ol className="plain-list">
          {topOpen.map((idea) => (
            <li key={idea.id}>
              <Link to={ideaPath(idea)}>{idea.title}</Link>{' '}
              <span className="muted">
                · {t('ideas.score', { score: idea.score })} · {idea.status} ·{' '}
                {t(`channel.${idea.channel as 'web'}`)}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </>
  )
}
