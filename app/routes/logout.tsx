import { type ActionFunctionArgs, redirect } from '@remix-run/node'

import { blankSessionCookie, endSession } from '#app/domain/accounts/sessions.server'
import { clearedSsoCookie, SSO_SESSION_COOKIE, ssoLogoutUrl } from '#app/domain/sso/sso-flow.server'
import { getAuth } from '#app/utils/http/permissions.server'
import { readCookie } from '#app/utils/i18n/i18n.server'

export async function loader() {
  return redirect('/')
}

// Ends the local session, then, when the browser signed in with a provider that supports
// RP-initiated logout, the provider's session too (the provider sends the browser back home).
export async function action({ request }: ActionFunctionArgs) {
  const { sessionId } = await getAuth(request)
  const headers = new Headers({
    'Set-Cookie': sessionId ? await endSession(sessionId) : blankSessionCookie(),
  })
  const providerLogout = await ssoLogoutUrl({
    sessionCookie: readCookie(request, SSO_SESSION_COOKIE) ?? null,
  })
  headers.append('Set-Cookie', clearedSsoCookie(SSO_SESSION_COOKIE))
  return redirect(providerLogout ?? '/', { headers })
}
