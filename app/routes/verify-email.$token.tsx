import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { verifyEmail } from '#app/domain/accounts/tokens.server'
import { claimCapturedHistory } from '#app/domain/intake/intake.server'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { pageTitle } from '#app/utils/page-title'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, data?.title) }]

// Opening the link confirms the address: the token is single-use and only proves someone read the mail.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = await verifyEmail({ token: (params.token ?? '').slice(0, 100) })
  // A verified address takes over what staff captured for it (ideas given in a store, by phone, …).
  const claim = userId ? await claimCapturedHistory({ userId }) : null
  return { title: getTranslator(request).t('verify.title'), verified: Boolean(userId), claimedIdeas: claim?.claimed ? claim.ideas : 0 }
}

export default function VerifyEmailPage() {
  const { verified, claimedIdeas } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="container narrow">
      <h1>{t('verify.title')}</h1>
      <p className={verified ? 'notice notice--success' : 'notice'} role="status">
        {verified ? t('verify.done') : t('verify.invalid')}
      </p>
      {claimedIdeas ? (
        <p className="notice notice--success">
          {t('verify.claimed', { count: claimedIdeas })} <Link to="/my/ideas">{t('nav.myIdeas')}</Link>
        </p>
      ) : null}
      <p>
        <Link to="/account">{t('nav.account')}</Link>
      </p>
    </div>
  )
}
