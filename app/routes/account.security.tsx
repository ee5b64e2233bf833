import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'

import { Field, FormError } from '#app/components/ui/field'
import { Form } from '#app/components/ui/form'
import { emailChangeSchema, passwordChangeSchema } from '#app/domain/accounts/accounts.schema'
import { findUserById } from '#app/domain/accounts/accounts.server'
import { changePassword, requestEmailChange } from '#app/domain/accounts/profile.server'
import { findPendingEmailChange, sendVerificationEmail } from '#app/domain/accounts/tokens.server'
import { badRequest, readForm, refusedForm, validate } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { type CurrentUser, foundOr404, requireUser } from '#app/utils/http/permissions.server'
import { accountRefusals } from '#app/utils/http/refusals'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { withNotice } from '#app/utils/notices'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request)
  const [found, pendingEmail] = await Promise.all([
    findUserById({ id: current.id }),
    findPendingEmailChange({ userId: current.id }),
  ])
  const user = foundOr404(found)
  return {
    title: getTranslator(request).t('account.nav.security'),
    email: user.email,
    verified: Boolean(user.emailVerifiedAt),
    pendingEmail,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const values = await readForm(request)
  return dispatchIntent(values.intent, intents, { request, user, values })
}

type IntentArgs = { request: Request; user: CurrentUser; values: Record<string, string> }

const intents = {
  async email({ user, values }: IntentArgs) {
    const parsed = validate(emailChangeSchema, values)
    if (!parsed.ok) return badRequest(parsed.failure)
    const result = await requestEmailChange({ userId: user.id, input: parsed.data })
    if (!result.ok) return refusedForm(accountRefusals[result.reason], values)
    return redirect('/account/security?email=sent', 303)
  },
  async password({ request, user, values }: IntentArgs) {
    const parsed = validate(passwordChangeSchema, values)
    if (!parsed.ok) return badRequest(parsed.failure)
    const result = await changePassword({
      userId: user.id,
      input: parsed.data,
      userAgent: request.headers.get('User-Agent'),
    })
    if (!result.ok) return refusedForm(accountRefusals[result.reason], values)
    return redirect(withNotice('/account/security', 'account.security.passwordChanged'), {
      status: 303,
      headers: { 'Set-Cookie': result.cookie },
    })
  },
  async 'resend-verification'({ user }: IntentArgs) {
    await sendVerificationEmail({ userId: user.id })
    return redirect(withNotice('/account/security', 'account.verificationSent'), 303)
  },
}

export default function AccountSecurityPage() {
  const { email, verified, pendingEmail } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t } = useTranslation()
  // Two forms share field names: a failure belongs to the form whose intent was sent.
  const failureOf = (intent: string) => (result?.values.intent === intent ? result : undefined)
  const emailFailure = failureOf('email')
  const passwordFailure = failureOf('password')
  return (
    <>
      <section aria-labelledby="account-email">
        <h2 id="account-email">{t('account.security.emailTitle')}</h2>
        <p>
          {t('account.security.currentEmail', { email })}{' '}
          <span className="muted">
            ({verified ? t('account.verified') : t('account.notVerified')})
          </span>
        </p>
        {params.get('email') || pendingEmail ? (
          <p className="notice notice--success" role="status">
            {t('account.security.pendingEmail')}
          </p>
        ) : null}
        {!verified ? (
          <Form method="post" className="card form account-verify">
            <p>{t('account.verifyIntro')}</p>
            <button
              type="submit"
              name="intent"
              value="resend-verification"
              className="button button--secondary"
            >
              {t('account.resendVerification')}
            </button>
          </Form>
        ) : null}
        <Form method="post" className="card form" noValidate>
          <FormError message={emailFailure?.formError} />
          <Field
            label={t('account.security.newEmail')}
            hint={t('account.security.emailHint')}
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={emailFailure?.values.email}
            errors={emailFailure?.fieldErrors.email}
          />
          <Field
            label={t('account.security.currentPassword')}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            errors={emailFailure?.fieldErrors.currentPassword}
          />
          <button type="submit" name="intent" value="email" className="button">
            {t('account.security.changeEmail')}
          </button>
        </Form>
      </section>
      <section aria-labelledby="account-password">
        <h2 id="account-password">{t('account.security.passwordTitle')}</h2>
        <Form method="post" className="card form" noValidate>
          <FormError message={passwordFailure?.formError} />
          <Field
            label={t('account.security.currentPassword')}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            errors={passwordFailure?.fieldErrors.currentPassword}
          />
          <Field
            label={t('account.security.newPassword')}
            hint={t('auth.passwordHint')}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            errors={passwordFailure?.fieldErrors.newPassword}
          />
          <button type="submit" name="intent" value="password" className="button">
            {t('account.security.changePassword')}
          </button>
        </Form>
      </section>
    </>
  )
}
