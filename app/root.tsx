import {
  data,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
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
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { type ReactNode, useEffect, useState } from 'react'

import {
  errorKindFor,
  errorLocale,
  ErrorPage,
  errorTitleKey,
} from '#app/components/errors/error-page'
import { FocusAfterNavigation } from '#app/components/layout/focus-after-navigation'
import { SiteFooter } from '#app/components/layout/site-footer'
import { SiteHeader } from '#app/components/layout/site-header'
import stylesheet from '#app/styles/app.css'
import { getRootData } from '#app/utils/http/root-data.server'
import { FallbackLocaleProvider, type Locale, translator } from '#app/utils/i18n/i18n'
import { PageMessages } from '#app/utils/i18n/page-messages'
import { useNonce } from '#app/utils/nonce'
import type { NoticeKey } from '#app/utils/notices'
import { pageTitle } from '#app/utils/page-title'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'icon', href: '/favicon.ico', sizes: '32x32' },
]

/** A route with no meta of its own (a layout) shows an error under the error's name (pageTitle). */
export const meta: MetaFunction = ({ matches, error }) =>
  error == null ? [] : [{ title: pageTitle(matches) }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { data: rootData, cookie } = await getRootData(request)
  return data(rootData, cookie ? { headers: { 'Set-Cookie': cookie } } : undefined)
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
        {/* The messages this page's JavaScript can show, in its language: the browser needs no dictionary to start. */}
        <PageMessages locale={locale} />
      </head>
      <body>
        <FallbackLocaleProvider value={locale}>
          <SiteHeader />
          <main id="main" tabIndex={-1}>
            {data?.notice ? <NoticeBanner notice={data.notice} locale={data.locale} /> : null}
            {children}
          </main>
          <SiteFooter />
          <FocusAfterNavigation />
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
  if (
    submittedFrom === location.key ||
    new URLSearchParams(location.search).get('notice') !== notice
  )
    return null
  return (
    <div className="container">
      <p className="notice" role="status">
        {translator(locale)(notice)}
      </p>
    </div>
  )
}

export default function App() {
  // A language switch without a page load: the first message in the new language suspends the
  // render until that language's dictionary is in (i18n.ts), so the page never mixes languages.
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  return <ErrorPage kind={errorKindFor(error)} status={status} />
}
