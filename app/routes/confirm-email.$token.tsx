import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { confirmEmailChangeAndClaim } from '#app/domain/intake/intake.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

// Like verify-email: opening the single-use link proves the new address reads its mail.
export async function loader({ request, params }: LoaderFunctionArgs) {
  // A confirmed address takes over what staff captured for it, as at sign-up (one transaction).
  const result = await confirmEmailChangeAndClaim({ token: (params.token ?? '').slice(0, 100) })
  return {
    title: getTranslator(request).t('confirmEmail.title'),
    outcome: result.ok
      ? ('done' as const)
      : result.reason === 'emailTaken'
        ? ('taken' as const)
        : ('invalid' as const),
  }
}

export default function ConfirmEmailPage() {
  const { outcome } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="container narrow">
      <h1>{t('confirmEmail.title')}</h1>
      <p className={outcome === 'done' ? 'notice notice--success' : 'notice'} role="status">
        {t(`confirmEmail.${outcome}`)}
      </p>
      <p>
        <Link to="/account/security">{t('account.nav.security')}</Link>
      </p>
    </div>
  )
}
