import { type ActionFunctionArgs, redirect } from '@remix-run/node'

import { safeRedirectPath } from '#app/domain/accounts/accounts.rules'
import { setUserLocale } from '#app/domain/accounts/accounts.server'
import { readForm } from '#app/utils/forms.server'
import { getOptionalUser } from '#app/utils/http/permissions.server'
import { isLocale } from '#app/utils/i18n/i18n'
import { localeCookie } from '#app/utils/i18n/i18n.server'
import { withNotice } from '#app/utils/notices'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request)
  // Not one of the switcher's buttons: back to the page, saying so, with the language unchanged.
  if (!isLocale(values.locale))
    return redirect(withNotice(safeRedirectPath(values.redirectTo), 'error.formNotUnderstood'), 303)
  const user = await getOptionalUser(request)
  // Signed-in people also keep it on their account, so emails reach them in the same language.
  if (user) await setUserLocale({ userId: user.id, locale: values.locale })
  return redirect(safeRedirectPath(values.redirectTo), {
    headers: { 'Set-Cookie': localeCookie(values.locale) },
  })
}
