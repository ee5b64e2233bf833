import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { lookUpConfirmationLink } from '#app/domain/accounts/tokens.server'
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

const tokenOf = (params: { token?: string }) => (params.token ?? '').slice(0, 100)

// Opening the link only shows a button: mail scanners and link previews open links, and must not
// use it up (or be signed in by it). The person's press confirms the address.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const [link, user] = await Promise.all([
    lookUpConfirmationLink({ token: tokenOf(params), purpose: 'verify-email' }),
    getOptionalUser(request),
  ])
  return { title: getTranslator(request).t('verify.title'), link: link.state, signedIn: !!user }
}

// The press confirms the address, takes over what staff captured for it and signs the person in (it
// proves they read the mail sent to it), ending any session the browser had — unless the browser
// is signed in as someone else, who stays signed in and is told so; then a redirect, so the next
// page is rendered signed in: where the sign-up form was going, else the "confirmed" page, with the
// link's signed receipt (only this browser is told there what the link did).
export async function action({ request, params }: ActionFunctionArgs) {
  const opened = await openVerificationLink({
    token: tokenOf(params),
    browser: await getSigningInBrowser(request),
    signedInAs: (await getOptionalUser(request))?.id ?? null,
  })
  if (!opened.ok)
    return { link: opened.reason === 'alreadyConfirmed' ? opened.reason : ('invalid' as const) }
  const done = `/verify-email/done?${new URLSearchParams({ receipt: opened.receipt })}`
  throw redirect(opened.redirectTo ?? done, { headers: setCookies(opened.cookies) })
}

export default function VerifyEmailPage() {
  const { t } = useTranslation()
  const { link: loaded, signedIn } = useLoaderData<typeof loader>()
  const link = useActionData<typeof action>()?.link ?? loaded
  // Already confirmed: a visitor is offered to sign in with it; someone signed in, their account.
  const offerSignIn = link === 'alreadyConfirmed' && !signedIn
  return (
    <div className="container narrow">
      <h1>{t('verify.title')}</h1>
      {link === 'open' ? (
        <Form method="post" className="card form">
          <p>{t('verify.ready')}</p>
          <button type="submit" className="button">
            {t('verify.submit')}
          </button>
        </Form>
      ) : (
        <>
          <p
            className={link === 'alreadyConfirmed' ? 'notice notice--success' : 'notice'}
            role="status"
          >
            {t(
              link !== 'alreadyConfirmed'
                ? 'verify.invalid'
                : signedIn
                  ? 'verify.alreadyConfirmedSignedIn'
                  : 'verify.alreadyConfirmed',
            )}
          </p>
          <p>
            {offerSignIn ? (
              <Link to="/login">{t('nav.signIn')}</Link>
            ) : (
              <Link to="/account">{t('nav.account')}</Link>
            )}
          </p>
        </>
      )}
    </div>
  )
}
