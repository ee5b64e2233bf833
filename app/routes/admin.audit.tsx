import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireRole } from '#app/domain/accounts/permissions.server'
import { listAudit } from '#app/domain/audit/audit.server'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { formatDateTime, useTranslation } from '#app/utils/i18n/i18n'
import { idField } from '#app/utils/schemas'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** Admins only: every staff action with who, when, what and before → after. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  const before = idField().safeParse(new URL(request.url).searchParams.get('before')).data ?? null
  return { title: getTranslator(request).t('admin.audit.title'), ...(await listAudit({ before })) }
}

const targetLink = (type: string, id: number | null) =>
  id === null ? null : type === 'idea' ? `/admin/ideas/${id}` : type === 'user' ? `/admin/people/${id}` : null

export default function AuditPage() {
  const { entries, nextBefore } = useLoaderData<typeof loader>()
  const { t, locale } = useTranslation()
  return (
    <>
      <header className="page-header">
        <h1>{t('admin.audit.title')}</h1>
        <p className="lead">{t('admin.audit.intro')}</p>
      </header>
      {entries.length ? (
        <div className="table-scroll">
          <table className="table table--cards audit-table">
            <caption className="visually-hidden">{t('admin.audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.when')}</th>
                <th scope="col">{t('admin.audit.who')}</th>
                <th scope="col">{t('admin.audit.what')}</th>
                <th scope="col">{t('admin.audit.target')}</th>
                <th scope="col">{t('admin.audit.change')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const link = targetLink(entry.targetType, entry.targetId)
                return (
                  <tr key={entry.id}>
                    <td data-label={t('admin.audit.when')}>{formatDateTime(locale, entry.createdAt)}</td>
                    <td data-label={t('admin.audit.who')}>{entry.actorName ?? '—'}</td>
                    <th scope="row">
                      <code>{entry.action}</code>
                    </th>
                    <td data-label={t('admin.audit.target')}>
                      {link ? <Link to={link}>{`${entry.targetType} #${entry.targetId}`}</Link> : `${entry.targetType}${entry.targetId ? ` #${entry.targetId}` : ''}`}
                    </td>
                    <td className="audit-table__change" data-label={t('admin.audit.change')}>
                      {entry.before ? <code>{JSON.stringify(entry.before)}</code> : null}
                      {entry.before && entry.after ? ' → ' : null}
                      {entry.after ? <code>{JSON.stringify(entry.after)}</code> : null}
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
      {nextBefore ? (
        <p className="pager">
          <span />
          <Link to={`/admin/audit?before=${nextBefore}`} className="button button--secondary">
            {t('ideas.nextPage')}
          </Link>
        </p>
      ) : null}
    </>
  )
}
