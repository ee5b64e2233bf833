import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { Form } from '#app/components/ui/form'
import {
  chosenPreferences,
  type PreferenceIntent,
  preferenceTypesFor,
} from '#app/domain/notifications/notifications.rules'
import { getPreferences, savePreferences } from '#app/domain/notifications/preferences.server'
import { readFormLists } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { type CurrentUser, requireUser } from '#app/utils/http/permissions.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { withNotice } from '#app/utils/notices'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return {
    title: getTranslator(request).t('preferences.title'),
    types: preferenceTypesFor(user.role),
    preferences: await getPreferences({ userId: user.id }),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { values, lists } = await readFormLists(request)
  return dispatchIntent(values.intent, intents, { user, ticked: new Set(lists.on ?? []) })
}

type IntentArgs = { user: CurrentUser; ticked: ReadonlySet<string> }

/** Saves what the form asks for (`chosenPreferences`), and back to the page saying what was done. */
async function saveChosen(
  intent: PreferenceIntent,
  { user, ticked }: IntentArgs,
  notice: 'preferences.saved' | 'preferences.emailsOffDone',
) {
  const current = await getPreferences({ userId: user.id })
  const preferences = chosenPreferences({ intent, ticked, role: user.role, current })
  await savePreferences({ userId: user.id, preferences })
  return redirect(withNotice('/account/notifications', notice), 303)
}

/** "Save", and "Switch off all emails" (the in-app choices on screen kept). */
const intents = {
  save: (args: IntentArgs) => saveChosen('save', args, 'preferences.saved'),
  emailsOff: (args: IntentArgs) => saveChosen('emailsOff', args, 'preferences.emailsOffDone'),
} satisfies Record<PreferenceIntent, (args: IntentArgs) => Promise<Response>>

export default function NotificationPreferencesPage() {
  const { preferences, types } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section aria-labelledby="account-notifications">
      <h2 id="account-notifications">{t('preferences.title')}</h2>
      <p className="lead">{t('preferences.intro')}</p>
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
            {types.map((type) => (
              <tr key={type}>
                <th scope="row">{t(`preferences.type.${type}`)}</th>
                <td>
                  <input
                    type="checkbox"
                    name="on"
                    value={`${type}:app`}
                    defaultChecked={preferences[type].inApp}
                    aria-label={t('preferences.inAppFor', { type: t(`preferences.type.${type}`) })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    name="on"
                    value={`${type}:email`}
                    defaultChecked={preferences[type].email}
                    aria-label={t('preferences.emailFor', { type: t(`preferences.type.${type}`) })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="form__actions">
          <button type="submit" name="intent" value="save" className="button">
            {t('preferences.save')}
          </button>
          <button
            type="submit"
            name="intent"
            value="emailsOff"
            className="button button--secondary"
          >
            {t('preferences.emailsOff')}
          </button>
        </div>
      </Form>
    </section>
  )
}
