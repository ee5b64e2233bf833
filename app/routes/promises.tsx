import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { ShareChart } from '#app/components/promises/share-chart'
import { promiseText } from '#app/domain/promises/promises.rules'
import {
  figureWindows,
  listPromises,
  publicPromiseFigures,
  workingCalendar,
} from '#app/domain/promises/promises.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: 'description', content: data?.description },
]

/** Our promises in plain words, and how well we keep them: measured from the data, never typed in. */
export async function loader({ request }: LoaderFunctionArgs) {
  const requested = Number(new URL(request.url).searchParams.get('days'))
  const windowDays = (figureWindows as readonly number[]).includes(requested) ? requested : 90
  const [promises, calendar, { overall, byChannel }] = await Promise.all([
    listPromises({ activeOnly: true }),
    workingCalendar(),
    publicPromiseFigures({ windowDays }),
  ])
  const { t } = getTranslator(request)
  return {
    title: t('promises.title'),
    description: t('promises.intro'),
    windowDays,
    promises: promises.map(({ id, kind, channel, targetDays }) => ({
      id,
      kind,
      channel,
      targetDays,
    })),
    calendar: { timeZone: calendar.timeZone, dayStart: calendar.dayStart, dayEnd: calendar.dayEnd },
    overall,
    byChannel,
  }
}

export default function PromisesPage() {
  const { promises, calendar, overall, byChannel, windowDays } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const hours = (value: number | null) =>
    value === null
      ? '—'
      : value < 48
        ? t('promises.hours', { count: Math.round(value) })
        : t('promises.days', { count: Math.round(value / 24) })
  const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`)
  return (
    <div className="container narrow promises-page">
      <header className="page-header">
        <h1>{t('promises.title')}</h1>
        <p className="lead">{t('promises.intro')}</p>
      </header>
      <section aria-labelledby="rules-title">
        <h2 id="rules-title">{t('promises.rules')}</h2>
        <ul className="promise-list">
          {promises.map((promise) => (
            <li key={promise.id}>{promiseText(promise, t)}</li>
          ))}
        </ul>
        <p className="muted">
          {t('promises.calendar', {
            zone: calendar.timeZone,
            start: calendar.dayStart,
            end: calendar.dayEnd,
          })}
        </p>
      </section>
      <section aria-labelledby="figures-title" className="admin-section">
        <h2 id="figures-title">{t('promises.howWeDo')}</h2>
        <nav aria-label={t('promises.period')}>
          <ul className="period-switch">
            {[30, 90, 365].map((days) => (
              <li key={days}>
                <Link
                  to={`/promises?days=${days}`}
                  aria-current={days === windowDays ? 'page' : undefined}
                >
                  {t('promises.lastDays', { count: days })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <dl className="stat-grid">
          <div className="stat">
            <dt>{t('promises.onTime')}</dt>
            <dd>{percent(overall.share)}</dd>
          </div>
          <div className="stat">
            <dt>{t('promises.median')}</dt>
            <dd>{hours(overall.medianHours)}</dd>
          </div>
          <div className="stat">
            <dt>{t('promises.p90')}</dt>
            <dd>{hours(overall.p90Hours)}</dd>
          </div>
          <div className="stat">
            <dt>{t('promises.decision')}</dt>
            <dd>
              {overall.medianDecisionDays === null
                ? '—'
                : t('promises.days', { count: Math.round(overall.medianDecisionDays) })}
            </dd>
          </div>
          <div className="stat">
            <dt>{t('promises.launchedThisYear')}</dt>
            <dd>{overall.implementedThisYear}</dd>
          </div>
        </dl>
        <p className="muted">
          {t('promises.basis', { due: overall.due, kept: overall.keptOnTime })}
        </p>
        {byChannel.length ? (
          <ShareChart
            title={t('promises.chartTitle', { count: windowDays })}
            tableCaption={t('promises.chartTitle', { count: windowDays })}
            headers={[t('admin.channel'), t('promises.onTime'), t('promises.answeredOf')]}
            rows={byChannel.map((figures) => ({
              label: t(`channel.${figures.channel as 'web'}`),
              share: figures.share,
              detail: t('promises.keptOf', { kept: figures.keptOnTime, due: figures.due }),
            }))}
          />
        ) : (
          <p className="empty-state">{t('promises.noData')}</p>
        )}
      </section>
    </div>
  )
}
