import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { Mailbox } from '#app/components/admin/mailbox'
import { getMail, listMail } from '#app/domain/mail/outbox.server'
import { decodePage } from '#app/utils/cursors'
import { env } from '#app/utils/env.server'
import { pageTitle } from '#app/utils/page-title'
import { idField } from '#app/utils/schemas'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, 'Mailbox (development)') },
]

/** Development only: every message the app "sent", readable without signing in. A 404 elsewhere. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (env().NODE_ENV !== 'development') throw new Response('Not found', { status: 404 })
  const url = new URL(request.url)
  const id = idField().safeParse(url.searchParams.get('id')).data
  const [page, selected] = await Promise.all([
    listMail(
      decodePage(
        { cursor: url.searchParams.get('cursor'), before: url.searchParams.get('before') },
        'timestamptz',
      ),
    ),
    id ? getMail({ id }) : undefined,
  ])
  return {
    ...page,
    selected: selected
      ? { subject: selected.subject, toAddress: selected.toAddress, textBody: selected.textBody }
      : null,
  }
}

export default function DevMailPage() {
  const { messages, nextCursor, previousCursor, isFirstPage, selected } =
    useLoaderData<typeof loader>()
  return (
    <div className="container">
      <h1>Mailbox (development)</h1>
      <Mailbox
        messages={messages}
        selected={selected}
        basePath="/dev/mail"
        nextCursor={nextCursor}
        previousCursor={previousCursor}
        isFirstPage={isFirstPage}
      />
    </div>
  )
}
