// The list filters every idea list shares (public lists, roadmap, back office): kind and category,
// as labelled selects that submit with their GET form.
import { ideaKinds } from '#app/domain/ideas/ideas.rules'
import { localName, useTranslation } from '#app/utils/i18n/i18n'

export function KindFilter({ defaultValue }: { defaultValue: string }) {
  const { t } = useTranslation()
  return (
    <div className="field">
      <label htmlFor="kind">{t('ideas.filterKind')}</label>
      <select id="kind" name="kind" defaultValue={defaultValue}>
        <option value="">{t('ideas.allKinds')}</option>
        {ideaKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`ideas.kind.${kind}`)}
          </option>
        ))}
      </select>
    </div>
  )
}

/** Categories grouped under their kind. */
export function CategoryFilter({
  categories,
  defaultValue,
}: {
  categories: { id: number; kind: string; nameEn: string; nameNl: string }[]
  defaultValue: string
}) {
  const { t, locale } = useTranslation()
  return (
    <div className="field">
      <label htmlFor="category">{t('ideas.form.category')}</label>
      <select id="category" name="category" defaultValue={defaultValue}>
        <option value="">{t('ideas.allCategories')}</option>
        {ideaKinds.map((kind) => (
          <optgroup key={kind} label={t(`ideas.kind.${kind}`)}>
            {categories
              .filter((category) => category.kind === kind)
              .map((category) => (
                <option key={category.id} value={category.id}>
                  {localName(locale, category)}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </div>
  )
}
