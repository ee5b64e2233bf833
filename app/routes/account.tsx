import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { findUserById } from '#app/domain/accounts/accounts.server'
import { requireUser } from '#app/domain/accounts/permissions.server'
import { sendVerificationEmail } from '#app/domain/accounts/tokens.server'
import { readForm } from '#app/utils/forms.server'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { formatDate, useTranslation } from '#app/utils/i18n/i18n'
import { pageTitle } from '#app/utils/page-title'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, data?.title) }]

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request)
  const user = await findUserById({ id: current.id })
  if (!user) throw new Response('Not found', { status: 404 })
  return {
    title: getTranslator(request).t('account.title'),
    account: {
      email: user.email,
      displayName: user.displayName,
      handle: user.handle,
      role: user.role,
      locale: user.locale,
      createdAt: user.createdAt,
      verified: Boolean(user.emailVerifiedAt),
    },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const values = await readForm(request)
  if (values.intent !== 'resend-verification') throw new Response('Unknown intent', { status: 400 })
  await sendVerificationEmail({ userId: user.id })
  return redirect('/account?verification=sent', 303)
}

export default function AccountPage() {
  const { account } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t, locale } = useTranslation()
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>{t('account.title')}</h1>
        <p className="lead">{t('account.intro')}</p>
      </header>
      <dl className="card details-list">
        <dt>{t('account.displayName')}</dt>
        <dd>{account.displayName}</dd>
        <dt>{t('account.email')}</dt>
        <dd>
          {account.email} <span className="muted">({account.verified ? t('account.verified') : t('account.notVerified')})</span>
        </dd>
        <dt>{t('account.handle')}</dt>
        <dd>@{account.handle}</dd>
        <dt>{t('account.role')}</dt>
        <dd>{t(`role.${account.role}`)}</dd>
        <dt>{t('account.language')}</dt>
        <dd>{t(`language.${account.locale}`)}</dd>
        <dt>{t('account.memberSince')}</dt>
        <dd>{formatDate(locale, account.createdAt, 'long')}</dd>
      </dl>
      {params.get('reset') ? (
        <p className="notice notice--success" role="status">
          {t('reset.done')}
        </p>
      ) : null}
      {!account.verified ? (
        <Form method="post" className="card form account-verify">
          <p>{params.get('verification') ? t('account.verificationSent') : t('account.verifyIntro')}</p>
          <button type="submit" name="intent" value="resend-verification" className="button button--secondary">
            {t('account.resendVerification')}
          </button>
        </Form>
      ) : null}
      <p className="account-links">
        <Link to="/account/notifications">{t('preferences.title')}</Link>
      </p>
    </div>
  )
}
