import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { verifyEmail } from '#app/domain/accounts/tokens.server'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { useTranslation } from '#app/utils/i18n/i18n'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

// Opening the link confirms the address: the token is single-use and only proves someone read the mail.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const verified = await verifyEmail({ token: (params.token ?? '').slice(0, 100) })
  return { title: getTranslator(request).t('verify.title'), verified }
}

export default function VerifyEmailPage() {
  const { verified } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="container narrow">
      <h1>{t('verify.title')}</h1>
      <p className={verified ? 'notice notice--success' : 'notice'} role="status">
        {verified ? t('verify.done') : t('verify.invalid')}
      </p>
      <p>
        <Link to="/account">{t('nav.account')}</Link>
      </p>
    </div>
  )
}
