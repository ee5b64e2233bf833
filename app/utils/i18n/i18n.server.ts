// Which language a request wants: the remembered choice (cookie), else the browser's, else the default.
import { env } from '#app/utils/env.server'

import { isLocale, type Locale, localeFromAcceptLanguage, translator } from './i18n'

const LOCALE_COOKIE = 'ideabox_lang'

export function readCookie(request: Request, name: string) {
  const header = request.headers.get('Cookie')
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='))
      } catch {
        return undefined
      }
    }
  }
  return undefined
}

// The default language an admin chose in the settings, as last read by this process. Synchronous
// code needs it before any query runs; every request's root loader reads the settings again, so a
// change reaches every instance with its next request.
let chosenDefault: Locale | null = null

export function rememberDefaultLocale(locale: Locale | null) {
  chosenDefault = locale
}

export function getLocale(request: Request): Locale {
  const chosen = readCookie(request, LOCALE_COOKIE)
  if (isLocale(chosen)) return chosen
  return localeFromAcceptLanguage(
    request.headers.get('Accept-Language'),
    chosenDefault ?? env().DEFAULT_LOCALE,
  )
}

export function getTranslator(request: Request) {
  const locale = getLocale(request)
  return { locale, t: translator(locale) }
}

export function localeCookie(locale: Locale) {
  const oneYear = 60 * 60 * 24 * 365
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${oneYear}; SameSite=Lax`
}
