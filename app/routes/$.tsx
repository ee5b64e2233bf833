import { ErrorPage } from '#app/components/errors/error-page'

/** Every URL no other route claims: a real 404. */
export async function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return <ErrorPage kind="notFound" status={404} />
}

export function ErrorBoundary() {
  return <ErrorPage kind="notFound" status={404} />
}
