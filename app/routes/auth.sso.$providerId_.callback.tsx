// Where the provider sends the browser back. Success signs in (a new session, ending any the browser
// had) or asks for proof before linking an existing account; every failure is a page of its own.
import { data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { endSession, startSession } from '#app/domain/accounts/sessions.server'
import { type SsoFailure, ssoFailures } from '#app/domain/sso/sso.rules'
import { signInWithSso } from '#app/domain/sso/sso.server'
import {
  clearedSsoCookie,
  findSsoProvider,
  finishSsoSignIn,
  pendingLinkCookie,
  SSO_FLOW_COOKIE,
  ssoSessionCookie,
} from '#app/domain/sso/sso-flow.server'
import { getAuth } from '#app/utils/http/permissions.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getLocale, getTranslator, readCookie } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

const statusFor: Record<SsoFailure, number> = {
  unknownProvider: 404,
  providerDown: 502,
  providerError: 502,
  cancelled: 200,
  state: 400,
  code: 400,
  invalidToken: 400,
  emailNotVerified: 403,
  wrongAudience: 403,
  suspended: 403,
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams
  const provider = findSsoProvider(params.providerId)
  const headers = new Headers({ 'Set-Cookie': clearedSsoCookie(SSO_FLOW_COOKIE) })
  const fail = (reason: SsoFailure) =>
    data(
      {
        title: getTranslator(request).t(`sso.failure.${reason}.title`),
        reason,
        label: provider?.label ?? null,
      },
      { status: statusFor[reason], headers },
    )
  if (!provider) return fail('unknownProvider')
  // A failure found before the provider was reached (see auth.sso.$providerId.ts).
  const early = ssoFailures.find((reason) => reason === query.get('failed'))
  if (early) return fail(early)

  const finished = await finishSsoSignIn({
    provider,
    query,
    flowCookie: readCookie(request, SSO_FLOW_COOKIE) ?? null,
  })
  if (!finished.ok) return fail(finished.reason)
  const result = await signInWithSso({
    provider,
    identity: finished.identity,
    locale: getLocale(request),
  })
  if (!result.ok && result.reason === 'needsProof') {
    headers.append(
      'Set-Cookie',
      await pendingLinkCookie({
        ...result.link,
        idToken: finished.idToken,
        redirectTo: finished.redirectTo,
      }),
    )
    throw redirect('/auth/sso/link', { headers })
  }
  if (!result.ok) return fail(result.reason)
  const { sessionId: previous } = await getAuth(request)
  if (previous) headers.append('Set-Cookie', await endSession(previous))
  headers.append(
    'Set-Cookie',
    (await startSession(result.userId, { userAgent: request.headers.get('User-Agent') })).cookie,
  )
  headers.append(
    'Set-Cookie',
    await ssoSessionCookie({ providerId: provider.id, idToken: finished.idToken }),
  )
  throw redirect(finished.redirectTo, { headers })
}

export default function SsoFailurePage() {
  const { t } = useTranslation()
  const { reason, label } = useLoaderData<typeof loader>()
  const provider = label ?? t('sso.theProvider')
  return (
    <div className="container narrow auth-page">
      <h1>{t(`sso.failure.${reason}.title`)}</h1>
      <p className="notice" role="status">
        {t(`sso.failure.${reason}.body`, { provider })}
      </p>
      <p>
        <Link to="/login">{t('sso.backToSignIn')}</Link>
      </p>
    </div>
  )
}
