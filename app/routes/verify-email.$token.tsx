import { type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link } from '@remix-run/react'

import { openVerificationLink } from '#app/domain/intake/intake.server'
import { getOptionalUser } from '#app/utils/http/permissions.server'
import { getSigningInBrowser, setCookies } from '#app/utils/http/sign-in.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

// Opening the link confirms the address, takes over what staff captured for it and signs the person in
// (it proves they read the mail sent to it), ending any session the browser had — unless the browser
// is signed in as someone else, who stays signed in and is told so; then a redirect, so
// the next page is rendered signed in: where the sign-up form was going, else the "confirmed" page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const opened = await openVerificationLink({
    token: (params.token ?? '').slice(0, 100),
    browser: await getSigningInBrowser(request),
    signedInAs: (await getOptionalUser(request))?.id ?? null,
  })
  if (!opened.ok) return { title: getTranslator(request).t('verify.title'), verified: false }
  const done = opened.keptOtherAccount
    ? '/verify-email/done?otherAccount=1'
    : opened.claimedIdeas
      ? `/verify-email/done?${new URLSearchParams({ claimed: String(opened.claimedIdeas) })}`
      : '/verify-email/done'
  throw redirect(opened.redirectTo ?? done, { headers: setCookies(opened.cookies) })
}

export default function VerifyEmailInvalidPage() {
  const { t } = useTranslation()
  return (
    <div className="container narrow">
      <h1>{t('verify.title')}</h1>
      <p className="notice" role="status">
        {t('verify.invalid')}
      </p>
      <p>
        <Link to="/account">{t('nav.account')}</Link>
      </p>
    </div>
  )
}
