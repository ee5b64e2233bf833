import type { MetaFunction } from '@remix-run/node'

import { ErrorPage } from '#app/components/errors/error-page'
import { pageTitle } from '#app/utils/page-title'

// The 404 below, or what refused the request first (an unreadable address answers 400).
export { ErrorBoundary } from '#app/components/errors/error-boundary'

/** Named after the error (pageTitle), as every error page is. */
export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches) }]

/** Every URL no other route claims: a real 404. */
export async function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return <ErrorPage kind="notFound" status={404} />
}
