import { isMessageKey, useTranslation } from '#app/utils/i18n/i18n'

/** A form-level message (e.g. "wrong email or password"), announced when it appears. */
export function FormError({ message }: { message?: string }) {
  const { t } = useTranslation()
  if (!message) return null
  return (
    <div className="form-error" role="alert">
      {isMessageKey(message) ? t(message) : t('error.unexpectedText')}
    </div>
  )
}
