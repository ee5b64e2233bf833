import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { shownName } from '#app/components/ui/person-name'
import { SearchShortenedNote, useSearchShortened } from '#app/components/ui/search-shortened-note'
import { backOfficeRoles, canParticipate } from '#app/domain/accounts/accounts.rules'
import { findPeople } from '#app/domain/triage/triage.server'
import { requireRole } from '#app/utils/http/permissions.server'
import { formatDate, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'
import { searchFor } from '#app/utils/text.rules'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, backOfficeRoles)
  const q = searchFor(new URL(request.url).searchParams.get('q') ?? '', 100).text
  const people = await findPeople({ search: q })
  return {
    title: getTranslator(request).t('admin.people.title'),
    q,
    people: people.map(({ suspendedUntil, bannedAt, ...person }) => ({
      ...person,
      active: canParticipate({ suspendedUntil, bannedAt }),
      banned: Boolean(bannedAt),
    })),
  }
}

export default function PeoplePage() {
  const { q, people } = useLoaderData<typeof loader>()
  const { t, locale } = useTranslation()
  const searchShortened = useSearchShortened('q', 100)
  return (
    <>
      <header className="page-header">
        <h1>{t('admin.people.title')}</h1>
        <p className="lead">{t('admin.people.intro')}</p>
      </header>
      <Form method="get" className="filters" role="search" aria-label={t('admin.people.search')}>
        <div className="field filters__search">
          <label htmlFor="q">{t('admin.people.search')}</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={100}
            aria-describedby={searchShortened ? 'q-shortened' : undefined}
          />
          {searchShortened ? <SearchShortenedNote id="q-shortened" max={100} /> : null}
        </div>
        <button type="submit" className="button button--secondary">
          {t('admin.search')}
        </button>
      </Form>
      {people.length ? (
        <div className="table-scroll">
          <table className="table table--cards">
            <caption className="visually-hidden">{t('admin.people.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.people.name')}</th>
                <th scope="col">{t('account.email')}</th>
                <th scope="col">{t('account.role')}</th>
                <th scope="col">{t('account.memberSince')}</th>
                <th scope="col">{t('admin.people.state')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <th scope="row">
                    <Link to={`/admin/people/${person.id}`}>
                      {shownName(t, person.displayName)}
                    </Link>{' '}
                    <span className="muted">@{person.handle}</span>
                  </th>
                  <td data-label={t('account.email')}>{person.email}</td>
                  <td data-label={t('account.role')}>{t(`role.${person.role}`)}</td>
                  <td data-label={t('account.memberSince')}>
                    {formatDate(locale, person.createdAt)}
                  </td>
                  <td data-label={t('admin.people.state')}>
                    {person.banned
                      ? t('admin.people.banned')
                      : person.active
                        ? t('admin.people.active')
                        : t('admin.people.suspended')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">{t('admin.people.empty')}</p>
      )}
    </>
  )
}
