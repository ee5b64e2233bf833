// What every page's root loader reads: who is signed in, their unread count, the site's branding and
// the address people write to, the page's language and a one-time notice. One server module for
// root.tsx to import, so the browser build leaves one empty stand-in inside the root chunk instead
// of a shared empty chunk (and a request) for each server module it used to import.
import { countUnread } from '#app/domain/notifications/notifications.server'
import { brandingOf, getSettings } from '#app/domain/settings/settings.server'
import { getLocale } from '#app/utils/i18n/i18n.server'
import { isNoticeKey } from '#app/utils/notices'
import { avatarInitial } from '#app/utils/text.rules'

import { getAuth } from './permissions.server'

export async function getRootData(request: Request) {
  const { user, cookie } = await getAuth(request)
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
