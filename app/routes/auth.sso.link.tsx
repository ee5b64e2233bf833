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
import { findUserById } from '#app/domain/accounts/accounts.server'
import { endSession, startSession } from '#app/domain/accounts/sessions.server'
import { ssoLinkSchema } from '#app/domain/sso/sso.schema'
import { linkWithPassword } from '#app/domain/sso/sso.server'
import {
  clearedSsoCookie,
  findSsoProvider,
  readPendingLink,
  SSO_LINK_COOKIE,
  ssoSessionCookie,
} from '#app/domain/sso/sso-flow.server'
import { type FormFailure, readForm, validate } from '#app/utils/forms.server'
import { getAuth } from '#app/utils/http/permissions.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator, readCookie } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

async function pendingLink(request: Request) {
  const link = await readPendingLink(readCookie(request, SSO_LINK_COOKIE) ?? null)
  const provider = link && findSsoProvider(link.providerId)
  const account = link && provider ? await findUserById({ id: link.userId }) : undefined
  return link && provider && account ? { link, provider, account } : null
}

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await pendingLink(request)
  const title = getTranslator(request).t('sso.link.title')
  if (!pending) return { title, pending: null }
  const { provider, account } = pending
  return {
    title,
    pending: {
      label: provider.label,
      email: account.email,
      hasPassword: account.passwordHash !== null,
    },
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await pendingLink(request)
  if (!pending) return redirect('/auth/sso/link', 303)
  const parsed = validate(ssoLinkSchema, await readForm(request))
  if (!parsed.ok) return data<FormFailure>(parsed.failure, { status: 400 })
  const result = await linkWithPassword({
    link: pending.link,
    password: parsed.data.password,
    clientIp: context.clientIp,
  })
  if (!result.ok) {
    const status = result.reason === 'tooManyAttempts' ? 429 : 400
    return data<FormFailure>(
      {
        fieldErrors: {},
        formError:
          result.reason === 'alreadyLinked' ? 'sso.link.alreadyLinked' : `auth.${result.reason}`,
        values: {},
      },
      { status },
    )
  }
  const headers = new Headers({ 'Set-Cookie': clearedSsoCookie(SSO_LINK_COOKIE) })
  const { sessionId: previous } = await getAuth(request)
  if (previous) headers.append('Set-Cookie', await endSession(previous))
  headers.append(
    'Set-Cookie',
    (await startSession(result.userId, { userAgent: request.headers.get('User-Agent') })).cookie,
  )
  headers.append(
    'Set-Cookie',
    await ssoSessionCookie({ providerId: pending.provider.id, idToken: pending.link.idToken }),
  )
  return redirect(pending.link.redirectTo, { status: 303, headers })
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
