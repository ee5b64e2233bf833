// A keyset list's page links: back a page and to the first page on the left, on to the next page
// (or "Load more") on the right. Plain links, so paging works without JavaScript both ways.
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

import { useTranslation } from '#app/utils/i18n/i18n'

export function Pager({
  pageHref,
  previousCursor,
  isFirstPage,
  nextCursor = null,
  next,
  labels = {},
}: {
  /** The address of the first page (null), or of the page after or before a cursor. */
  pageHref: (cursor: string | null, direction?: 'after' | 'before') => string
  previousCursor: string | null
  isFirstPage: boolean
  /** The next page's cursor: its link leads on ("Next page"); none at the end. */
  nextCursor?: string | null
  /** What leads on instead of the next page's link ("Load more"). */
  next?: ReactNode
  /**
   * The navigation's name (unique where a page has two lists) and the links' words where the list
   * names its own (a log going back in time says "Older", "Newer" and "Newest").
   */
  labels?: { navigation?: string; next?: string; previous?: string; first?: string }
}) {
  const { t } = useTranslation()
  return (
    <nav className="pager" aria-label={labels.navigation ?? t('ideas.pagination')}>
      <span className="pager__back">
        {previousCursor ? (
          <Link
            to={pageHref(previousCursor, 'before')}
            rel="prev"
            className="button button--secondary"
          >
            {labels.previous ?? t('ideas.previousPage')}
          </Link>
        ) : null}
        {!isFirstPage ? (
          <Link to={pageHref(null)}>{labels.first ?? t('ideas.firstPage')}</Link>
        ) : null}
      </span>
      {next !== undefined ? (
        next
      ) : nextCursor ? (
        <Link to={pageHref(nextCursor)} rel="next" className="button button--secondary">
          {labels.next ?? t('ideas.nextPage')}
        </Link>
      ) : null}
    </nav>
  )
}
