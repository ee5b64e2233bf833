import {
  type ActionFunctionArgs,
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
import { safeRedirectPath, type Suspension } from '#app/domain/accounts/accounts.rules'
import { signInSchema } from '#app/domain/accounts/accounts.schema'
import { signInWithPassword } from '#app/domain/accounts/accounts.server'
import { readKnownDevice } from '#app/domain/accounts/known-devices.server'
import { getSettings } from '#app/domain/settings/settings.server'
import { ssoButtons } from '#app/domain/sso/sso-flow.server'
import { badRequest, readForm, refusedForm, validate } from '#app/utils/forms.server'
import { requireAnonymous } from '#app/utils/http/permissions.server'
import { signInRefusals } from '#app/utils/http/refusals'
import { getSigningInBrowser, setCookies } from '#app/utils/http/sign-in.server'
import { formatDateTime, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'))
  await requireAnonymous(request, redirectTo)
  return {
    title: getTranslator(request).t('auth.signInTitle'),
    providers: ssoButtons(),
    // A suspension's end is shown in the site's time zone, as the back office set it.
    timeZone: (await getSettings()).timeZone,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request)
  const parsed = validate(signInSchema, values)
  if (!parsed.ok) return badRequest(parsed.failure)
  // A new session id at every sign-in: a session fixed before signing in is worthless after.
  const result = await signInWithPassword({
    input: parsed.data,
    clientIp: context.clientIp,
    device: await readKnownDevice(request),
    browser: await getSigningInBrowser(request),
  })
  // Too many attempts is said beside the password, with the wait; the email stays in the form.
  if (!result.ok) return refusedForm(signInRefusals[result.reason], values, result)
  return redirect(result.redirectTo, { headers: setCookies(result.cookies) })
}

/** Until when and why: told only after the right password (accounts.server `signIn`). */
function SuspensionDetails({ suspension }: { suspension: Suspension }) {
  const { t, locale } = useTranslation()
  const zone = useLoaderData<typeof loader>().timeZone
  return (
    <>
      <br />
      {suspension.until
        ? t('auth.suspendedUntil', {
            date: formatDateTime(locale, suspension.until, zone),
            zone,
          })
        : t('auth.suspendedWithoutEnd')}
      {suspension.reason ? (
        <>
          <br />
          {t('auth.suspendedReason', { reason: suspension.reason })}
        </>
      ) : null}
    </>
  )
}

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
        <FormError message={actionData?.formError}>
          {actionData && 'suspension' in actionData ? (
            <SuspensionDetails suspension={actionData.suspension as Suspension} />
          ) : null}
        </FormError>
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
