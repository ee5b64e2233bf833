// One notification opened from /notifications: marked read, then on to what it is about. A link,
// so that it opens in a new tab too and works without JavaScript; it marks read only what its
// person opens from this site (Sec-Fetch-Site, or failing that the Referer's origin), so another
// site cannot mark someone's notifications read by sending them here.
import { type LoaderFunctionArgs, redirect } from '@remix-run/node'

import { openNotification } from '#app/domain/notifications/notifications.server'
import { env } from '#app/utils/env.server'
import { comesFromThisSite } from '#app/utils/http.server'
import { requireUser } from '#app/utils/http/permissions.server'
import { idField } from '#app/utils/schemas'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const notificationId = idField().safeParse(params.notificationId)
  // Gone (its idea deleted, say) or never theirs: the list, which is.
  if (!notificationId.success) return redirect('/notifications', 303)
  const href = await openNotification({
    userId: user.id,
    notificationId: notificationId.data,
    markAsRead: openedFromThisSite(request),
  })
  return redirect(href ?? '/notifications', 303)
}

function openedFromThisSite(request: Request) {
  const fetchSite = request.headers.get('sec-fetch-site')
  if (fetchSite) return fetchSite === 'same-origin'
  const url = new URL(request.url)
  return comesFromThisSite({
    origin: request.headers.get('origin') ?? undefined,
    referer: request.headers.get('referer') ?? undefined,
    protocol: url.protocol.replace(':', ''),
    host: url.host,
    appUrl: env().APP_URL,
  })
}
