import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { getAuth } from '#app/utils/http/permissions.server'
import { blankSessionCookie, endSession } from '#app/domain/accounts/sessions.server'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const { sessionId } = await getAuth(request)
  const cookie = sessionId ? await endSession(sessionId) : blankSessionCookie()
  return redirect('/', { headers: { 'Set-Cookie': cookie } })
}
