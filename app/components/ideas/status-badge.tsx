import { inLocale, useTranslation } from '#app/utils/i18n/i18n'

/** A status pill; the colour is decoration, the name carries the meaning. */
export function StatusBadge({
  nameEn,
  nameNl,
  color,
  slug,
}: {
  nameEn: string
  nameNl: string
  color: string
  slug: string
}) {
  const { locale } = useTranslation()
  return (
    <span
      className={`status-badge status-badge--${slug}`}
      style={{ ['--status-color' as string]: color }}
    >
      {inLocale(locale, nameEn, nameNl)}
    </span>
  )
}
