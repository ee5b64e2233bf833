import { useSearchParams } from '@remix-run/react'

import { useTranslation } from '#app/utils/i18n/i18n'
import { searchFor } from '#app/utils/text.rules'

/**
 * Whether the search in the address (`param`) is longer than its box takes (`max`): the page then
 * searches for its first `max` characters (searchTextField) and says so (SearchShortenedNote).
 */
export function useSearchShortened(param: string, max: number) {
  const [params] = useSearchParams()
  return searchFor(params.get(param) ?? '', max).shortened
}

/** Beside a search box, when its query was cut: what was searched for (the box's `aria-describedby`). */
export function SearchShortenedNote({ id, max }: { id: string; max: number }) {
  const { t } = useTranslation()
  return (
    <p id={id} className="field__hint field__hint--notice" role="status">
      {t('search.shortened', { max })}
    </p>
  )
}
