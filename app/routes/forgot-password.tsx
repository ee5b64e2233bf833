import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'

import { Field, FormError } from '#app/components/ui/field'
import { forgotPasswordSchema } from '#app/domain/accounts/accounts.schema'
import { requestPasswordReset } from '#app/domain/accounts/tokens.server'
import { type FormFailure, readForm, validate } from '#app/utils/forms.server'
import { accountRefusals } from '#app/utils/http/refusals'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: getTranslator(request).t('reset.forgotTitle') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = validate(forgotPasswordSchema, await readForm(request))
  if (!parsed.ok) return data<FormFailure & { sent?: boolean }>(parsed.failure, { status: 400 })
  const result = await requestPasswordReset({
    email: parsed.data.email,
    clientIp: String(context.clientIp ?? 'unknown'),
  })
  if (!result.ok)
    return data<FormFailure & { sent?: boolean }>(
      {
        fieldErrors: {},
        formError: accountRefusals[result.reason].message,
        values: { email: parsed.data.email },
      },
      { status: accountRefusals[result.reason].status },
    )
  return { sent: true, fieldErrors: {}, values: {} } as FormFailure & { sent?: boolean }
}

export default function ForgotPasswordPage() {
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="container auth-page">
      <h1>{t('reset.forgotTitle')}</h1>
      {result?.sent ? (
        <p className="notice notice--success" role="status">
          {t('reset.sent')}
        </p>
      ) : (
        <Form method="post" className="card form" noValidate>
          <p>{t('reset.forgotIntro')}</p>
          <FormError message={result?.formError} />
          <Field
            label={t('auth.email')}
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={result?.values.email}
            errors={result?.fieldErrors.email}
          />
          <button type="submit" className="button button--block">
            {t('reset.send')}
          </button>
        </Form>
      )}
      <p className="auth-switch">
        <Link to="/login">{t('reset.backToSignIn')}</Link>
      </p>
    </div>
  )
}
