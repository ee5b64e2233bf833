import { Form } from '@remix-run/react'
import { useId } from 'react'

import { FormError } from '#app/components/ui/form-error'
import { reportReasons } from '#app/domain/moderation/reports.rules'
import { isMessageKey, useTranslation } from '#app/utils/i18n/i18n'

import type { IdeaFormResult } from './comment-thread'

/** The report form inside ReportForm's disclosure: a chunk of its own, loaded when opened. */
export function ReportPanel({
  action,
  commentId,
  label,
  mine,
}: {
  action: string
  commentId?: number
  label: string
  /** This form's refused post, to show its errors and what was typed. */
  mine?: IdeaFormResult
}) {
  const { t } = useTranslation()
  const id = useId()
  const reasonErrors = mine?.fieldErrors.reason ?? []
  const noteErrors = mine?.fieldErrors.note ?? []
  const errorList = (fieldId: string, errors: string[]) =>
    errors.length ? (
      <ul id={fieldId} className="field__errors">
        {errors.map((error) => (
          <li key={error}>{isMessageKey(error) ? t(error) : t('validation.invalid')}</li>
        ))}
      </ul>
    ) : null
  return (
    <Form
      method="post"
      action={action}
      className="disclosure__panel form form--compact"
      aria-label={label}
    >
      <input type="hidden" name="intent" value="report" />
      {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
      <FormError message={mine?.formError} />
      <div className={`field${reasonErrors.length ? ' field--invalid' : ''}`}>
        <label htmlFor={`${id}-reason`}>{t('reports.reason')}</label>
        <select
          id={`${id}-reason`}
          name="reason"
          required
          defaultValue={mine?.values.reason ?? ''}
          aria-invalid={reasonErrors.length ? true : undefined}
          aria-describedby={reasonErrors.length ? `${id}-reason-error` : undefined}
        >
          <option value="" disabled>
            —
          </option>
          {reportReasons.map((reason) => (
            <option key={reason} value={reason}>
              {t(`reports.reason.${reason}`)}
            </option>
          ))}
        </select>
        {errorList(`${id}-reason-error`, reasonErrors)}
      </div>
      <div className={`field${noteErrors.length ? ' field--invalid' : ''}`}>
        <label htmlFor={`${id}-note`}>{t('reports.note')}</label>
        <textarea
          id={`${id}-note`}
          name="note"
          rows={2}
          maxLength={1000}
          defaultValue={mine?.values.note ?? ''}
          aria-invalid={noteErrors.length ? true : undefined}
          aria-describedby={noteErrors.length ? `${id}-note-error` : undefined}
        />
        {errorList(`${id}-note-error`, noteErrors)}
      </div>
      <button type="submit" className="button button--secondary button--small">
        {t('reports.submit')}
      </button>
    </Form>
  )
}
