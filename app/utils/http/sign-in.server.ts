// What a sign-in needs from the request and gives back to it: the browser signing in (the session
// its cookie names, which the command ends, and its User-Agent), and the cookies the command set.
import type { SigningInBrowser } from '#app/domain/accounts/sessions.server'

import { getAuth } from './permissions.server'

export async function getSigningInBrowser(request: Request): Promise<SigningInBrowser> {
  const { sessionId } = await getAuth(request)
  return { sessionId, userAgent: request.headers.get('User-Agent') }
}

/** A command's Set-Cookie values as response headers, in their order. */
export function setCookies(cookies: readonly string[]): [string, string][] {
  return cookies.map((cookie) => ['Set-Cookie', cookie])
}
