import { type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { IdeaFeed } from '#app/components/ideas/idea-feed'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { getProfilePage } from '#app/domain/pages/profile-page.server'
import { getOptionalUser } from '#app/utils/http/permissions.server'
import { formatDate, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { listPageHref } from '#app/utils/page-href'
import { pageTitle } from '#app/utils/page-title'
import { avatarInitial } from '#app/utils/text.rules'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.person.displayName) },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const viewer = await getOptionalUser(request)
  const result = await getProfilePage({
    handle: params.handle,
    page: Object.fromEntries(url.searchParams),
    viewer,
  })
  // An old handle leads to the person's profile under their current one.
  if (!result.ok && result.reason === 'moved')
    throw redirect(`/u/${result.handle}${url.search}`, 301)
  if (!result.ok) throw new Response('Not found', { status: 404 })
  return { title: getTranslator(request).t('nav.profile'), ...result.page }
}

export default function ProfilePage() {
  const { person, points, ideas, nextCursor, previousCursor, isFirstPage, voting, comments } =
    useLoaderData<typeof loader>()
  const { t, locale } = useTranslation()
  const pageHref = (cursor: string | null, direction?: 'after' | 'before') =>
    listPageHref(`/u/${person.handle}`, {}, cursor, direction)
  return (
    <div className="container profile">
      <header className="page-header profile__header">
        <span className="avatar avatar--large" aria-hidden="true">
          {avatarInitial(person.displayName)}
        </span>
        <div className="profile__name">
          <h1>
            <span className="profile__display-name">
              <bdi>{person.displayName}</bdi>
            </span>{' '}
            {person.staff ? <span className="badge">{t('profile.staff')}</span> : null}
          </h1>
          <p className="muted">
            @{person.handle} ·{' '}
            {t('profile.memberSince', { date: formatDate(locale, person.memberSince) })}
          </p>
        </div>
      </header>
      <section aria-labelledby="stats-title">
        <h2 id="stats-title" className="visually-hidden">
          {t('profile.stats')}
        </h2>
        <dl className="stat-grid">
          <div className="stat">
            <dt>{t('profile.points')}</dt>
            <dd>{points.allTime.points}</dd>
          </div>
          <div className="stat">
            <dt>{t('profile.pointsThisMonth')}</dt>
            <dd>{points.thisMonth.points}</dd>
          </div>
          <div className="stat">
            <dt>{t('profile.votesReceived')}</dt>
            <dd>{points.allTime.votesReceived}</dd>
          </div>
          <div className="stat">
            <dt>{t('profile.ideasImplemented')}</dt>
            <dd>{points.allTime.ideasImplemented}</dd>
          </div>
        </dl>
        <p className="muted">
          {t('profile.pointsExplain')} <Link to="/leaderboard">{t('nav.leaderboard')}</Link>
        </p>
      </section>
      <div className="profile__columns">
        <section aria-labelledby="ideas-title">
          <h2 id="ideas-title">{t('profile.ideas')}</h2>
          <IdeaFeed
            ideas={ideas}
            nextCursor={nextCursor}
            previousCursor={previousCursor}
            isFirstPage={isFirstPage}
            pageHref={pageHref}
            voting={voting}
            headingLevel={3}
            empty={t('profile.noIdeas')}
          />
        </section>
        <section aria-labelledby="comments-title" className="profile__comments">
          <h2 id="comments-title">{t('profile.comments')}</h2>
          {comments.length ? (
            <ul className="comment-list">
              {comments.map((comment) => (
                <li key={comment.id}>
                  <p className="comment-list__on">
                    <Link
                      to={`${ideaPath({ id: comment.ideaId, slug: comment.ideaSlug })}#comment-${comment.id}`}
                    >
                      {t('profile.commentOn', { title: comment.ideaTitle })}
                    </Link>
                  </p>
                  <p>{comment.excerpt}</p>
                  <p className="muted">{formatDate(locale, comment.createdAt)}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty-state">{t('profile.noComments')}</p>
          )}
        </section>
      </div>
    </div>
  )
}
