import { isRouteErrorResponse, useRouteError } from '@remix-run/react'

import { errorKindFor, ErrorPage } from './error-page'

/**
 * The error boundary every page route exports (`export { ErrorBoundary } from …`). A route's own
 * boundary keeps its errors under the root: for an error thrown by an action Remix runs only the
 * loaders above the boundary, so at the root's boundary the root's data (who is signed in, their
 * language) was missing and the header showed "Sign in". The root's boundary is left for the root's
 * own failures (the database down).
 */
export function ErrorBoundary() {
  const error = useRouteError()
  return (
    <ErrorPage
      kind={errorKindFor(error)}
      status={isRouteErrorResponse(error) ? error.status : 500}
    />
  )
}
