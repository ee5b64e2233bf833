import { useId, type InputHTMLAttributes } from 'react'
import { isMessageKey, useTranslation } from '#app/utils/i18n/i18n'

type FieldProps = {
  label: string
  name: string
  hint?: string
  /** Error message keys from the server (zod issues); translated here. */
  errors?: string[]
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>

/** A labelled input with its hint and errors wired to it for screen readers. */
export function Field({ label, name, hint, errors, ...inputProps }: FieldProps) {
  const { t } = useTranslation()
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${errors?.length ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        {...inputProps}
      />
      {errors?.length ? (
        <ul id={errorId} className="field__errors">
          {errors.map((error) => (
            <li key={error}>{isMessageKey(error) ? t(error) : t('validation.invalid')}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

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

/** A field bots fill and people never see: submissions with it filled are dropped. */
export function Honeypot() {
  const { t } = useTranslation()
  return (
    <div className="honeypot" aria-hidden="true">
      <label>
        {t('auth.honeypot')}
        <input type="text" name="website" tabIndex={-1} autoComplete="off" />
      </label>
    </div>
  )
}
