// Every page's <title>: what the page is, then the site's name as set in the back office (the
// root loader's \`site.name\`, from brandingOf in settings.server.ts). An error page is named after
// the error, whichever route's boundary shows it.
import type { MetaFunction } from '@remix-run/node'

import { errorKindFor, errorTitleKey } from '#app/components/errors/error-page'
import { isLocale, translator } from '#app/utils/i18n/i18n'

type Matches = Parameters<MetaFunction>[0]['matches']

/**
 * "Ideas · Brew & Co", or the site's name alone for a page with no title of its own (home); while a
 * route's error boundary shows (Remix gives every match the error), the error's title instead.
 */
export function pageTitle(matches: Matches, title?: string | null) {
  const root = matches.find((match) => match.id === 'root')?.data as
    { site?: { name?: string }; locale?: unknown } | undefined
  const site = root?.site?.name
  const error = matches.find((match) => match.error != null)?.error
  const shown =
    error != null
      ? translator(isLocale(root?.locale) ? root.locale : 'en')(errorTitleKey(errorKindFor(error)))
      : title
  if (!shown) return site ?? ''
  return site ? `${shown} · ${site}` : shown
}
