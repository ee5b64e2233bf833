// Where the provider sends the browser back. Success signs in (a new session, ending any the browser
// had) or asks for proof before linking an existing account; every failure is a page of its own.
import { data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { ContactUs } from '#app/components/layout/contact-us'
import { contactAfterMessage } from '#app/domain/settings/contact.rules'
import { SSO_FLOW_COOKIE } from '#app/domain/sso/sso-flow.server'
import { completeSsoSignIn } from '#app/domain/sso/sso-sign-in.server'
import { ssoFailurePages } from '#app/utils/http/refusals'
import { getSigningInBrowser, setCookies } from '#app/utils/http/sign-in.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getLocale, getTranslator, readCookie } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const result = await completeSsoSignIn({
    providerId: params.providerId,
    query: new URL(request.url).searchParams,
    flowCookie: readCookie(request, SSO_FLOW_COOKIE) ?? null,
    locale: getLocale(request),
    browser: await getSigningInBrowser(request),
  })
  const headers = setCookies(result.cookies)
  if (result.ok) throw redirect(result.redirectTo, { headers })
  if (result.reason === 'needsProof') throw redirect('/auth/sso/link', { headers })
  const failure = ssoFailurePages[result.reason]
  return data(
    {
      title: getTranslator(request).t(failure.message),
      reason: result.reason,
      label: result.providerLabel,
    },
    { status: failure.status, headers },
  )
}

export default function SsoFailurePage() {
  const { t } = useTranslation()
  const { reason, label } = useLoaderData<typeof loader>()
  const provider = label ?? t('sso.theProvider')
  // A suspended account is told how to appeal (contact.rules.ts `contactAfter`).
  const contact = contactAfterMessage(`sso.failure.${reason}.body`)
  return (
    <div className="container narrow auth-page">
      <h1>{t(`sso.failure.${reason}.title`)}</h1>
      <p className="notice" role="status">
        {t(`sso.failure.${reason}.body`, { provider })}
        {contact ? (
          <>
            <br />
            <ContactUs purpose={contact} />
          </>
        ) : null}
      </p>
      <p>
        <Link to="/login">{t('sso.backToSignIn')}</Link>
      </p>
    </div>
  )
}
