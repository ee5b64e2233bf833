import type { ReactNode } from 'react'

import { ContactUs } from '#app/components/layout/contact-us'
import { contactAfterMessage } from '#app/domain/settings/contact.rules'
import { isMessageKey, useTranslation } from '#app/utils/i18n/i18n'

/**
 * A form-level message (e.g. "wrong email or password"), announced when it appears; `children` add
 * what only this refusal says (a suspension's end and reason). A refusal that keeps a person out is
 * followed by how to reach the team (`contactAfter`), wherever a form shows it.
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
  const contact = contactAfterMessage(message)
  return (
    <div className="form-error" role="alert">
      {isMessageKey(message) ? t(message, values) : t('error.unexpectedText')}
      {children}
      {contact ? (
        <>
          <br />
          <ContactUs purpose={contact} />
        </>
      ) : null}
    </div>
  )
}
