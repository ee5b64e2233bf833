// The i18n layer: one translate function for server and browser, English and Dutch dictionaries.
import { useRouteLoaderData } from '@remix-run/react'
import { createContext, useContext } from 'react'

// On the server this is both dictionaries; in the browser build the classic compiler puts an empty
// module in its place: the browser starts with the messages its page uses, which the server wrote
// into the HTML (page-messages.tsx), and loads a whole dictionary only when it needs one.
// eslint-disable-next-line no-restricted-imports -- deliberate: the browser must not get this module
import { serverDictionaries } from './dictionaries.server'
import type { MessageKey } from './en'

export const supportedLocales = ['en', 'nl'] as const
export type Locale = (typeof supportedLocales)[number]
export type { MessageKey }

type Dictionary = Record<MessageKey, string>
export type Messages = Partial<Dictionary>

/** Whole dictionaries: both on the server; in the browser, a language's once something needed it. */
const dictionaries: Partial<Record<Locale, Dictionary>> = {
  ...(serverDictionaries as Record<Locale, Dictionary> | undefined),
}
/** The browser's page messages: the keys its first page's JavaScript can show, in that page's language. */
const pageMessages: Partial<Record<Locale, Messages>> = {}
let pageLocale: Locale = 'en'

/** Gives the browser a language's whole dictionary; the server has both from the start. */
function provideDictionary(locale: Locale, dictionary: Dictionary) {
  dictionaries[locale] = dictionary
}

/** Gives the browser the messages its page uses (page-messages.tsx reads them from the HTML). */
export function provideMessages(locale: Locale, messages: Messages) {
  pageMessages[locale] = { ...pageMessages[locale], ...messages }
  pageLocale = locale
}

export function hasDictionary(locale: Locale) {
  return dictionaries[locale] !== undefined
}

// Each language's whole dictionary is a chunk of its own, fetched only when a page needs a message
// its HTML did not bring (a client-side navigation to another page, a language switch).
const dictionaryLoaders = {
  en: async () => (await import('./en')).en,
  nl: async () => (await import('./nl')).nl,
} satisfies Record<Locale, () => Promise<Dictionary>>
const loading = new Map<Locale, Promise<void>>()

/** Loads a language's whole dictionary once; a failed load is tried again when next asked. */
function loadDictionary(locale: Locale): Promise<void> {
  if (hasDictionary(locale)) return Promise.resolve()
  let pending = loading.get(locale)
  if (!pending) {
    pending = dictionaryLoaders[locale]().then(
      (dictionary) => provideDictionary(locale, dictionary),
      (error: unknown) => {
        loading.delete(locale)
        throw error
      },
    )
    loading.set(locale, pending)
  }
  return pending
}

/**
 * A message in a language. In the browser a message the page did not bring suspends the render
 * (React waits for the thrown promise: a navigation keeps the old page, hydration the server's
 * HTML) while the language's whole dictionary loads, then renders again with it.
 */
function message(locale: Locale, key: MessageKey): string {
  const whole = dictionaries[locale]
  if (whole) return whole[key]
  const text = pageMessages[locale]?.[key]
  if (text !== undefined) return text
  throw loadDictionary(locale)
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (supportedLocales as readonly string[]).includes(value)
}

/**
 * The locale's copy of something kept in both languages (a status's, category's or tag's name, a
 * column, a format): the one place that says which is Dutch. `inLocale(locale, nameEn, nameNl)`.
 */
export function inLocale<Value>(locale: Locale, en: Value, nl: Value): Value {
  return locale === 'nl' ? nl : en
}

/** The name of something named in both languages (statuses, categories, tags), in the locale. */
export function localName(locale: Locale, item: { nameEn: string; nameNl: string }) {
  return inLocale(locale, item.nameEn, item.nameNl)
}

/** The tag Intl formats dates with: British English (day before month), Dutch of the Netherlands. */
export function intlTag(locale: Locale) {
  return inLocale(locale, 'en-GB', 'nl-NL')
}

// What a message key looks like: a string of that shape may be one the page has not loaded yet.
const KEY_SHAPE = /^[a-z][\w-]*(\.[\w:-]+)+$/

