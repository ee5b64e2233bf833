// The i18n layer: one translate function for server and browser, English and Dutch dictionaries.
import { useRouteLoaderData } from '@remix-run/react'
import { createContext, useContext } from 'react'
import { en, type MessageKey } from './en'
import { nl } from './nl'

export const supportedLocales = ['en', 'nl'] as const
export type Locale = (typeof supportedLocales)[number]
export type { MessageKey }

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, nl }

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (supportedLocales as readonly string[]).includes(value)
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && value in en
}

export type Params = Record<string, string | number>

export type Translate = (key: MessageKey, params?: Params) => string

// Intl objects are costly to make (tens of microseconds each) and immutable: one per locale and
// style, made on first use, serves every render.
const translators = new Map<Locale, Translate>()
const numberFormats = new Map<Locale, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * A translate function for one locale. `{name}` placeholders are filled from params; when params
 * has a numeric `count` and a `<key>_one` message exists, the plural rules pick between them.
 */
export function translator(locale: Locale): Translate {
  let translate = translators.get(locale)
  if (!translate) {
    translate = createTranslator(locale)
    translators.set(locale, translate)
  }
  return translate
}

function createTranslator(locale: Locale): Translate {
  const dictionary = dictionaries[locale]
  const plurals = new Intl.PluralRules(locale)
  return (key, params) => {
    let message: string = dictionary[key]
    if (params && typeof params.count === 'number') {
      const pluralKey = `${key}_${plurals.select(params.count)}` as MessageKey
      if (pluralKey in dictionary) message = dictionary[pluralKey]
    }
    if (!params) return message
    return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? formatParam(locale, params[name]!) : whole,
    )
  }
}

function formatParam(locale: Locale, value: string | number) {
  if (typeof value !== 'number') return value
  let format = numberFormats.get(locale)
  if (!format) {
    format = new Intl.NumberFormat(locale)
    numberFormats.set(locale, format)
  }
  return format.format(value)
}

function dateFormat(locale: Locale, style: 'medium' | 'long', withTime: boolean) {
  const key = `${locale}:${style}:${withTime}`
  let format = dateFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
      dateStyle: style,
      ...(withTime ? { timeStyle: 'short' } : {}),
      timeZone: 'UTC',
    })
    dateFormats.set(key, format)
  }
  return format
}

/** A moment with its time (UTC), for logs and audit trails. */
export function formatDateTime(locale: Locale, date: Date | string) {
  return dateFormat(locale, 'medium', true).format(new Date(date))
}

export function formatDate(locale: Locale, date: Date | string, style: 'medium' | 'long' = 'medium') {
  return dateFormat(locale, style, false).format(new Date(date))
}

/** Picks the best supported locale from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null, fallback: Locale): Locale {
  if (!header) return fallback
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...options] = part.trim().split(';')
      const quality = options.find((option) => option.trim().startsWith('q='))
      return { tag: tag.toLowerCase(), q: quality ? Number(quality.trim().slice(2)) || 0 : 1 }
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q)
  for (const { tag } of ranked) {
    const base = tag.split('-')[0]
    if (isLocale(base)) return base
  }
  return fallback
}

// The language to use when the root loader has no data (it failed: the root error boundary shows).
const FallbackLocaleContext = createContext<Locale>('en')
export const FallbackLocaleProvider = FallbackLocaleContext.Provider

/** The locale and translate function for the current page (from the root loader). */
export function useTranslation() {
  const data = useRouteLoaderData('root') as { locale?: Locale } | undefined
  const fallback = useContext(FallbackLocaleContext)
  const locale: Locale = data?.locale ?? fallback
  return { locale, t: translator(locale) }
}
