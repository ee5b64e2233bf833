import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { TriageList } from '#app/components/admin/triage-list'
import {
  backOfficeHome,
  backOfficeRoles,
  hasRole,
  staffRoles,
} from '#app/domain/accounts/accounts.rules'
import { triageAgesChangeAt } from '#app/domain/triage/triage.rules'
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

/** The triage queue: ideas the team has not answered yet, by answer due date unless another sort is chosen. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  // The back office's address: the rest of the staff are sent where their work starts.
  const viewer = await requireRole(request, staffRoles)
  if (!hasRole(viewer.role, backOfficeRoles)) throw redirect(backOfficeHome(viewer.role))
  const filters = triageFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const now = new Date()
  const queue = await getTriageQueue({ viewer, list: 'queue', filters, now })
  // The page holds until a day more waiting, an answer overdue or a day less left (decision 042).
  context.unchangedUntil = Math.min(
    Number.POSITIVE_INFINITY,
    ...queue.ideas.map((idea) => triageAgesChangeAt(idea, now)),
  )
  return {
    title: getTranslator(request).t('admin.queue.title'),
    ...queue,
    done: doneFromAddress(request),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  return bulkAction(request)
}

export default function TriageQueuePage() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <>
      <header className="page-header">
        <h1>{t('admin.queue.title')}</h1>
        <p className="lead">{t('admin.queue.intro')}</p>
      </header>
      <TriageList data={data} basePath="/admin" />
    </>
  )
}
