import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { CategoryFilter, KindFilter } from '#app/components/ui/filter-fields'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { getRoadmap, listCategories, roadmapFiltersOf } from '#app/domain/ideas/ideas.server'
import { updatesForIdeas } from '#app/domain/updates/updates.server'
import { localName, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

/** The public roadmap: a column per roadmap status, always current; launches of the last 90 days. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  // Nothing here changes with the clock alone but which launches are recent, which the roadmap's
  // version reads (its rows): answered again after one statement until a write (decision 045).
  context.unchangedUntil = Number.POSITIVE_INFINITY
  const filters = await roadmapFiltersOf(Object.fromEntries(new URL(request.url).searchParams))
  const [columns, categories] = await Promise.all([getRoadmap(filters), listCategories()])
  // Launched ideas link the update that announced them (one query for the whole roadmap).
  const launchedIds = columns.flatMap((column) =>
    column.status.slug === 'implemented' ? column.ideas.map((idea) => Number(idea.id)) : [],
  )
  const built = await updatesForIdeas({ ideaIds: launchedIds })
  return {
    columns: columns.map((column) => ({
      ...column,
      ideas: column.ideas.map((idea) => ({ ...idea, update: built.get(Number(idea.id)) ?? null })),
    })),
    categories: categories.map(({ id, kind, nameEn, nameNl }) => ({ id, kind, nameEn, nameNl })),
    filters: {
      kind: filters.kind ?? '',
      category: filters.categoryId ? String(filters.categoryId) : '',
    },
    title: getTranslator(request).t('roadmap.title'),
  }
}

export default function RoadmapPage() {
  const { columns, categories, filters } = useLoaderData<typeof loader>()
  const { t, locale } = useTranslation()
  const filtered = Boolean(filters.kind || filters.category)
  return (
    <div className="container">
      <header className="page-header page-header--with-action">
        <div>
          <h1>{t('roadmap.title')}</h1>
          <p className="lead">{t('roadmap.intro')}</p>
        </div>
        <Link to="/ideas?status=implemented&sort=new" className="button button--secondary">
          {t('roadmap.allLaunched')}
        </Link>
      </header>
      <Form method="get" className="filters" aria-label={t('roadmap.filters')}>
        <KindFilter defaultValue={filters.kind} />
        <CategoryFilter categories={categories} defaultValue={filters.category} />
        <button type="submit" className="button button--secondary">
          {t('ideas.apply')}
        </button>
        {filtered ? <Link to="/roadmap">{t('roadmap.clearFilters')}</Link> : null}
      </Form>
      <div className="roadmap">
        {columns.map(({ status, ideas }) => (
          <section
            key={status.id}
            className="roadmap__column"
            aria-labelledby={`column-${status.slug}`}
          >
            <h2 id={`column-${status.slug}`} style={{ ['--status-color' as string]: status.color }}>
              {localName(locale, status)}
              <span className="roadmap__count">{ideas.length}</span>
            </h2>
            {ideas.length ? (
              <ul>
                {ideas.map((idea) => (
                  <li key={idea.id} className="roadmap__card">
                    <Link to={ideaPath(idea)} lang={idea.language ?? undefined}>
                      {idea.title}
                    </Link>
                    <p className="muted">
                      {t(`ideas.kind.${idea.kind}`)} ·{' '}
                      {t('ideas.score', { score: Number(idea.score) })}
                    </p>
                    {idea.update ? (
                      <p>
                        <Link to={`/updates/${idea.update.slug}`} className="built-link">
                          {t('roadmap.readUpdate')}
                        </Link>
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty-state">
                {filtered ? t('roadmap.emptyFiltered') : t('roadmap.empty')}
              </p>
            )}
          </section>
        ))}
      </div>
    </div>
  )
}
