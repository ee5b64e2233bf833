import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, Outlet, useLoaderData, useLocation } from '@remix-run/react'

import {
  backOfficeRoles,
  hasRole,
  intakeRoles,
  staffRoles,
} from '#app/domain/accounts/accounts.rules'
import { mailHealth } from '#app/domain/mail/outbox.server'
import { countHeldIdeas, countOpenReports } from '#app/domain/moderation/moderation.server'
import { getSettings } from '#app/domain/settings/settings.server'
import { queueCountLabel } from '#app/domain/triage/triage.rules'
import { countTriage } from '#app/domain/triage/triage.server'
import { env } from '#app/utils/env.server'
import { requireRole } from '#app/utils/http/permissions.server'
import { useTranslation } from '#app/utils/i18n/i18n'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

/**
 * The back office's frame: its navigation with the queues' sizes. Every child route checks the
 * role again in its own loader and action (a parent loader does not guard a child's action).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  // Marketers come here for updates only; each page checks its own role again.
  const user = await requireRole(request, staffRoles)
  const team = hasRole(user.role, backOfficeRoles)
  const [queue, reports, held, mail, { timeZone }] = await Promise.all([
    team ? countTriage() : 0,
    team ? countOpenReports() : 0,
    team ? countHeldIdeas() : 0,
    user.role === 'admin' ? mailHealth() : null,
    getSettings(),
  ])
  return {
    isAdmin: user.role === 'admin',
    /** Every time in the back office is shown in this zone (useSiteTimeZone), named once on each page. */
    timeZone,
    role: user.role,
    intake: hasRole(user.role, intakeRoles),
    team,
    counts: { queue, reports, held },
    // Silence is the failure mode of email: admins see trouble on every back-office page.
    mailTrouble:
      mail &&
      (mail.failedRecently > 0 ||
        (mail.oldestQueued !== null && Date.now() - mail.oldestQueued.getTime() > 15 * 60_000))
        ? mail
        : null,
    mailKeptLocally: user.role === 'admin' && !env().SMTP_URL && env().NODE_ENV === 'production',
  }
}

export default function AdminLayout() {
  const { isAdmin, role, intake, team, counts, mailTrouble, mailKeptLocally, timeZone } =
    useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const location = useLocation()
  const mineView = new URLSearchParams(location.search).get('view') === 'mine'
  // The current page: exact for list pages ("All ideas" and "Assigned to me" share a path), by
  // prefix for pages with children (an idea belongs to "All ideas", a person to "People").
  const isCurrent = (to: string) => {
    const [path, query] = to.split('?')
    if (query) return location.pathname === path && mineView
    if (path === '/admin') return location.pathname === '/admin'
    if (path === '/admin/ideas') return location.pathname.startsWith(path) && !mineView
    return location.pathname.startsWith(path!)
  }
  const links: { to: string; label: string; count?: number }[] = [
    ...(team
      ? [
          { to: '/admin', label: t('admin.nav.triage'), count: counts.queue },
          { to: '/admin/ideas', label: t('admin.nav.ideas') },
          { to: '/admin/ideas?view=mine', label: t('admin.nav.mine') },
          { to: '/admin/approvals', label: t('admin.nav.approvals'), count: counts.held },
          { to: '/admin/reports', label: t('admin.nav.reports'), count: counts.reports },
          { to: '/admin/people', label: t('admin.nav.people') },
          { to: '/admin/tags', label: t('admin.nav.tags') },
          { to: '/admin/insights', label: t('admin.nav.insights') },
          { to: '/admin/audit', label: t('admin.nav.audit') },
        ]
      : []),
    ...(intake ? [{ to: '/admin/intake', label: t('admin.nav.intake') }] : []),
    ...(isAdmin || role === 'marketer'
      ? [{ to: '/admin/updates', label: t('admin.nav.updates') }]
      : []),
    ...(isAdmin
      ? [
          { to: '/admin/mail', label: t('admin.nav.mail'), count: mailTrouble?.failedRecently },
          { to: '/admin/promises', label: t('admin.nav.promises') },
          { to: '/admin/api', label: t('admin.nav.api') },
          { to: '/admin/webhooks', label: t('admin.nav.webhooks') },
          { to: '/admin/settings', label: t('admin.nav.settings') },
        ]
      : []),
  ]
  const current = links.find((link) => isCurrent(link.to))
  return (
    <div className="container admin">
      <nav className="admin-nav" aria-label={t('admin.title')}>
        {/* One line on a phone, opened without JavaScript; always open on a wide screen (CSS). A
            new element on each page (its key): a page opened with JavaScript shows it closed. */}
        <details className="admin-nav__menu" key={location.key}>
          <summary>
            {t('admin.nav.menu')}
            {current ? <span className="admin-nav__here">{current.label}</span> : null}
          </summary>
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <Link to={link.to} aria-current={isCurrent(link.to) ? 'page' : undefined}>
                  {link.label}
                  {link.count ? (
                    <span className="admin-nav__count">
                      {queueCountLabel(link.count)}
                      <span className="visually-hidden"> {t('admin.nav.waiting')}</span>
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      </nav>
      <div className="admin__main">
        {mailTrouble ? (
          <p className="notice notice--warning" role="alert">
            {t('admin.mail.trouble', {
              failed: mailTrouble.failedRecently,
              queued: mailTrouble.queued,
            })}{' '}
            <Link to="/admin/mail">{t('admin.mail.title')}</Link>
          </p>
        ) : null}
        {/* A standing condition, not news: said on the dashboard and in the mailbox, not on every page. */}
        {mailKeptLocally &&
        (location.pathname === '/admin' || location.pathname === '/admin/mail') ? (
          <p className="notice">{t('admin.mail.keptLocally')}</p>
        ) : null}
        <Outlet />
        <p className="muted admin__zone">{t('admin.timesIn', { zone: timeZone })}</p>
      </div>
    </div>
  )
}
