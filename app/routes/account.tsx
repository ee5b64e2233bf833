import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, Outlet, useLocation } from '@remix-run/react'

import { requireUser } from '#app/utils/http/permissions.server'
import { type MessageKey, useTranslation } from '#app/utils/i18n/i18n'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

/** The account's sub-pages, in the order of the sub-navigation. */
const pages: { to: string; label: MessageKey }[] = [
  { to: '/account', label: 'account.nav.profile' },
  { to: '/account/security', label: 'account.nav.security' },
  { to: '/account/notifications', label: 'account.nav.notifications' },
  { to: '/account/sessions', label: 'account.nav.sessions' },
  { to: '/account/data', label: 'account.nav.data' },
]

/**
 * The account's frame: heading and sub-navigation around the page. Each child checks the person
 * again in its own loader and action (a parent loader does not guard a child's action).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  return null
}

export default function AccountLayout() {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  return (
    <div className="container narrow account">
      <header className="page-header">
        <h1>{t('account.title')}</h1>
      </header>
      <nav className="admin-nav account-nav" aria-label={t('account.nav.label')}>
        <ul>
          {pages.map((page) => (
            <li key={page.to}>
              <Link
                to={page.to}
                aria-current={pathname.replace(/\/$/, '') === page.to ? 'page' : undefined}
              >
                {t(page.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  )
}
