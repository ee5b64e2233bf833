import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { readUnsubscribeToken, unsubscribe } from '#app/domain/notifications/preferences.server'
import { readForm } from '#app/utils/forms.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

/**
 * The page behind the unsubscribe link in every notification email: one button, no sign-in; for a
 * kind of email that cannot be switched off, a clear word and the way to the settings.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = (new URL(request.url).searchParams.get('token') ?? '').slice(0, 500)
  const target = await readUnsubscribeToken(token)
  return {
    title: getTranslator(request).t('unsubscribe.title'),
    token,
    valid: target !== null,
    type: target?.preference ?? null,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request)
  const result = await unsubscribe({ token: (values.token ?? '').slice(0, 500) })
  return { done: result.ok, type: result.ok ? result.preference : null }
}

export default function UnsubscribePage() {
  const { token, valid, type } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>{t('unsubscribe.title')}</h1>
      </header>
      {result?.done ? (
        <p className="notice notice--success" role="status">
          {t('unsubscribe.done', { type: t(`preferences.type.${result.type!}`) })}{' '}
          <Link to="/account/notifications">{t('unsubscribe.manage')}</Link>
        </p>
      ) : type ? (
        <Form method="post" className="card form">
          <input type="hidden" name="token" value={token} />
          <p>{t('unsubscribe.confirm', { type: t(`preferences.type.${type}`) })}</p>
          <button type="submit" className="button">
            {t('unsubscribe.submit')}
          </button>
        </Form>
      ) : valid ? (
        <p className="notice">
          {t('unsubscribe.cannot')}{' '}
          <Link to="/account/notifications">{t('unsubscribe.manage')}</Link>
        </p>
      ) : (
        <p className="notice">{t('unsubscribe.invalid')}</p>
      )}
    </div>
  )
}
