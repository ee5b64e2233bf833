// What every page's root loader reads: who is signed in, their unread count, the site's branding and
// the address people write to, the page's language and a one-time notice. One server module for
// root.tsx to import, so the browser build leaves one empty stand-in inside the root chunk instead
// of a shared empty chunk (and a request) for each server module it used to import.
import { redirect } from '@remix-run/node'

import { countUnread } from '#app/domain/notifications/notifications.server'
import { brandingOf, getSettings } from '#app/domain/settings/settings.server'
import { type Locale } from '#app/utils/i18n/i18n'
import { getLocale, localeCookie } from '#app/utils/i18n/i18n.server'
import { isNoticeKey } from '#app/utils/notices'
import { avatarInitial } from '#app/utils/text.rules'

import { getAuth } from './permissions.server'

export async function getRootData(request: Request) {
  const { user, cookie } = await getAuth(request)
  if (user) switchToAccountLanguage(request, user.locale, cookie)
  const [unreadCount, settings] = await Promise.all([
    user ? countUnread({ userId: user.id }) : 0,
    getSettings(),
  ])
  const brand = brandingOf(settings)
  const notice = new URL(request.url).searchParams.get('notice')
  return {
    cookie,
    data: {
      locale: getLocale(request),
      notice: isNoticeKey(notice) ? notice : null,
      site: {
        name: brand.siteName,
        accentColor: brand.accentColor,
        logoText: settings.logoText,
        /** Where people write to the team; null: no address to give (settings/contact.rules.ts). */
        supportEmail: brand.supportEmail,
      },
      user: user
        ? // No id: the page would differ per person (pages are kept by content, decision 029); the initial is data, not derived in render, for the same reason.
          {
            displayName: user.displayName,
            initial: avatarInitial(user.displayName),
            handle: user.handle,
            role: user.role,
            unreadCount,
          }
        : null,
    },
  }
}

/**
 * A signed-in person's account language is the site's language in every browser (decision 004): it
 * is the one their emails use and the one /account names. A page load in another language (the
 * account's was changed in another browser, or this browser lost its cookie) goes to the same
 * address again with the language cookie set to the account's, so every loader of the next load
 * reads it (they read the cookie, getLocale). The next load's cookie matches: it cannot go round.
 * Ordinary pages set no header (a kept page stays kept, decision 034); the user was already read.
 *
 * Only page loads: after a form's post (no JavaScript) Remix runs the loaders with a GET copy of
 * the post's request, headers included, and the page must show the form's answer; a GET from a
 * browser (a page or a single-fetch `.data` load) has no Content-Type.
 */
function switchToAccountLanguage(request: Request, accountLocale: Locale, sessionCookie?: string) {
  if (request.method !== 'GET' || request.headers.has('Content-Type')) return
  if (getLocale(request) === accountLocale) return
  const url = new URL(request.url)
  const headers = new Headers()
  // A thrown redirect is the whole answer: it carries the refreshed session cookie itself.
  if (sessionCookie) headers.append('Set-Cookie', sessionCookie)
  headers.append('Set-Cookie', localeCookie(accountLocale))
  throw redirect(`${url.pathname}${url.search}`, { headers })
}
