import type { ActionFunctionArgs } from '@remix-run/node'

import { unsubscribe } from '#app/domain/notifications/preferences.server'

export async function loader() {
  throw new Response('Not found', { status: 404 })
}

/**
 * RFC 8058 one-click unsubscribe: mail clients POST here (no cookies, no Origin: the signed token is
 * the authority, which is why /api/ is outside the CSRF origin check).
 */
export async function action({ request }: ActionFunctionArgs) {
  const token = (new URL(request.url).searchParams.get('token') ?? '').slice(0, 500)
  const result = await unsubscribe({ token })
  if (!result.ok) throw new Response('This unsubscribe link is not valid.', { status: 400 })
  return new Response('Unsubscribed.', {
    status: 200,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  })
}
