import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { lookUpConfirmationLink } from '#app/domain/accounts/tokens.server'
import { confirmEmailChangeAndClaim } from '#app/domain/intake/intake.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

const tokenOf = (params: { token?: string }) => (params.token ?? '').slice(0, 100)

// Opening the link only shows what it would do: mail scanners and link previews open links, so the
// address changes when the person presses the button (a POST, checked like every form).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const link = await lookUpConfirmationLink({ token: tokenOf(params), purpose: 'change-email' })
  return {
    title: getTranslator(request).t('confirmEmail.title'),
    link: link.state,
    newEmail: link.state === 'open' ? link.newEmail : null,
  }
}

/** The press: the single-use link proves the new address reads its mail; it takes over what staff captured for it, as at sign-up. */
export async function action({ params }: ActionFunctionArgs) {
  const result = await confirmEmailChangeAndClaim({ token: tokenOf(params) })
  return {
    outcome: result.ok
      ? ('done' as const)
      : result.reason === 'emailTaken'
        ? ('taken' as const)
        : result.reason === 'alreadyConfirmed'
          ? ('alreadyConfirmed' as const)
          : ('invalid' as const),
  }
}

export default function ConfirmEmailPage() {
  const { link, newEmail } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()?.outcome ?? (link === 'open' ? null : link)
  const { t } = useTranslation()
  return (
    <div className="container narrow">
      <h1>{t('confirmEmail.title')}</h1>
      {outcome === null ? (
        <Form method="post" className="card form">
          <p>{t('confirmEmail.ready', { email: newEmail ?? '' })}</p>
          <button type="submit" className="button">
            {t('confirmEmail.submit')}
          </button>
        </Form>
      ) : (
        <p
          className={
            outcome === 'done' || outcome === 'alreadyConfirmed'
              ? 'notice notice--success'
              : 'notice'
          }
          role="status"
        >
          {t(`confirmEmail.${outcome}`)}
        </p>
      )}
      <p>
        <Link to="/account/security">{t('account.nav.security')}</Link>
      </p>
    </div>
  )
}
