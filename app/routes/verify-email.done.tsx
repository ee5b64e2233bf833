import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

// Where a confirmation link lands when the sign-up had nowhere else to go (verify-email.$token.tsx).
// Its heading (and <title>) says what happened, to everyone. Opened in a browser signed in as
// someone else (decision 002), the address is not the reader's: the page says only that it is
// confirmed, and names nothing (anyone can type this query).
export async function loader({ request }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams
  const claimed = Number(query.get('claimed'))
  const otherAccount = query.get('otherAccount') === '1'
  const { t } = getTranslator(request)
  return {
    title: t('verify.doneTitle'),
    confirmation: t(otherAccount ? 'verify.doneOtherAccount' : 'verify.done'),
    claimedIdeas: Number.isSafeInteger(claimed) && claimed > 0 ? claimed : 0,
    otherAccount,
  }
}

export default function VerifyEmailDonePage() {
  const { title, confirmation, claimedIdeas, otherAccount } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="container narrow">
      <h1>{title}</h1>
      <p className="notice notice--success" role="status">
        {confirmation}
      </p>
      {otherAccount ? <p className="notice">{t('verify.otherAccount')}</p> : null}
      {claimedIdeas ? (
        <p className="notice notice--success">
          {t('verify.claimed', { count: claimedIdeas })}{' '}
          <Link to="/my/ideas">{t('nav.myIdeas')}</Link>
        </p>
      ) : null}
      <p>
        <Link to="/account">{t('nav.account')}</Link>
      </p>
    </div>
  )
}
