import type { MetaFunction } from '@remix-run/node'

import { ErrorPage } from '#app/components/errors/error-page'
import type { RootLoaderData } from '#app/root'
import { translator } from '#app/utils/i18n/i18n'
import { pageTitle } from '#app/utils/page-title'

export const meta: MetaFunction = ({ matches }) => {
  const root = matches.find((match) => match.id === 'root')?.data as RootLoaderData | undefined
  return [{ title: pageTitle(matches, translator(root?.locale ?? 'en')('error.notFoundTitle')) }]
}

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
