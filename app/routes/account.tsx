import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { findUserById } from '#app/domain/accounts/accounts.server'
import { requireUser } from '#app/domain/accounts/permissions.server'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { formatDate, useTranslation } from '#app/utils/i18n/i18n'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

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
    },
  }
}

export default function AccountPage() {
  const { account } = useLoaderData<typeof loader>()
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
        <dd>{account.email}</dd>
        <dt>{t('account.handle')}</dt>
        <dd>@{account.handle}</dd>
        <dt>{t('account.role')}</dt>
        <dd>{t(`role.${account.role}`)}</dd>
        <dt>{t('account.language')}</dt>
        <dd>{t(`language.${account.locale}`)}</dd>
        <dt>{t('account.memberSince')}</dt>
        <dd>{formatDate(locale, account.createdAt, 'long')}</dd>
      </dl>
    </div>
  )
}
