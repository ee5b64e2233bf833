import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'

import { Field, FormError, SelectField } from '#app/components/ui/field'
import { Form } from '#app/components/ui/form'
import { profileSchema } from '#app/domain/accounts/accounts.schema'
import { findUserById } from '#app/domain/accounts/accounts.server'
import { changeProfile } from '#app/domain/accounts/profile.server'
import { badRequest, readForm, refusedForm, validate } from '#app/utils/forms.server'
import { foundOr404, requireUser } from '#app/utils/http/permissions.server'
import { accountRefusals } from '#app/utils/http/refusals'
import { formatDate, supportedLocales, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { withNotice } from '#app/utils/notices'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request)
  const user = foundOr404(await findUserById({ id: current.id }))
  return {
    title: getTranslator(request).t('account.nav.profile'),
    account: {
      displayName: user.displayName,
      handle: user.handle,
      email: user.email,
      verified: Boolean(user.emailVerifiedAt),
      role: user.role,
      locale: user.locale,
      createdAt: user.createdAt,
    },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const values = await readForm(request)
  if (values.intent !== 'profile') throw new Response('Unknown intent', { status: 400 })
  const parsed = validate(profileSchema, values)
  if (!parsed.ok) return badRequest(parsed.failure)
  const result = await changeProfile({ userId: user.id, role: user.role, input: parsed.data })
  if (!result.ok) return refusedForm(accountRefusals[result.reason], values)
  return redirect(withNotice('/account', 'account.profile.saved'), 303)
}

export default function AccountProfilePage() {
  const { account } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t, locale } = useTranslation()
  return (
    <section aria-labelledby="account-profile">
      <h2 id="account-profile">{t('account.nav.profile')}</h2>
      <p className="lead">{t('account.profile.intro')}</p>
      {params.get('reset') ? (
        <p className="notice notice--success" role="status">
          {t('reset.done')}
        </p>
      ) : null}
      <Form method="post" className="card form" noValidate>
        <FormError message={failure?.formError} />
        <Field
          label={t('account.displayName')}
          name="displayName"
          autoComplete="nickname"
          required
          defaultValue={failure?.values.displayName ?? account.displayName}
          errors={failure?.fieldErrors.displayName}
        />
        <Field
          label={t('account.handle')}
          hint={t('account.profile.handleHint')}
          name="handle"
          autoComplete="off"
          required
          defaultValue={failure?.values.handle ?? account.handle}
          errors={failure?.fieldErrors.handle}
        />
        <button type="submit" name="intent" value="profile" className="button">
          {t('account.profile.save')}
        </button>
      </Form>
      {/* The language the site and the account's emails use: the header's control saves the same. */}
      <Form method="post" action="/language" className="card form form--compact">
        <input type="hidden" name="redirectTo" value="/account" />
        <SelectField
          label={t('account.language')}
          hint={t('account.language.hint')}
          name="locale"
          defaultValue={account.locale}
        >
          {supportedLocales.map((code) => (
            <option key={code} value={code} lang={code}>
              {t(`language.${code}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button--secondary">
          {t('account.language.save')}
        </button>
      </Form>
      <dl className="card details-list">
        <dt>{t('account.email')}</dt>
        <dd>
          {account.email}{' '}
          <span className="muted">
            ({account.verified ? t('account.verified') : t('account.notVerified')})
          </span>{' '}
          <Link to="/account/security">{t('account.security.changeEmail')}</Link>
        </dd>
        <dt>{t('account.role')}</dt>
        <dd>{t(`role.${account.role}`)}</dd>
        <dt>{t('account.memberSince')}</dt>
        <dd>{formatDate(locale, account.createdAt, 'long')}</dd>
      </dl>
      <p className="account-links">
        <Link to={`/u/${account.handle}`}>{t('account.profile.view')}</Link>
      </p>
    </section>
  )
}
