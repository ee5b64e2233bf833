// A keyset list's page links: back a page and to the first page on the left, on to the next page
// (or "Load more") on the right. Plain links, so paging works without JavaScript both ways.
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

import { useTranslation } from '#app/utils/i18n/i18n'

export function Pager({
  pageHref,
  previousCursor,
  isFirstPage,
  next,
}: {
  /** The address of the first page (null), or of the page after or before a cursor. */
  pageHref: (cursor: string | null, direction?: 'after' | 'before') => string
  previousCursor: string | null
  isFirstPage: boolean
  /** What leads on: the next page's link, "Load more", or nothing at the end. */
  next: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <nav className="pager" aria-label={t('ideas.pagination')}>
      <span className="pager__back">
        {previousCursor ? (
          <Link
            to={pageHref(previousCursor, 'before')}
            rel="prev"
            className="button button--secondary"
          >
            {t('ideas.previousPage')}
          </Link>
        ) : null}
        {!isFirstPage ? <Link to={pageHref(null)}>{t('ideas.firstPage')}</Link> : null}
      </span>
      {next}
    </nav>
  )
}
