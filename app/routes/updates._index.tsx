import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { useTranslation } from '#app/utils/i18n/i18n'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

// Update posts ("you asked, we built") arrive with their own issue; until then the page says so.
export async function loader({ request }: LoaderFunctionArgs) {
  return { title: getTranslator(request).t('updates.title') }
}

export default function UpdatesPage() {
  const { t } = useTranslation()
  useLoaderData<typeof loader>()
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t('updates.title')}</h1>
        <p className="lead">{t('updates.intro')}</p>
      </header>
      <p className="empty-state card">{t('updates.empty')}</p>
    </div>
  )
}
