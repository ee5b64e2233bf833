import {
  data,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
} from '@remix-run/node'
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useNavigation,
  useRevalidator,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useEffect, useState, type ReactNode } from 'react'
import { ErrorPage, errorKindFor, errorLocale, errorTitleKey } from '#app/components/errors/error-page'
import { SiteFooter } from '#app/components/layout/site-footer'
import { SiteHeader } from '#app/components/layout/site-header'
import { getAuth } from '#app/utils/http/permissions.server'
import { countUnread } from '#app/domain/notifications/notifications.server'
import { brandingOf, getSettings } from '#app/domain/settings/settings.server'
import stylesheet from '#app/styles/app.css'
import { dictionaryChunk } from '#app/utils/i18n/dictionary-chunks.server'
import { getLocale } from '#app/utils/i18n/i18n.server'
import { FallbackLocaleProvider, hasDictionary, translator, type Locale } from '#app/utils/i18n/i18n'
import { loadDictionary } from '#app/utils/i18n/load-dictionary'
import { isNoticeKey, type NoticeKey } from '#app/utils/notices'
import { useNonce } from '#app/utils/nonce'
import { avatarInitial } from '#app/utils/text.rules'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'icon', href: '/favicon.ico', sizes: '32x32' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, cookie } = await getAuth(request)
  const [unreadCount, settings] = await Promise.all([user ? countUnread({ userId: user.id }) : 0, getSettings()])
  const brand = brandingOf(settings)
  const notice = new URL(request.url).searchParams.get('notice')
  const locale = getLocale(request)
  return data(
    {
      locale,
      dictionaryChunk: dictionaryChunk(locale),
      notice: isNoticeKey(notice) ? notice : null,
      site: {
        name: brand.siteName,
        accentColor: brand.accentColor,
        logoText: settings.logoText,
      },
      user: user
        ? // No id: the page would differ per person (pages are kept by content, decision XXX); the initial is data, not derived in render, for the same reason.
          { displayName: user.displayName, initial: avatarInitial(user.displayName), handle: user.handle, role: user.role, unreadCount }
        : null,
    },
    cookie ? { headers: { 'Set-Cookie': cookie } } : undefined,
  )
}

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers()
  const cookie = loaderHeaders.get('Set-Cookie')
  if (cookie) headers.set('Set-Cookie', cookie)
  return headers
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>['data']

export function useRootData() {
  return useRouteLoaderData('root') as RootLoaderData | undefined
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData()
  const nonce = useNonce()
  // When the root itself shows an error, no route meta runs: name the page after the error.
  const error = useRouteError()
  const locale = data?.locale ?? errorLocale(error) ?? 'en'
  const errorTitle = error ? translator(locale)(errorTitleKey(errorKindFor(error))) : undefined
  const accent = data?.site.accentColor ?? '#0f766e'
  return (
    <html lang={locale} style={{ ['--accent' as string]: accent }}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content={accent} />
        {errorTitle ? <title>{errorTitle}</title> : <Meta />}
        <Links />
        {/* The language's dictionary: hydration waits for it (entry.client.tsx), so fetch it now. */}
        {data?.dictionaryChunk ? <link rel="modulepreload" href={data.dictionaryChunk} /> : null}
      </head>
      <body>
        <FallbackLocaleProvider value={locale}>
          <SiteHeader />
          <main id="main" tabIndex={-1}>
            {data?.notice ? <NoticeBanner notice={data.notice} locale={data.locale} /> : null}
            {children}
          </main>
          <SiteFooter />
        </FallbackLocaleProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

function NoticeBanner({ notice, locale }: { notice: NoticeKey; locale: Locale }) {
  // The notice stays in the address after a submit that answers in place (a refused form), so it
  // would stand above the new errors (issue 16): once a form is sent from this address, it goes.
  // Without JavaScript, forms post to the address without the notice (components/ui/form.tsx).
  const location = useLocation()
  const navigation = useNavigation()
  const [submittedFrom, setSubmittedFrom] = useState<string | null>(null)
  useEffect(() => {
    if (navigation.state === 'submitting') setSubmittedFrom(location.key)
  }, [navigation.state, location.key])
  // A refused submit does not load the root again, so its data still holds the notice of the address before.
  if (submittedFrom === location.key || new URLSearchParams(location.search).get('notice') !== notice) return null
  return (
    <div className="container">
      <p className="notice" role="status">
        {translator(locale)(notice)}
      </p>
    </div>
  )
}

export default function App() {
  useLanguageLoaded(useRootData()?.locale)
  return <Outlet />
}

/**
 * The browser holds only the dictionary of the language the page loaded in. When a person switches
 * language without a page load, the page shows the old language for a moment; once the new
 * dictionary is in, the loaders run again and every part of the page renders in the new language.
 */
function useLanguageLoaded(locale: Locale | undefined) {
  const { revalidate } = useRevalidator()
  useEffect(() => {
    if (!locale || hasDictionary(locale)) return
    void loadDictionary(locale).then(revalidate)
  }, [locale, revalidate])
}

export function ErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  return <ErrorPage kind={errorKindFor(error)} status={status} />
}
