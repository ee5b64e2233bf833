import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'

import { ContactUs } from '#app/components/layout/contact-us'
import { type MessageKey, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export function loader({ request }: LoaderFunctionArgs) {
  return { title: getTranslator(request).t('privacy.title') }
}

const sections: [title: MessageKey, body: MessageKey][] = [
  ['privacy.keepTitle', 'privacy.keepBody'],
  ['privacy.whyTitle', 'privacy.whyBody'],
  ['privacy.selfTitle', 'privacy.selfBody'],
  ['privacy.deleteTitle', 'privacy.deleteBody'],
  ['privacy.emailTitle', 'privacy.emailBody'],
]

export default function PrivacyPage() {
  const { t } = useTranslation()
  return (
    <div className="container narrow prose-page">
      <header className="page-header">
        <h1>{t('privacy.title')}</h1>
        <p className="lead">{t('privacy.intro')}</p>
      </header>
      {sections.map(([title, body]) => (
        <section key={title}>
          <h2>{t(title)}</h2>
          <p>{t(body)}</p>
        </section>
      ))}
      <p>
        <Link to="/account/data">{t('account.nav.data')}</Link>
      </p>
      <ContactUs purpose="privacy" as="p" />
    </div>
  )
}
