import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { IdeaCard } from '#app/components/ideas/idea-card'
import { decodeCursor, ideaKinds, ideaSorts } from '#app/domain/ideas/ideas.rules'
import { ideaListQuerySchema } from '#app/domain/ideas/ideas.schema'
import { getOptionalUser } from '#app/domain/accounts/permissions.server'
import { listIdeas } from '#app/domain/ideas/ideas.server'
import { getSettings } from '#app/domain/settings/settings.server'
import { withViewerVotes } from '#app/domain/votes/votes.server'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { useTranslation } from '#app/utils/i18n/i18n'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const query = ideaListQuerySchema.parse(Object.fromEntries(url.searchParams))
  const [viewer, page, settings] = await Promise.all([
    getOptionalUser(request),
    listIdeas({ sort: query.sort, kind: query.kind, cursor: decodeCursor(query.cursor) }),
    getSettings(),
  ])
  return {
    ideas: await withViewerVotes({ ideas: page.ideas, viewerId: viewer?.id }),
    nextCursor: page.nextCursor,
    voting: { signedIn: Boolean(viewer), downVotesEnabled: settings.downVotesEnabled },
    query: { sort: query.sort, kind: query.kind ?? '' }, isFirstPage: !query.cursor, title: getTranslator(request).t('ideas.title') }
}

export default function IdeasPage() {
  const { ideas, nextCursor, query, isFirstPage, voting } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const pageLink = (cursor?: string) => {
    const params = new URLSearchParams({ sort: query.sort })
    if (query.kind) params.set('kind', query.kind)
    if (cursor) params.set('cursor', cursor)
    return `/ideas?${params}`
  }
  return (
    <div className="container">
      <header className="page-header page-header--with-action">
        <div>
          <h1>{t('ideas.title')}</h1>
          <p className="lead">{t('ideas.intro')}</p>
        </div>
        <Link to="/ideas/new" className="button">
          {t('ideas.new.cta')}
        </Link>
      </header>
      <Form method="get" className="filters" aria-label={t('ideas.filters')}>
        <div className="field field--inline">
          <label htmlFor="sort">{t('ideas.sort')}</label>
          <select id="sort" name="sort" defaultValue={query.sort}>
            {ideaSorts.map((sort) => (
              <option key={sort} value={sort}>
                {t(`ideas.sort.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="kind">{t('ideas.filterKind')}</label>
          <select id="kind" name="kind" defaultValue={query.kind}>
            <option value="">{t('ideas.allKinds')}</option>
            {ideaKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`ideas.kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t('ideas.apply')}
        </button>
      </Form>
      {ideas.length ? (
        <ul className="idea-list">
          {ideas.map((idea) => (
            <li key={idea.id}>
              <IdeaCard idea={idea} voting={voting} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">{t('ideas.empty')}</p>
      )}
      <nav className="pager" aria-label={t('ideas.pagination')}>
        {!isFirstPage ? <Link to={pageLink()}>{t('ideas.firstPage')}</Link> : <span />}
        {nextCursor ? (
          <Link to={pageLink(nextCursor)} rel="next" className="button button--secondary">
            {t('ideas.nextPage')}
          </Link>
        ) : null}
      </nav>
    </div>
  )
}
