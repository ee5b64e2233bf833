import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { AuditChanges } from '#app/components/audit/audit-changes'
import { Pager } from '#app/components/ui/pager'
import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import {
  auditActionLabelKey,
  auditActions,
  auditActionsReadableBy,
  auditTargetLabelKey,
  auditTargetTypesReadableBy,
} from '#app/domain/audit/audit.rules'
import { auditFiltersFrom } from '#app/domain/audit/audit.schema'
import { listAudit, listAuditActors } from '#app/domain/audit/audit.server'
import { getSettings } from '#app/domain/settings/settings.server'
import { requireRole } from '#app/utils/http/permissions.server'
import { formatDateTime, useTranslation } from '#app/utils/i18n/i18n'
import { getLocale, getTranslator } from '#app/utils/i18n/i18n.server'
import { listPageHref } from '#app/utils/page-href'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

/**
 * Staff actions as sentences, newest first, filtered by person, action, target and date. Read-only;
 * admins read all of it, moderators the product team's work (auditActionsReadableBy).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, backOfficeRoles)
  const readable = auditActionsReadableBy(user.role)
  const url = new URL(request.url)
  const filters = auditFiltersFrom(url.searchParams)
  const locale = getLocale(request)
  const { timeZone } = await getSettings()
  const [page, actors] = await Promise.all([
    listAudit({ filters, locale, readable, timeZone }),
    listAuditActors({ readable }),
  ])
  const query = new URLSearchParams(url.searchParams)
  for (const key of ['cursor', 'before']) query.delete(key)
  const { t } = getTranslator(request)
  return {
    title: t('admin.audit.title'),
    ...page,
    actors,
    actions: readable ?? auditActions,
    targetTypes: auditTargetTypesReadableBy(user.role),
    partial: readable !== null,
    query: query.toString(),
  }
}

const targetLink = (type: string, id: number | null, ideaId: number | null) =>
  ideaId !== null
    ? `/admin/ideas/${ideaId}`
    : id === null
      ? null
      : type === 'idea'
        ? `/admin/ideas/${id}`
        : type === 'user'
          ? `/admin/people/${id}`
          : type === 'update'
            ? `/admin/updates/${id}`
            : null

export default function AuditPage() {
  const {
    entries,
    nextCursor,
    previousCursor,
    isFirstPage,
    actors,
    actions,
    targetTypes,
    timeZone,
    partial,
    query,
  } = useLoaderData<typeof loader>()
  const { t, locale } = useTranslation()
  const params = new URLSearchParams(query)
  const pageHref = (cursor: string | null, direction?: 'after' | 'before') =>
    listPageHref('/admin/audit', Object.fromEntries(params), cursor, direction)
  return (
    <>
      <header className="page-header">
        <h1>{t('admin.audit.title')}</h1>
        <p className="lead">{t('admin.audit.intro')}</p>
        {partial ? <p>{t('admin.audit.moderatorPart')}</p> : null}
      </header>
      <Form method="get" className="filters" aria-label={t('admin.audit.filters')}>
        <div className="field">
          <label htmlFor="audit-actor">{t('admin.audit.filter.actor')}</label>
          <select id="audit-actor" name="actorId" defaultValue={params.get('actorId') ?? ''}>
            <option value="">{t('admin.audit.filter.anyone')}</option>
            {actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                <bdi>{actor.displayName}</bdi>
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t('admin.audit.filter.action')}</label>
          <select id="audit-action" name="action" defaultValue={params.get('action') ?? ''}>
            <option value="">{t('admin.audit.filter.anyAction')}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {t(auditActionLabelKey(action))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-target">{t('admin.audit.filter.target')}</label>
          <select id="audit-target" name="targetType" defaultValue={params.get('targetType') ?? ''}>
            <option value="">{t('admin.audit.filter.anyTarget')}</option>
            {targetTypes.map((type) => (
              <option key={type} value={type}>
                {t(auditTargetLabelKey(type))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-target-id">{t('admin.audit.filter.targetId')}</label>
          <input
            id="audit-target-id"
            name="targetId"
            inputMode="numeric"
            defaultValue={params.get('targetId') ?? ''}
            size={6}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('admin.audit.filter.from')}</label>
          <input id="audit-from" name="from" type="date" defaultValue={params.get('from') ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('admin.audit.filter.to')}</label>
          <input id="audit-to" name="to" type="date" defaultValue={params.get('to') ?? ''} />
        </div>
        <button type="submit" className="button button--secondary">
          {t('admin.audit.filter.apply')}
        </button>
        {query ? <Link to="/admin/audit">{t('admin.audit.filter.clear')}</Link> : null}
      </Form>
      {entries.length ? (
        <div className="table-scroll">
          <table className="table table--cards audit-table">
            <caption className="visually-hidden">{t('admin.audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.whenIn', { zone: timeZone })}</th>
                <th scope="col">{t('admin.audit.what')}</th>
                <th scope="col">{t('admin.audit.change')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const link = targetLink(entry.targetType, entry.targetId, entry.ideaId)
                return (
                  <tr key={entry.id}>
                    <td data-label={t('admin.audit.when')}>
                      {formatDateTime(locale, entry.createdAt, timeZone)}
                    </td>
                    <th scope="row">
                      {link ? <Link to={link}>{entry.sentence}</Link> : entry.sentence}
                    </th>
                    <td className="audit-table__change" data-label={t('admin.audit.change')}>
                      <AuditChanges changes={entry.changes} />
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">{t('admin.audit.empty')}</p>
      )}
      <Pager
        pageHref={pageHref}
        previousCursor={previousCursor}
        isFirstPage={isFirstPage}
        nextCursor={nextCursor}
        labels={{
          next: t('admin.audit.older'),
          previous: t('admin.audit.newer'),
          first: t('admin.audit.newest'),
        }}
      />
    </>
  )
}
