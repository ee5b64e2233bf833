import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'

import { Field, FormError, Honeypot } from '#app/components/ui/field'
import { safeRedirectPath, signUpSentPath } from '#app/domain/accounts/accounts.rules'
import { signUpSchema } from '#app/domain/accounts/accounts.schema'
import { signUp } from '#app/domain/accounts/accounts.server'
import { badRequest, publicValues, readForm, validate } from '#app/utils/forms.server'
import { requireAnonymous } from '#app/utils/http/permissions.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getLocale, getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'))
  await requireAnonymous(request, redirectTo)
  return { title: getTranslator(request).t('auth.signUpTitle') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request)
  // Bots fill every field; people never see this one. Answer as if it failed validation.
  if (values.website)
    return badRequest({ fieldErrors: {}, formError: 'auth.formHasErrors', values: {} })
  const parsed = validate(signUpSchema, values)
  if (!parsed.ok) return badRequest(parsed.failure)
  const result = await signUp({
    input: parsed.data,
    locale: getLocale(request),
    clientIp: context.clientIp,
  })
  if (!result.ok)
    return badRequest({
      fieldErrors: {},
      formError: `auth.${result.reason}`,
      values: publicValues(values),
    })
  // The same answer for a new and a taken address, and no session: the emailed link signs the person in.
  return redirect(signUpSentPath({ email: parsed.data.email, redirectTo: parsed.data.redirectTo }))
}

export default function SignUpPage() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const redirectTo = searchParams.get('redirectTo') ?? ''
  return (
    <div className="container narrow auth-page">
      {searchParams.get('reason') === 'idea' ? (
        <p className="notice" role="status">
          {t('ideas.new.draftSaved')}
        </p>
      ) : null}
      <h1>{t('auth.signUpTitle')}</h1>
      <p className="lead">{t('auth.signUpIntro')}</p>
      <Form method="post" className="card form" noValidate>
        <FormError message={actionData?.formError} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t('auth.displayName')}
          hint={t('auth.displayNameHint')}
          name="displayName"
          autoComplete="nickname"
          required
          maxLength={50}
          defaultValue={actionData?.values.displayName}
          errors={actionData?.fieldErrors.displayName}
        />
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
          hint={t('auth.passwordHint')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          errors={actionData?.fieldErrors.password}
        />
        <Honeypot />
        <button
          type="submit"
          className="button button--block"
          disabled={navigation.state === 'submitting'}
        >
          {t('auth.submitSignUp')}
        </button>
      </Form>
      <p className="auth-switch">
        {t('auth.haveAccount')}{' '}
        <Link
          to={
            redirectTo
              ? `/login?${new URLSearchParams({ redirectTo, ...(searchParams.get('reason') ? { reason: 'idea' } : {}) })}`
              : '/login'
          }
        >
          {t('nav.signIn')}
        </Link>
      </p>
    </div>
  )
}
