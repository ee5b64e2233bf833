import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { IdeaFeed } from '#app/components/ideas/idea-feed'
import { CategoryFilter, KindFilter } from '#app/components/ui/filter-fields'
import { SearchShortenedNote, useSearchShortened } from '#app/components/ui/search-shortened-note'
import { ideaSorts } from '#app/domain/ideas/ideas.rules'
import { ideaListQuerySchema } from '#app/domain/ideas/ideas.schema'
import { getIdeasList } from '#app/domain/pages/ideas-list.server'
import { getOptionalUser } from '#app/utils/http/permissions.server'
import { localName, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { listPageHref } from '#app/utils/page-href'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = ideaListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  // Nothing on the list changes without a write (a page answered again, decision 041): the order
  // is the stored trending rank, and dates are shown as dates, not ages.
  context.unchangedUntil = Number.POSITIVE_INFINITY
  const viewer = await getOptionalUser(request)
  const { t } = getTranslator(request)
  return {
    title: query.q ? t('ideas.searchTitle', { query: query.q }) : t('ideas.title'),
    ...(await getIdeasList({ query, viewer })),
  }
}

export default function IdeasPage() {
  const {
    ideas,
    myVotes,
    nextCursor,
    previousCursor,
    query,
    isFirstPage,
    voting,
    categories,
    statuses,
    publicTags,
    tooCommon,
  } = useLoaderData<typeof loader>()
  const { t, locale } = useTranslation()
  // A query longer than the box takes was searched for by its first characters: said beside it.
  const searchShortened = useSearchShortened('q', 200)
  const pageLink = (cursor: string | null, direction?: 'after' | 'before') =>
    listPageHref('/ideas', query, cursor, direction)
  const sorts = query.q ? (['relevance', ...ideaSorts] as const) : ideaSorts
  const defaultSort = query.q ? 'relevance' : 'trending'
  const name = (item: { nameEn: string; nameNl: string } | undefined) =>
    item ? localName(locale, item) : ''
  // Each active filter as a chip: a link to the same list without it (works without JavaScript).
  const chips = [
    { key: 'q', label: t('ideas.search'), value: query.q ?? '' },
    {
      key: 'kind',
      label: t('ideas.filterKind'),
      value: query.kind ? t(`ideas.kind.${query.kind as 'product'}`) : '',
    },
    {
      key: 'category',
      label: t('ideas.form.category'),
      value: name(categories.find((category) => String(category.id) === query.category)),
    },
    {
      key: 'status',
      label: t('admin.status'),
      value: name(statuses.find((status) => status.slug === query.status)),
    },
    {
      key: 'tag',
      label: t('ideas.publicTags'),
      value: name(publicTags.find((tag) => tag.slug === query.tag)),
    },
  ].filter((chip) => chip.value)
  const folded = chips.filter((chip) => chip.key !== 'q').length
  return (
    <div className="container">
      <header className="page-header page-header--with-action">
        <div>
          <h1>{query.q ? t('ideas.searchTitle', { query: query.q }) : t('ideas.title')}</h1>
          <p className="lead">{t('ideas.intro')}</p>
        </div>
        <Link to="/ideas/new" className="button">
          {t('ideas.new.cta')}
        </Link>
      </header>
      <Form
        method="get"
        className="filters filters--list"
        role="search"
        aria-label={t('ideas.filters')}
      >
        <div className="field filters__search">
          <label htmlFor="q">{t('ideas.search')}</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query.q}
            maxLength={200}
            placeholder={t('ideas.searchPlaceholder')}
            aria-describedby={searchShortened ? 'q-shortened' : undefined}
          />
          {searchShortened ? <SearchShortenedNote id="q-shortened" max={200} /> : null}
        </div>
        {/* Sorting is not filtering: it stays in sight on a phone, outside the folded "Filter" line (issue 16). */}
        <div className="field">
          <label htmlFor="sort">{t('ideas.sort')}</label>
          {/* The default order is sent as no order: a search typed on the browsed list is then
              ranked by best match, not by the trending order the list had (fresh-eyes review).
              Each choice is made again for each address it shows (its `key`): a page opened with
              JavaScript keeps a control's state, and showed "Trending" over a search's best-match
              order, or a filter its chip had just removed (fresh-eyes review). */}
          <select
            key={`${defaultSort} ${query.sort ?? ''}`}
            id="sort"
            name="sort"
            defaultValue={query.sort === defaultSort ? '' : query.sort}
          >
            {sorts.map((sort) => (
              <option key={sort} value={sort === defaultSort ? '' : sort}>
                {t(`ideas.sort.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        {/* On a phone the choices fold into one "Filter" line; from 48rem they are always shown (CSS). */}
        <details className="filters__more">
          <summary>
            {t('ideas.filter')}{' '}
            {/* The choices folded behind it, not the search beside it (fresh-eyes review). */}
            {folded ? <span className="filters__count">{folded}</span> : null}
          </summary>
          <div className="filters__fields">
            <KindFilter key={query.kind} defaultValue={query.kind} />
            <CategoryFilter
              key={query.category}
              categories={categories}
              defaultValue={query.category}
            />
            <div className="field">
              <label htmlFor="status">{t('admin.status')}</label>
              <select key={query.status} id="status" name="status" defaultValue={query.status}>
                <option value="">{t('ideas.allStatuses')}</option>
                {statuses.map((status) => (
                  <option key={status.slug} value={status.slug}>
                    {localName(locale, status)}
                  </option>
                ))}
              </select>
            </div>
            {publicTags.length ? (
              <div className="field">
                <label htmlFor="tag">{t('ideas.publicTags')}</label>
                <select key={query.tag} id="tag" name="tag" defaultValue={query.tag}>
                  <option value="">{t('admin.allTags')}</option>
                  {publicTags.map((tag) => (
                    <option key={tag.slug} value={tag.slug}>
                      {localName(locale, tag)}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
          </div>
        </details>
        <button type="submit" className="button button--secondary">
          {t('ideas.apply')}
        </button>
      </Form>
      {chips.length ? (
        <ul className="filter-chips" aria-label={t('ideas.activeFilters')}>
          {chips.map((chip) => (
            <li key={chip.key}>
              <Link
                to={listPageHref('/ideas', { ...query, [chip.key]: '' }, null)}
                className="filter-chip"
              >
                {chip.label}: {chip.value}
                <span className="visually-hidden"> ({t('ideas.removeFilter')})</span>
                <span className="filter-chip__x" aria-hidden="true" />
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <IdeaFeed
        ideas={ideas}
        myVotes={myVotes}
        nextCursor={nextCursor}
        previousCursor={previousCursor}
        isFirstPage={isFirstPage}
        pageHref={pageLink}
        voting={voting}
        empty={
          query.q
            ? t(tooCommon ? 'ideas.searchTooCommon' : 'ideas.noResults', { query: query.q })
            : t('ideas.empty')
        }
      />
    </div>
  )
}
