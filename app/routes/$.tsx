import type { MetaFunction } from '@remix-run/node'
import { isRouteErrorResponse, useRouteError } from '@remix-run/react'

import { errorKindFor, ErrorPage, errorTitleKey } from '#app/components/errors/error-page'
import type { RootLoaderData } from '#app/root'
import { translator } from '#app/utils/i18n/i18n'
import { pageTitle } from '#app/utils/page-title'

export const meta: MetaFunction = ({ matches, error }) => {
  const root = matches.find((match) => match.id === 'root')?.data as RootLoaderData | undefined
  const title = translator(root?.locale ?? 'en')(errorTitleKey(errorKindFor(error)))
  return [{ title: pageTitle(matches, title) }]
}

/** Every URL no other route claims: a real 404. */
export async function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return <ErrorPage kind="notFound" status={404} />
}

/** The 404 above, or what refused the request first (an unreadable address answers 400). */
export function ErrorBoundary() {
  const error = useRouteError()
  return (
    <ErrorPage
      kind={errorKindFor(error)}
      status={isRouteErrorResponse(error) ? error.status : 500}
    />
  )
}
