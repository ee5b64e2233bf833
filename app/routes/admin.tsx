import type { LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import { requireRole } from '#app/domain/accounts/permissions.server'
import { countHeldIdeas, countOpenReports } from '#app/domain/moderation/moderation.server'
import { countTriage } from '#app/domain/triage/triage.server'
import { useTranslation } from '#app/utils/i18n/i18n'

/**
 * The back office's frame: its navigation with the queues' sizes. Every child route checks the
 * role again in its own loader and action (a parent loader does not guard a child's action).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, backOfficeRoles)
  const [queue, reports, held] = await Promise.all([countTriage(), countOpenReports(), countHeldIdeas()])
  return { isAdmin: user.role === 'admin', counts: { queue, reports, held } }
}

export default function AdminLayout() {
  const { isAdmin, counts } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const links = [
    { to: '/admin', label: t('admin.nav.triage'), count: counts.queue, end: true },
    { to: '/admin/ideas', label: t('admin.nav.ideas') },
    { to: '/admin/approvals', label: t('admin.nav.approvals'), count: counts.held },
    { to: '/admin/reports', label: t('admin.nav.reports'), count: counts.reports },
    { to: '/admin/people', label: t('admin.nav.people') },
    { to: '/admin/tags', label: t('admin.nav.tags') },
    ...(isAdmin
      ? [
          { to: '/admin/settings', label: t('admin.nav.settings') },
          { to: '/admin/audit', label: t('admin.nav.audit') },
        ]
      : []),
  ]
  return (
    <div className="container admin">
      <nav className="admin-nav" aria-label={t('admin.title')}>
        <ul>
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end}>
                {link.label}
                {link.count ? (
                  <span className="admin-nav__count">
                    {link.count}
                    <span className="visually-hidden"> {t('admin.nav.waiting')}</span>
                  </span>
                ) : null}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin__main">
        <Outlet />
      </div>
    </div>
  )
}
