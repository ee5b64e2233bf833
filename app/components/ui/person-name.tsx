// How a person's name shows: a deleted account keeps an empty name and is "a former member".
import { Link } from '@remix-run/react'

import { type Translate, useTranslation } from '#app/utils/i18n/i18n'

import { Interpolated, SLOT } from './interpolated'

/** The name to show for a person, in sentences (`ideas.by`) and plain cells alike. */
export function shownName(t: Translate, displayName: string) {
  return displayName || t('people.formerMember')
}

/** A person's name as text, isolated in `<bdi>` as in PersonName; a deleted account's is a phrase. */
export function ShownName({ displayName }: { displayName: string }) {
  const { t } = useTranslation()
  return displayName ? <bdi>{displayName}</bdi> : <>{shownName(t, displayName)}</>
}

/**
 * A person's name, linked to their profile while they have one. The name is isolated in `<bdi>`, so a
 * right-to-left name (Arabic, Hebrew) never reorders the date or count written beside it.
 */
export function PersonName({
  displayName,
  handle,
  className,
}: {
  displayName: string
  handle: string
  className?: string
}) {
  const { t } = useTranslation()
  if (!displayName) return <span className={className}>{shownName(t, displayName)}</span>
  return (
    <Link to={`/u/${handle}`} className={className} title={className ? displayName : undefined}>
      <bdi>{displayName}</bdi>
    </Link>
  )
}

/**
 * "by <name>" in the reader's words, the name isolated (linked to their profile when `handle` is
 * given). One home for it: the idea card, the idea page and the back office's idea page.
 */
export function ByPerson({ displayName, handle }: { displayName: string; handle?: string }) {
  const { t } = useTranslation()
  return (
    <Interpolated
      text={t('ideas.by', { name: SLOT })}
      slot={
        handle ? (
          <PersonName displayName={displayName} handle={handle} />
        ) : (
          <ShownName displayName={displayName} />
        )
      }
    />
  )
}
