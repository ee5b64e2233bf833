import { Form } from '@remix-run/react'
import { useId } from 'react'
import { useTranslation } from '#app/utils/i18n/i18n'

const reasons = ['spam', 'offensive', 'off-topic', 'personal-data', 'other'] as const

/** A disclosure with the report form: works without JavaScript (details/summary + plain POST). */
export function ReportForm({ action, commentId, label }: { action: string; commentId?: number; label: string }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <details className="disclosure">
      <summary>{t('reports.report')}</summary>
      <Form method="post" action={action} className="disclosure__panel form form--compact" aria-label={label}>
        {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('reports.reason')}</label>
          <select id={`${id}-reason`} name="reason" required defaultValue="">
            <option value="" disabled>
              —
            </option>
            {reasons.map((reason) => (
              <option key={reason} value={reason}>
                {t(`reports.reason.${reason}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('reports.note')}</label>
          <textarea id={`${id}-note`} name="note" rows={2} maxLength={1000} />
        </div>
        <button type="submit" className="button button--secondary button--small">
          {t('reports.submit')}
        </button>
      </Form>
    </details>
  )
}
