import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { TriageList } from '#app/components/admin/triage-list'
import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import { triageFiltersSchema } from '#app/domain/triage/triage.schema'
import { getTriageQueue } from '#app/domain/triage/triage-queue.server'
import { requireRole } from '#app/utils/http/permissions.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'
import { bulkAction, doneFromAddress } from '#app/utils/triage-actions.server'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

/** Every idea (or those assigned to me), in the order chosen, with the same filters and bulk actions. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, backOfficeRoles)
  const filters = triageFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const page = await getTriageQueue({ viewer, list: 'ideas', filters })
  return {
    title: getTranslator(request).t(page.view === 'mine' ? 'admin.view.mine' : 'admin.ideas.title'),
    ...page,
    done: doneFromAddress(request),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  return bulkAction(request)
}

export default function AdminIdeasPage() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <>
      <header className="page-header">
        <h1>{data.title}</h1>
        <p className="lead">{t('admin.ideas.intro')}</p>
      </header>
      <TriageList data={data} basePath="/admin/ideas" />
    </>
  )
}
