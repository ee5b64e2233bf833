import type { LoaderFunctionArgs } from '@remix-run/node'

import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import { getIdea } from '#app/domain/ideas/ideas.server'
import { votersCsv } from '#app/domain/votes/voters.server'
import { foundOr404, requireRole } from '#app/utils/http/permissions.server'
import { getLocale } from '#app/utils/i18n/i18n.server'
import { idField } from '#app/utils/schemas'

/** An idea's voters (name, vote, channel, date) as CSV, for the product team, in the reader's language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, backOfficeRoles)
  const id = idField().safeParse(params.ideaId).data
  const idea = foundOr404(id ? await getIdea({ id }) : undefined)
  return new Response(await votersCsv({ ideaId: idea.id, locale: getLocale(request) }), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="ideabox-idea-${idea.id}-voters.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
