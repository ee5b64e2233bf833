// The fields of one status change (the new status, the public answer, whether to tell people, the
// button): one home for the triage list's row forms and the back-office idea page, each of which
// wraps them in its own form with its own intent.
import { describedBy, FormError } from '#app/components/ui/field'
import { isMessageKey, localName, useTranslation } from '#app/utils/i18n/i18n'

type StatusChoice = { id: number; slug: string; nameEn: string; nameNl: string; retired?: boolean }

/** What a refused status change answered: its messages and the values typed. */
type StatusChangeResult = {
  formError?: string
  fieldErrors?: Partial<Record<string, string[]>>
  values?: Record<string, string>
}

/** The statuses a change may pick: not retired, and never "duplicate" (merging does that). */
export function choosableStatuses<Status extends StatusChoice>(statuses: readonly Status[]) {
  return statuses.filter((status) => !status.retired && status.slug !== 'duplicate')
}

/**
 * `idPrefix` keeps ids unique when a page has several of these (one per row); `compact` is the row
 * form: a shorter answer box without its hint, and a small button.
 */
export function StatusChangeFields({
  idPrefix,
  statuses,
  result,
  busy,
  compact = false,
}: {
  idPrefix: string
  statuses: readonly StatusChoice[]
  result: StatusChangeResult | undefined
  busy: boolean
  compact?: boolean
}) {
  const { t, locale } = useTranslation()
  const messages = (field: string) => result?.fieldErrors?.[field] ?? []
  /** A field's hint, then its errors when it has any, as its description. */
  const described = (field: string, hint?: string) => {
    const error = messages(field).length > 0 && `${idPrefix}-${field}-error`
    return {
      'aria-invalid': error ? (true as const) : undefined,
      'aria-describedby': describedBy(hint, error),
    }
  }
  const errors = (field: string) =>
    messages(field).length ? (
      <ul className="field__errors" id={`${idPrefix}-${field}-error`}>
        {messages(field).map((key) => (
          <li key={key}>{isMessageKey(key) ? t(key) : t('validation.invalid')}</li>
        ))}
      </ul>
    ) : null
  return (
    <>
      <FormError message={result?.formError} />
      <div className="field">
        <label htmlFor={`${idPrefix}-status`}>{t('admin.newStatus')}</label>
        <select
          id={`${idPrefix}-status`}
          name="statusId"
          defaultValue={result?.values?.statusId ?? ''}
          {...described('statusId')}
        >
          <option value="">{t('admin.chooseStatus')}</option>
          {choosableStatuses(statuses).map((status) => (
            <option key={status.id} value={status.id}>
              {localName(locale, status)}
            </option>
          ))}
        </select>
        {errors('statusId')}
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-response`}>{t('admin.publicResponse')}</label>
        {compact ? null : (
          <p className="field__hint" id={`${idPrefix}-response-hint`}>
            {t('admin.publicResponseHint')}
          </p>
        )}
        <textarea
          id={`${idPrefix}-response`}
          name="response"
          rows={compact ? 3 : 4}
          maxLength={10000}
          defaultValue={result?.values?.response ?? ''}
          {...described('response', compact ? undefined : `${idPrefix}-response-hint`)}
        />
        {errors('response')}
      </div>
      <label className="check">
        <input type="checkbox" name="notify" defaultChecked /> {t('admin.notify')}
      </label>
      <button type="submit" className={compact ? 'button button--small' : 'button'} disabled={busy}>
        {t('admin.changeStatus')}
      </button>
    </>
  )
}
