import { isRouteErrorResponse, Link } from '@remix-run/react'

import { isLocale, type Locale, type MessageKey, useTranslation } from '#app/utils/i18n/i18n'

export type ErrorKind = 'notFound' | 'forbidden' | 'badRequest' | 'unavailable' | 'unexpected'

/** Which page to show for a thrown error or response. */
export function errorKindFor(error: unknown): ErrorKind {
  if (!isRouteErrorResponse(error)) return 'unexpected'
  if (error.status === 404) return 'notFound'
  if (error.status === 403) return 'forbidden'
  if (error.status === 503) return 'unavailable'
  return error.status >= 400 && error.status < 500 ? 'badRequest' : 'unexpected'
}

/** The visitor's language carried by an error response (the 503 sent while the database is down). */
export function errorLocale(error: unknown): Locale | undefined {
  if (!isRouteErrorResponse(error)) return undefined
  const locale = (error.data as { locale?: unknown } | null)?.locale
  return isLocale(locale) ? locale : undefined
}

export function errorTitleKey(kind: ErrorKind): MessageKey {
  return copy[kind].title
}

const copy: Record<ErrorKind, { title: MessageKey; text: MessageKey }> = {
  notFound: { title: 'error.notFoundTitle', text: 'error.notFoundText' },
  forbidden: { title: 'error.forbiddenTitle', text: 'error.forbiddenText' },
  badRequest: { title: 'error.badRequestTitle', text: 'error.badRequestText' },
  unavailable: { title: 'error.unavailableTitle', text: 'error.unavailableText' },
  unexpected: { title: 'error.unexpectedTitle', text: 'error.unexpectedText' },
}

/** The page people see for 4xx/5xx: what happened in plain words, never internals. */
export function ErrorPage({ kind, status }: { kind: ErrorKind; status: number }) {
  const { t } = useTranslation()
  return (
    <section className="error-page container narrow" aria-labelledby="error-title">
      <p className="error-code" aria-hidden="true">
        {status}
      </p>
      <h1 id="error-title">{t(copy[kind].title)}</h1>
      <p>{t(copy[kind].text)}</p>
      <p>
        <Link className="button" to="/">
          {t('error.goHome')}
        </Link>
      </p>
    </section>
  )
}
