import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { getRoadmap } from '#app/domain/ideas/ideas.server'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { useTranslation } from '#app/utils/i18n/i18n'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request }: LoaderFunctionArgs) {
  return { columns: await getRoadmap(), title: getTranslator(request).t('roadmap.title') }
}

export default function RoadmapPage() {
  const { columns } = useLoaderData<typeof loader>()
  const { t, locale } = useTranslation()
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t('roadmap.title')}</h1>
        <p className="lead">{t('roadmap.intro')}</p>
      </header>
      <div className="roadmap">
        {columns.map(({ status, ideas }) => (
          <section key={status.id} className="roadmap__column" aria-labelledby={`column-${status.slug}`}>
            <h2 id={`column-${status.slug}`} style={{ ['--status-color' as string]: status.color }}>
              {locale === 'nl' ? status.nameNl : status.nameEn}
              <span className="roadmap__count">{ideas.length}</span>
            </h2>
            {ideas.length ? (
              <ul>
                {ideas.map((idea) => (
                  <li key={idea.id} className="roadmap__card">
                    <Link to={ideaPath(idea)}>{idea.title}</Link>
                    <p className="muted">
                      {t(`ideas.kind.${idea.kind}`)} · {t('ideas.votes', { count: Number(idea.up_votes) })}
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty-state">{t('roadmap.empty')}</p>
            )}
          </section>
        ))}
      </div>
    </div>
  )
}
