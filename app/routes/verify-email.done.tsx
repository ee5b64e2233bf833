import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { readConfirmationReceipt } from '#app/domain/intake/intake.server'
import { getOptionalUser } from '#app/utils/http/permissions.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

// Where a confirmation link lands when the sign-up had nowhere else to go (verify-email.$token.tsx).
// It says the address is confirmed only to the browser that just opened the link (its signed
// receipt, for whoever that browser is signed in as, for a while); anyone else, a typed address or a
// receipt passed on, gets a page that confirms nothing. Its heading (and <title>) says which. Opened
// in a browser signed in as someone else (decision 002), the address is not the reader's: the page
// says only that it is confirmed, and names nothing.
export async function loader({ request }: LoaderFunctionArgs) {
  const receipt = (new URL(request.url).searchParams.get('receipt') ?? '').slice(0, 300)
  const viewer = await getOptionalUser(request)
  const shown = await readConfirmationReceipt({ receipt, viewerId: viewer?.id ?? null })
  const { t } = getTranslator(request)
  if (!shown) return { title: t('verify.title'), confirmed: false as const }
  return {
    title: t('verify.doneTitle'),
    confirmed: true as const,
    confirmation: t(shown.otherAccount ? 'verify.doneOtherAccount' : 'verify.done'),
    claimedIdeas: shown.claimedIdeas,
    claimedVotes: shown.claimedVotes,
    otherAccount: shown.otherAccount,
  }
}

/** What the captured history brought into the account, each said with a link to where it now is. */
const claimedNotices = [
  { count: 'claimedIdeas', message: 'verify.claimed', to: '/my/ideas', link: 'nav.myIdeas' },
  { count: 'claimedVotes', message: 'verify.claimedVotes', to: '/my/votes', link: 'nav.myVotes' },
] as const

export default function VerifyEmailDonePage() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="container narrow">
      <h1>{page.title}</h1>
      {page.confirmed ? (
        <>
          <p className="notice notice--success" role="status">
            {page.confirmation}
          </p>
          {page.otherAccount ? <p className="notice">{t('verify.otherAccount')}</p> : null}
          {claimedNotices.map(({ count, message, to, link }) =>
            page[count] ? (
              <p key={count} className="notice notice--success">
                {t(message, { count: page[count] })} <Link to={to}>{t(link)}</Link>
              </p>
            ) : null,
          )}
        </>
      ) : (
        <p>{t('verify.doneUnknown')}</p>
      )}
      <p>
        <Link to="/account">{t('nav.account')}</Link>
      </p>
    </div>
  )
}
