import type { LoaderFunctionArgs } from '@remix-run/node'

import { getBranding as branding } from '#app/domain/settings/settings.server'
import { rssFeed } from '#app/domain/updates/feeds.server'
import { getTranslator } from '#app/utils/i18n/i18n.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { siteName } = await branding()
  const xml = await rssFeed({ siteName, description: getTranslator(request).t('updates.intro') })
  return new Response(xml, {
    headers: {
      'Content-Type': 'application/rss+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    },
  })
}
