import type { ReactNode } from 'react'

import { isMessageKey, useTranslation } from '#app/utils/i18n/i18n'

/**
 * A form-level message (e.g. "wrong email or password"), announced when it appears; `children` add
 * what only this refusal says (a suspension's end and reason).
 */
export function FormError({
  message,
  values,
  children,
}: {
  message?: string
  /** What the message names (`{idea}`, `{status}`…). */
  values?: Record<string, string | number>
  children?: ReactNode
}) {
  const { t } = useTranslation()
  if (!message) return null
  return (
    <div className="form-error" role="alert">
      {isMessageKey(message) ? t(message, values) : t('error.unexpectedText')}
      {children}
    </div>
  )
}
