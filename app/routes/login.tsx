import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'

import { Field, FormError } from '#app/components/ui/field'
import { safeRedirectPath } from '#app/domain/accounts/accounts.rules'
import { signInSchema } from '#app/domain/accounts/accounts.schema'
import { signIn } from '#app/domain/accounts/accounts.server'
import { knownDeviceCookie, readKnownDevice } from '#app/domain/accounts/known-devices.server'
import { endSession, startSession } from '#app/domain/accounts/sessions.server'
import { ssoButtons } from '#app/domain/sso/sso-flow.server'
import {
  badRequest,
  type FormFailure,
  publicValues,
  readForm,
  validate,
} from '#app/utils/forms.server'
import { getAuth, requireAnonymous } from '#app/utils/http/permissions.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'))
  await requireAnonymous(request, redirectTo)
  return { title: getTranslator(request).t('auth.signInTitle'), providers: ssoButtons() }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request)
  const parsed = validate(signInSchema, values)
  if (!parsed.ok) return badRequest(parsed.failure)
  const device = await readKnownDevice(request)
  const result = await signIn({ input: parsed.data, clientIp: context.clientIp, device })
  if (!result.ok && result.reason === 'tooManyAttempts') {
    // Said beside the password, with the wait; the email stays in the form.
    const failure: SignInFailure = {
      fieldErrors: { password: ['auth.tryAgainIn'] },
      values: publicValues(values),
      retryAfterSeconds: result.retryAfterSeconds,
    }
    return data(failure, {
      status: 429,
      headers: { 'Retry-After': String(result.retryAfterSeconds) },
    })
  }
  if (!result.ok)
    return data<SignInFailure>(
      { fieldErrors: {}, formError: `auth.${result.reason}`, values: publicValues(values) },
      { status: 400 },
    )
  // A new session id at every sign-in: a session fixed before signing in is worthless after.
  const headers = new Headers()
  const { sessionId: previous } = await getAuth(request)
  if (previous) headers.append('Set-Cookie', await endSession(previous))
  const { cookie } = await startSession(result.user.id, {
    userAgent: request.headers.get('User-Agent'),
  })
  headers.append('Set-Cookie', cookie)
  headers.append('Set-Cookie', await knownDeviceCookie({ device, email: parsed.data.email }))
  return redirect(safeRedirectPath(parsed.data.redirectTo), { headers })
}

type SignInFailure = FormFailure & { retryAfterSeconds?: number }

export default function LoginPage() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const { providers } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const redirectTo = searchParams.get('redirectTo') ?? ''
  const busy = navigation.state === 'submitting'
  return (
    <div className="container narrow auth-page">
      {searchParams.get('reason') === 'idea' ? (
        <p className="notice" role="status">
          {t('ideas.new.draftSaved')}
        </p>
      ) : null}
      <h1>{t('auth.signInTitle')}</h1>
      <p className="lead">{t('auth.signInIntro')}</p>
      <Form method="post" className="card form" noValidate>
        <FormError message={actionData?.formError} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={actionData?.values.email}
          errors={actionData?.fieldErrors.email}
        />
        <Field
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={actionData?.fieldErrors.password}
          errorParams={{
            count:
              actionData && 'retryAfterSeconds' in actionData
                ? Number(actionData.retryAfterSeconds)
                : 0,
          }}
        />
        <button type="submit" className="button button--block" disabled={busy}>
          {t('auth.submitSignIn')}
        </button>
        <p className="form__aside">
          <Link to="/forgot-password">{t('reset.forgotLink')}</Link>
        </p>
      </Form>
      {providers.length ? (
        <section className="card form sso-buttons" aria-labelledby="sso-heading">
          <h2 id="sso-heading">{t('sso.buttonsHeading')}</h2>
          {providers.map((provider) => (
            <Form key={provider.id} method="post" action={`/auth/sso/${provider.id}`}>
              <input type="hidden" name="redirectTo" value={redirectTo} />
              <button type="submit" className="button button--secondary button--block">
                {t('sso.continueWith', { provider: provider.label })}
              </button>
            </Form>
          ))}
        </section>
      ) : null}
      <p className="auth-switch">
        {t('auth.noAccount')}{' '}
        <Link to={redirectTo ? `/signup?${new URLSearchParams({ redirectTo })}` : '/signup'}>
          {t('nav.signUp')}
        </Link>
      </p>
    </div>
  )
}
