import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'

import { FormError } from '#app/components/ui/field'
import { safeRedirectPath, signUpSentPath } from '#app/domain/accounts/accounts.rules'
import { forgotPasswordSchema, signUpResendSchema } from '#app/domain/accounts/accounts.schema'
import { resendSignUpEmail } from '#app/domain/accounts/accounts.server'
import { type FormFailure, readForm, validate } from '#app/utils/forms.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

// "Check your email" after sign-up: the same page whether or not the address already had an account.
export async function loader({ request }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams
  // Only an email address is named ("We sent an email to …"); any other text gets the generic sentence.
  const address = forgotPasswordSchema.safeParse({ email: query.get('email') ?? '' })
  return {
    title: getTranslator(request).t('auth.signUpSentTitle'),
    email: address.success ? address.data.email : '',
    redirectTo: safeRedirectPath(query.get('redirectTo'), ''),
    resent: query.get('resent') === '1',
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = validate(signUpResendSchema, await readForm(request))
  if (!parsed.ok) return data<FormFailure>(parsed.failure, { status: 400 })
  const result = await resendSignUpEmail({ email: parsed.data.email, clientIp: context.clientIp })
  if (!result.ok)
    return data<FormFailure>(
      { fieldErrors: {}, formError: `auth.${result.reason}`, values: {} },
      { status: 429 },
    )
  return redirect(`${signUpSentPath(parsed.data)}&resent=1`, 303)
}

export default function SignUpSentPage() {
  const { email, redirectTo, resent } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  return (
    <div className="container narrow auth-page">
      <h1>{t('auth.signUpSentTitle')}</h1>
      <p className="lead">
        {email ? t('auth.signUpSentTo', { email }) : t('auth.signUpSentNoAddress')}
      </p>
      <p>{t('auth.signUpSentNext')}</p>
      {resent ? (
        <p className="notice notice--success" role="status">
          {t('auth.signUpResent')}
        </p>
      ) : null}
      {email ? (
        <Form method="post" className="card form" noValidate>
          <FormError message={failure?.formError ?? failure?.fieldErrors.email?.[0]} />
          <p>{t('auth.signUpSentNothing')}</p>
          <input type="hidden" name="email" value={email} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button
            type="submit"
            className="button button--secondary"
            disabled={navigation.state === 'submitting'}
          >
            {t('auth.signUpResend')}
          </button>
        </Form>
      ) : null}
      <p className="auth-switch">
        {t('auth.haveAccount')}{' '}
        <Link to={redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : '/login'}>
          {t('nav.signIn')}
        </Link>
      </p>
    </div>
  )
}
