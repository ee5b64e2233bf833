import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import type { KeyboardEvent } from 'react'

import { backOfficeHome, isStaff } from '#app/domain/accounts/accounts.rules'
import { useRootData } from '#app/root'
import { useTranslation } from '#app/utils/i18n/i18n'

import { LanguageSwitcher } from './language-switcher'

export function SiteHeader() {
  const data = useRootData()
  const { t } = useTranslation()
  const location = useLocation()
  const user = data?.user
  const here = `${location.pathname}${location.search}`
  const signInHref =
    location.pathname === '/login' || location.pathname === '/signup'
      ? '/login'
      : `/login?${new URLSearchParams({ redirectTo: here })}`

  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <div className="container site-header__bar">
        <Link to="/" className="brand">
          {data?.site.logoText ? (
            <span className="brand__mark brand__mark--text" aria-hidden="true">
              {data.site.logoText}
            </span>
          ) : (
            <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <circle cx="16" cy="16" r="16" />
              <path d="M16 6a7 7 0 0 0-4 12.7V21h8v-2.3A7 7 0 0 0 16 6zm-3 17h6v2a2 2 0 0 1-2 2h-2a2 2 0 0 1-2-2z" />
            </svg>
          )}
          <span className="brand__name">{data?.site.name ?? 'Ideabox'}</span>
        </Link>
        <nav aria-label={t('nav.main')} className="main-nav">
          <ul>
            <li>
              <NavLink to="/ideas">{t('nav.ideas')}</NavLink>
            </li>
            <li>
              <NavLink to="/roadmap">{t('nav.roadmap')}</NavLink>
            </li>
            <li>
              <NavLink to="/updates">{t('nav.updates')}</NavLink>
            </li>
            {user && isStaff(user.role) ? (
              <li>
                {/* Each staff role starts where its work is: triage, capturing, or updates. */}
                <NavLink to={backOfficeHome(user.role)}>{t('nav.backOffice')}</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <LanguageSwitcher />
        <div className="site-header__actions">
          {user ? (
            <Link
              to="/notifications"
              className="bell"
              aria-label={
                user.unreadCount
                  ? t('notifications.bellUnread', { count: user.unreadCount })
                  : t('notifications.bell')
              }
            >
              <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                <path
                  d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"
                  fill="currentColor"
                />
              </svg>
              {user.unreadCount ? (
                <span className="bell__count">
                  {user.unreadCount > 99 ? '99+' : user.unreadCount}
                </span>
              ) : null}
            </Link>
          ) : null}
          {/* The menu is a new element on each page (its key), so a page opened with JavaScript
              shows it closed, as a page load does: the header stays mounted across navigations. */}
          {user ? (
            <details className="account-menu" key={location.key} onKeyDown={closeOnEscape}>
              <summary aria-label={t('nav.accountMenu', { name: user.displayName })}>
                {/* CSS draws the initial, so the visible text is the name alone, which the
                    accessible name "Account menu for …" contains (WCAG 2.5.3, label in name). */}
                <span className="avatar" aria-hidden="true" data-initial={user.initial} />
                <span className="account-menu__name">
                  <bdi>{user.displayName}</bdi>
                </span>
              </summary>
              <div className="account-menu__panel">
                <Link to={`/u/${user.handle}`}>{t('nav.profile')}</Link>
                <Link to="/my/ideas">{t('nav.myIdeas')}</Link>
                <Link to="/my/votes">{t('nav.myVotes')}</Link>
                <Link to="/account">{t('nav.account')}</Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="link-button">
                    {t('nav.signOut')}
                  </button>
                </Form>
              </div>
            </details>
          ) : (
            <>
              <Link to={signInHref} className="button button--ghost">
                {t('nav.signIn')}
              </Link>
              <Link to="/signup" className="button button--small">
                {t('nav.signUp')}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  )
}

/** Escape closes an open menu and puts the focus back on its button, as a menu is expected to. */
function closeOnEscape(event: KeyboardEvent<HTMLDetailsElement>) {
  const menu = event.currentTarget
  if (event.key !== 'Escape' || !menu.open) return
  menu.open = false
  menu.querySelector('summary')?.focus()
}
