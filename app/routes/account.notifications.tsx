import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireUser } from '#app/domain/accounts/permissions.server'
import { preferenceTypes } from '#app/domain/mail/mail.rules'
import { getPreferences, savePreferences, type Preferences } from '#app/domain/notifications/preferences.server'
import { readFormLists } from '#app/utils/forms.server'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { pageTitle } from '#app/utils/page-title'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, data?.title) }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { title: getTranslator(request).t('preferences.title'), preferences: await getPreferences({ userId: user.id }) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { lists } = await readFormLists(request)
  // Checkboxes: what is ticked arrives, what is not does not.
  const ticked = new Set(lists.on ?? [])
  const preferences = Object.fromEntries(
    preferenceTypes.map((type) => [type, { inApp: ticked.has(`${type}:app`), email: ticked.has(`${type}:email`) }]),
  ) as Preferences
  await savePreferences({ userId: user.id, preferences })
  return redirect('/account/notifications?saved=1', 303)
}

export default function NotificationPreferencesPage() {
  const { preferences } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t } = useTranslation()
  return (
    <div className="container narrow">
      <header className="page-header">
        <p className="muted">
          <Link to="/account">← {t('nav.account')}</Link>
        </p>
        <h1>{t('preferences.title')}</h1>
        <p className="lead">{t('preferences.intro')}</p>
      </header>
      {params.get('saved') ? (
        <p className="notice notice--success" role="status">
          {t('preferences.saved')}
        </p>
      ) : null}
      <Form method="post" className="card form">
        <table className="table">
          <caption className="visually-hidden">{t('preferences.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('preferences.event')}</th>
              <th scope="col">{t('preferences.inApp')}</th>
              <th scope="col">{t('preferences.email')}</th>
            </tr>
          </thead>
          <tbody>
            {preferenceTypes.map((type) => (
              <tr key={type}>
                <th scope="row">{t(`preferences.type.${type}`)}</th>
                <td>
                  <input type="checkbox" name="on" value={`${type}:app`} defaultChecked={preferences[type].inApp} aria-label={t('preferences.inAppFor', { type: t(`preferences.type.${type}`) })} />
                </td>
                <td>
                  <input type="checkbox" name="on" value={`${type}:email`} defaultChecked={preferences[type].email} aria-label={t('preferences.emailFor', { type: t(`preferences.type.${type}`) })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" className="button">
          {t('preferences.save')}
        </button>
      </Form>
    </div>
  )
}
