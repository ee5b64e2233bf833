import type { StatusDisplay } from '#app/domain/ideas/ideas.rules'
import { inLocale, useTranslation } from '#app/utils/i18n/i18n'

/**
 * A status pill for an idea's status as every query shows it (`statusDisplayColumns`); the colour
 * is decoration, the name carries the meaning.
 */
export function StatusBadge({ status }: { status: StatusDisplay }) {
  const { locale } = useTranslation()
  return (
    <span
      className={`status-badge status-badge--${status.statusSlug}`}
      style={{ ['--status-color' as string]: status.statusColor }}
    >
      {inLocale(locale, status.statusNameEn, status.statusNameNl)}
    </span>
  )
}
