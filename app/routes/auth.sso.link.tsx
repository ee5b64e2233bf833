// Linking a single sign-on to the account that already has its address: only after the person
// proves the account is theirs with its password, once. Without a password, a reset link sets one.
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'

import { Field, FormError } from '#app/components/ui/field'
import { ssoLinkSchema } from '#app/domain/sso/sso.schema'
import { SSO_LINK_COOKIE } from '#app/domain/sso/sso-flow.server'
import { getSsoLinkPage, linkSsoWithPassword } from '#app/domain/sso/sso-sign-in.server'
import { type FormFailure, readForm, refusedForm, validate } from '#app/utils/forms.server'
import { ssoLinkRefusals } from '#app/utils/http/refusals'
import { getSigningInBrowser, setCookies } from '#app/utils/http/sign-in.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator, readCookie } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  return {
    title: getTranslator(request).t('sso.link.title'),
    pending: await getSsoLinkPage({ linkCookie: readCookie(request, SSO_LINK_COOKIE) ?? null }),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = validate(ssoLinkSchema, await readForm(request))
  if (!parsed.ok) return data<FormFailure>(parsed.failure, { status: 400 })
  const result = await linkSsoWithPassword({
    linkCookie: readCookie(request, SSO_LINK_COOKIE) ?? null,
    password: parsed.data.password,
    clientIp: context.clientIp,
    browser: await getSigningInBrowser(request),
  })
  // Nothing (or no longer anything) to link: the page says so.
  if (!result.ok && result.reason === 'nothingPending') return redirect('/auth/sso/link', 303)
  if (!result.ok) return refusedForm(ssoLinkRefusals[result.reason], {})
  return redirect(result.redirectTo, { status: 303, headers: setCookies(result.cookies) })
}

export default function SsoLinkPage() {
  const { t } = useTranslation()
  const { pending } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  if (!pending) {
    return (
      <div className="container narrow auth-page">
        <h1>{t('sso.link.title')}</h1>
        <p className="notice" role="status">
          {t('sso.link.nothing')}
        </p>
        <p>
          <Link to="/login">{t('sso.backToSignIn')}</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="container narrow auth-page">
      <h1>{t('sso.link.title')}</h1>
      <p className="lead">
        {t('sso.link.intro', { provider: pending.label, email: pending.email })}
      </p>
      {pending.hasPassword ? (
        <Form method="post" className="card form" noValidate>
          <FormError message={failure?.formError} />
          <p>{t('sso.link.proveWithPassword')}</p>
          <Field
            label={t('auth.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            errors={failure?.fieldErrors.password}
          />
          <button type="submit" className="button button--block" disabled={busy}>
            {t('sso.link.submit', { provider: pending.label })}
          </button>
        </Form>
      ) : (
        <p className="notice" role="status">
          {t('sso.link.noPassword')}
        </p>
      )}
      <p className="form__aside">
        <Link to="/forgot-password">{t('reset.forgotLink')}</Link>
      </p>
    </div>
  )
}
