import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { StatusBadge } from '#app/components/ideas/status-badge'
import { staffRoles } from '#app/domain/accounts/accounts.rules'
import { countUsersByRole } from '#app/domain/accounts/accounts.server'
import { requireRole } from '#app/domain/accounts/permissions.server'
import { countIdeasByStatus } from '#app/domain/ideas/ideas.server'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { useTranslation } from '#app/utils/i18n/i18n'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, staffRoles)
  const [byStatus, byRole] = await Promise.all([countIdeasByStatus(), countUsersByRole()])
  return {
    title: getTranslator(request).t('admin.title'),
    user: { displayName: user.displayName, role: user.role },
    byStatus,
    byRole,
  }
}

export default function AdminHome() {
  const { user, byStatus, byRole } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t('admin.title')}</h1>
        <p className="lead">{t('admin.intro', { name: user.displayName, role: t(`role.${user.role}`) })}</p>
      </header>
      <div className="admin-grid">
        <section className="card" aria-labelledby="by-status">
          <h2 id="by-status">{t('admin.ideasByStatus')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col" className="numeric">
                  {t('admin.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {byStatus.map((row) => (
                <tr key={row.slug}>
                  <td>
                    <StatusBadge slug={row.slug} nameEn={row.nameEn} nameNl={row.nameNl} color={row.color} />
                  </td>
                  <td className="numeric">{row.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="by-role">
          <h2 id="by-role">{t('admin.peopleByRole')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('account.role')}</th>
                <th scope="col" className="numeric">
                  {t('admin.people')}
                </th>
              </tr>
            </thead>
            <tbody>
              {byRole.map((row) => (
                <tr key={row.role}>
                  <td>{t(`role.${row.role}`)}</td>
                  <td className="numeric">{row.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  )
}
