// The i18n layer: one translate function for server and browser, English and Dutch dictionaries.
import { useRouteLoaderData } from '@remix-run/react'
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

type Params = Record<string, string | number>

export type Translate = (key: MessageKey, params?: Params) => string

/**
 * A translate function for one locale. `{name}` placeholders are filled from params; when params
 * has a numeric `count` and a `<key>_one` message exists, the plural rules pick between them.
 */
export function translator(locale: Locale): Translate {
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
  return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value
}

/** A moment with its time (UTC), for logs and audit trails. */
export function formatDateTime(locale: Locale, date: Date | string) {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(date))
}

export function formatDate(locale: Locale, date: Date | string, style: 'medium' | 'long' = 'medium') {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: style,
    timeZone: 'UTC',
  }).format(new Date(date))
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

/** The locale and translate function for the current page (from the root loader). */
export function useTranslation() {
  const data = useRouteLoaderData('root') as { locale?: Locale } | undefined
  const locale: Locale = data?.locale ?? 'en'
  return { locale, t: translator(locale) }
}