export function isMessageKey(value: unknown): value is MessageKey {
  if (typeof value !== 'string') return false
  // Every dictionary has the same keys (nl.ts is typed by en.ts's): any whole one answers.
  const whole = supportedLocales
    .map((locale) => dictionaries[locale])
    .find((dictionary) => dictionary !== undefined)
  if (whole) return Object.hasOwn(whole, value)
  if (supportedLocales.some((locale) => pageMessages[locale]?.[value as MessageKey] !== undefined))
    return true
  if (!KEY_SHAPE.test(value)) return false
  // A key from the server (a field's error) the page did not bring: wait for the whole dictionary.
  throw loadDictionary(pageLocale)
}

export type Params = Record<string, string | number>

export type Translate = (key: MessageKey, params?: Params) => string

// Intl objects are costly to make (tens of microseconds each) and immutable: one per locale and
// style, made on first use, serves every render.
const translators = new Map<Locale, Translate>()
const numberFormats = new Map<Locale, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * A translate function for one locale. `{name}` placeholders are filled from params; a count says
 * its plural forms in the message itself, `{count, plural, one {# idea} other {# ideas}}` (the
 * ICU form: `#` is the number, the forms are the locale's `Intl.PluralRules` categories, `other`
 * is required), so a message with two counts can agree with each.
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
  const plurals = new Intl.PluralRules(locale)
  return (key, params) => {
    const text = message(locale, key)
    if (!params) return text
    const counted = text.includes(', plural,')
      ? choosePluralForms(text, (name) => pluralForm(plurals, locale, params[name]))
      : text
    return counted.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? formatParam(locale, params[name]!) : whole,
    )
  }
}

/** The form for one count, with `#` standing for the number (a text that is no number: "other"). */
function pluralForm(plurals: Intl.PluralRules, locale: Locale, value: string | number | undefined) {
  if (value === undefined) return null
  if (typeof value === 'string')
    return {
      category:
        value.trim() !== '' && Number.isFinite(Number(value))
          ? plurals.select(Number(value))
          : 'other',
      number: value,
    }
  return { category: plurals.select(value), number: formatParam(locale, value) }
}

const PLURAL_START = /\{(\w+), plural,/g

/** The plural forms of `{name, plural, one {…} other {…}}` parts, by their branches. */
export function pluralParts(message: string) {
  const parts: { name: string; start: number; end: number; forms: Record<string, string> }[] = []
  for (const match of message.matchAll(PLURAL_START)) {
    const forms: Record<string, string> = {}
    let at = match.index + match[0].length
    for (;;) {
      const head = /^\s*(\w+)\s*\{/.exec(message.slice(at))
      if (!head) break
      let depth = 1
      let end = at + head[0].length
      while (end < message.length && depth > 0) {
        if (message[end] === '{') depth++
        else if (message[end] === '}') depth--
        end++
      }
      forms[head[1]!] = message.slice(at + head[0].length, end - 1)
      at = end
    }
    const close = message.indexOf('}', at)
    parts.push({ name: match[1]!, start: match.index, end: close + 1, forms })
  }
  return parts
}

function choosePluralForms(
  message: string,
  form: (name: string) => { category: string; number: string } | null,
) {
  let result = ''
  let at = 0
  for (const part of pluralParts(message)) {
    const chosen = form(part.name)
    const text = chosen
      ? (part.forms[chosen.category] ?? part.forms.other ?? '').replaceAll('#', chosen.number)
      : `{${part.name}}`
    result += message.slice(at, part.start) + text
    at = part.end
  }
  return result + message.slice(at)
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

function dateFormat(locale: Locale, style: 'medium' | 'long', withTime: boolean, timeZone = 'UTC') {
  const key = `${locale}:${style}:${withTime}:${timeZone}`
  let format = dateFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(intlTag(locale), {
      dateStyle: style,
      ...(withTime ? { timeStyle: 'short' } : {}),
      timeZone,
    })
    dateFormats.set(key, format)
  }
  return format
}

/** A moment with its time (UTC unless a time zone is given, e.g. the site's), for logs and audit trails. */
export function formatDateTime(locale: Locale, date: Date | string, timeZone?: string) {
  return dateFormat(locale, 'medium', true, timeZone).format(new Date(date))
}

export function formatDate(
  locale: Locale,
  date: Date | string,
  style: 'medium' | 'long' = 'medium',
) {
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
