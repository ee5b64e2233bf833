import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useEffect,
  useId,
} from 'react'

import { isMessageKey, type Params, useTranslation } from '#app/utils/i18n/i18n'

type FieldProps = {
  label: string
  name: string
  hint?: string
  /** Error message keys from the server (zod issues); translated here. */
  errors?: string[]
  /** Values for the errors' placeholders (e.g. `{count}` seconds to wait). */
  errorParams?: Params
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>

type ControlProps = {
  id: string
  name: string
  'aria-invalid'?: true
  'aria-describedby'?: string
  autoFocus?: true
}

/**
 * A control's `aria-describedby`: the ids of its hints, then of its errors, those it has (none:
 * no attribute). One home for the forms that lay their fields out by hand.
 */
export function describedBy(...ids: (string | false | null | undefined)[]) {
  return ids.filter(Boolean).join(' ') || undefined
}

/**
 * After a refused submit, the first field in error takes the focus. Without JavaScript every field
 * in error carries `autofocus` and the browser focuses the first of them; with JavaScript the page
 * is not reloaded, so this effect does it once the errors are shown.
 */
export function useFocusWhenFirstInError(id: string, errors: string[] | undefined) {
  useEffect(() => {
    if (!errors?.length) return
    const control = document.getElementById(id)
    const scope = (control as HTMLInputElement | null)?.form ?? document
    if (control && scope.querySelector('[aria-invalid="true"]') === control) control.focus()
  }, [id, errors])
}

/** Label, hint and errors around any control, wired together for screen readers. */
function FieldShell({
  label,
  name,
  hint,
  errors,
  errorParams,
  children,
}: {
  label: string
  name: string
  hint?: string
  errors?: string[]
  errorParams?: Params
  children: (control: ControlProps) => ReactNode
}) {
  const { t } = useTranslation()
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  useFocusWhenFirstInError(id, errors)
  return (
    <div className={`field${errors?.length ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        name,
        'aria-invalid': errors?.length ? true : undefined,
        'aria-describedby': describedBy(hintId, errorId),
        autoFocus: errors?.length ? true : undefined,
      })}
      {errors?.length ? (
        <ul id={errorId} className="field__errors">
          {errors.map((error) => (
            <li key={error}>
              {isMessageKey(error) ? t(error, errorParams) : t('validation.invalid')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/** A labelled input with its hint and errors wired to it for screen readers. */
export function Field({ label, name, hint, errors, errorParams, ...inputProps }: FieldProps) {
  return (
    <FieldShell label={label} name={name} hint={hint} errors={errors} errorParams={errorParams}>
      {(control) => <input {...control} {...inputProps} />}
    </FieldShell>
  )
}

type TextareaFieldProps = { label: string; name: string; hint?: string; errors?: string[] } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'name'
>

export function TextareaField({ label, name, hint, errors, ...textareaProps }: TextareaFieldProps) {
  return (
    <FieldShell label={label} name={name} hint={hint} errors={errors}>
      {(control) => <textarea {...control} {...textareaProps} />}
    </FieldShell>
  )
}

type SelectFieldProps = {
  label: string
  name: string
  hint?: string
  errors?: string[]
  children: ReactNode
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>

export function SelectField({
  label,
  name,
  hint,
  errors,
  children,
  ...selectProps
}: SelectFieldProps) {
  return (
    <FieldShell label={label} name={name} hint={hint} errors={errors}>
      {(control) => (
        <select {...control} {...selectProps}>
          {children}
        </select>
      )}
    </FieldShell>
  )
}

// Its own module, so a page that needs only it (the idea page) does not load every field.
export { FormError } from './form-error'

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
