import type { LoaderFunctionArgs } from '@remix-run/node'

import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import { ideasCsv } from '#app/domain/insights/insights.server'
import { publicBaseUrl } from '#app/utils/env.server'
import { requireRole } from '#app/utils/http/permissions.server'

/** Every idea with votes, status and channel, as CSV for the product team's own tools. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, backOfficeRoles)
  const day = new Date().toISOString().slice(0, 10)
  return new Response(ideasCsv(publicBaseUrl()), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="ideabox-ideas-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
