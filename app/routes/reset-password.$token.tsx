import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { Field, FormError } from '#app/components/ui/field'
import { newPasswordSchema } from '#app/domain/accounts/accounts.schema'
import { checkToken, resetPassword } from '#app/domain/accounts/tokens.server'
import { type FormFailure, readForm, refusedForm, validate } from '#app/utils/forms.server'
import { passwordResetRefusals } from '#app/utils/http/refusals'
import { getSigningInBrowser, setCookies } from '#app/utils/http/sign-in.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = (params.token ?? '').slice(0, 100)
  return {
    title: getTranslator(request).t('reset.title'),
    valid: Boolean(await checkToken({ token, purpose: 'password-reset' })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = validate(newPasswordSchema, await readForm(request))
  if (!parsed.ok) return data<FormFailure>(parsed.failure, { status: 400 })
  // Every old session of the account ends with the reset, and the browser's own; it starts a fresh one.
  const result = await resetPassword({
    token: (params.token ?? '').slice(0, 100),
    password: parsed.data.password,
    browser: await getSigningInBrowser(request),
  })
  // A suspended or banned account gets its new password but no session, answered as sign-in answers it.
  if (!result.ok) return refusedForm(passwordResetRefusals[result.reason], {})
  return redirect('/account?reset=1', { status: 303, headers: setCookies(result.cookies) })
}

/**
 * The refusal's message key, checked against the table by type only: reading the table here would
 * put every refusal table in the JavaScript of each page whose action uses one (2.7 KB on the idea page).
 */
const SUSPENDED: (typeof passwordResetRefusals)['suspended']['message'] = 'auth.suspended'

export default function ResetPasswordPage() {
  const { valid } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  // The link is spent once the password is set, even when the account may not sign in: no form again.
  const refused = result?.formError === SUSPENDED
  return (
    <div className="container auth-page">
      <h1>{t('reset.title')}</h1>
      {refused ? (
        <FormError message={result.formError} />
      ) : valid ? (
        <Form method="post" className="card form" noValidate>
          <FormError message={result?.formError} />
          <Field
            label={t('reset.newPassword')}
            hint={t('auth.passwordHint')}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            errors={result?.fieldErrors.password}
          />
          <button type="submit" className="button button--block">
            {t('reset.save')}
          </button>
        </Form>
      ) : (
        <p className="notice">
          {t('reset.expired')} <Link to="/forgot-password">{t('reset.again')}</Link>
        </p>
      )}
    </div>
  )
}
