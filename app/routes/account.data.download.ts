import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node'

import { exportPersonalData } from '#app/domain/privacy/personal-data.server'
import { readForm } from '#app/utils/forms.server'
import { foundOr404, requireUser } from '#app/utils/http/permissions.server'
import { withNotice } from '#app/utils/notices'

// "Download my data": everything kept about the person as a JSON attachment. A resource route (no
// page), so the file reaches the browser as it is; a POST, so no link or prefetch can start it.
/** Opened as a page (a bookmark, a crawler): the page with the download button. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  return redirect('/account/data')
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const values = await readForm(request)
  // Not the page's button: back to the page, saying so.
  if (values.intent !== 'download')
    return redirect(withNotice('/account/data', 'error.formNotUnderstood'), 303)
  const personalData = foundOr404(await exportPersonalData({ userId: user.id }))
  const day = personalData.exportedAt.slice(0, 10)
  return new Response(JSON.stringify(personalData, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="ideabox-data-${personalData.profile.handle}-${day}.json"`,
      'Cache-Control': 'no-store',
    },
  })
}
