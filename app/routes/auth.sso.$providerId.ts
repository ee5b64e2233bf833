// "Continue with <provider>": a POST from the sign-in page (CSRF-checked like every form) that
// sends the browser to the provider with the flow's checks remembered in a signed cookie.
import { type ActionFunctionArgs, redirect } from '@remix-run/node'

import { findSsoProvider, startSsoSignIn } from '#app/domain/sso/sso-flow.server'
import { readForm } from '#app/utils/forms.server'
import { requireAnonymous } from '#app/utils/http/permissions.server'

export async function loader() {
  return redirect('/login')
}

export async function action({ request, params }: ActionFunctionArgs) {
  const values = await readForm(request)
  await requireAnonymous(request, '/')
  const provider = findSsoProvider(params.providerId)
  const failure = (reason: string) =>
    redirect(
      `/auth/sso/${params.providerId ?? '-'}/callback?${new URLSearchParams({ failed: reason })}`,
      303,
    )
  if (!provider) return failure('unknownProvider')
  const started = await startSsoSignIn({ provider, redirectTo: values.redirectTo ?? null })
  if (!started.ok) return failure(started.reason)
  return redirect(started.url, { status: 303, headers: { 'Set-Cookie': started.cookie } })
}
