import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getAuth } from '#app/domain/accounts/permissions.server'
import { endSession, startSession } from '#app/domain/accounts/sessions.server'
import { verifyEmail } from '#app/domain/accounts/tokens.server'
import { claimCapturedHistory } from '#app/domain/intake/intake.server'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { useTranslation } from '#app/utils/i18n/i18n'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

// Opening the link confirms the address and signs the person in (it proves they read the mail sent to
// it): a fresh session, ending any the browser had, then on to where the sign-up form was going.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const title = getTranslator(request).t('verify.title')
  const verified = await verifyEmail({ token: (params.token ?? '').slice(0, 100) })
  if (!verified) return { title, verified: false, claimedIdeas: 0 }
  // A verified address takes over what staff captured for it (ideas given in a store, by phone, …).
  const claim = await claimCapturedHistory({ userId: verified.userId })
  const headers = new Headers()
  if (verified.maySignIn) {
    const { sessionId: previous } = await getAuth(request)
    if (previous) headers.append('Set-Cookie', await endSession(previous))
    headers.append('Set-Cookie', (await startSession(verified.userId)).cookie)
  }
  if (verified.redirectTo) throw redirect(verified.redirectTo, { headers })
  return data({ title, verified: true, claimedIdeas: claim.claimed ? claim.ideas : 0 }, { headers })
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
