import type { LoaderFunctionArgs } from '@remix-run/node'

import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import { ideasCsv } from '#app/domain/insights/insights.server'
import { publicBaseUrl } from '#app/utils/env.server'
import { requireRole } from '#app/utils/http/permissions.server'
import { getLocale } from '#app/utils/i18n/i18n.server'

/** Every idea with votes, status and channel, as CSV for the product team's own tools, in the reader's language. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, backOfficeRoles)
  const day = new Date().toISOString().slice(0, 10)
  return new Response(ideasCsv({ baseUrl: publicBaseUrl(), locale: getLocale(request) }), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="ideabox-ideas-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
