import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { Form } from '#app/components/ui/form'
import { endSessionSchema } from '#app/domain/accounts/accounts.schema'
import {
  endOtherSessions,
  endSessionByKey,
  getSessionsPage,
} from '#app/domain/accounts/sessions.server'
import { badRequest, readForm, validate } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { type CurrentUser, getAuth, requireUser } from '#app/utils/http/permissions.server'
import { formatDateTime, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { withNotice } from '#app/utils/notices'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { sessionId } = await getAuth(request)
  return {
    title: getTranslator(request).t('account.nav.sessions'),
    ...(await getSessionsPage({ userId: user.id, currentSessionId: sessionId })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { sessionId } = await getAuth(request)
  const values = await readForm(request)
  return dispatchIntent(values.intent, intents, { user, sessionId, values })
}

type IntentArgs = { user: CurrentUser; sessionId: string | null; values: Record<string, string> }

const intents = {
  async end({ user, sessionId, values }: IntentArgs) {
    const parsed = validate(endSessionSchema, values)
    if (!parsed.ok) return badRequest(parsed.failure)
    const ended = await endSessionByKey({
      userId: user.id,
      key: parsed.data.session,
      currentSessionId: sessionId,
    })
    return redirect(
      withNotice(
        '/account/sessions',
        ended ? 'account.sessions.ended' : 'account.sessions.notFound',
      ),
      303,
    )
  },
  async 'end-others'({ user, sessionId }: IntentArgs) {
    // Every session but this one ends: a request without one (never from the page) is refused.
    if (!sessionId) throw new Response('Unknown intent', { status: 400 })
    await endOtherSessions({ userId: user.id, currentSessionId: sessionId })
    return redirect(withNotice('/account/sessions', 'account.sessions.endedOthers'), 303)
  },
}

export default function AccountSessionsPage() {
  // Times in the site's time zone, named above the table (as the back office names it).
  const { sessions, timeZone } = useLoaderData<typeof loader>()
  const { t, locale } = useTranslation()
  const started = t('account.sessions.started')
  const lastSeen = t('account.sessions.lastSeen')
  return (
    <section aria-labelledby="account-sessions">
      <h2 id="account-sessions">{t('account.nav.sessions')}</h2>
      <p className="lead">{t('account.sessions.intro')}</p>
      <p className="muted">{t('account.sessions.timesIn', { zone: timeZone })}</p>
      <div className="table-scroll">
        <table className="table table--cards sessions-table">
          <caption className="visually-hidden">{t('account.sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.sessions.device')}</th>
              <th scope="col">{started}</th>
              <th scope="col">{lastSeen}</th>
              <th scope="col">{t('account.sessions.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.key}>
                <th scope="row">{session.userAgent ?? t('account.sessions.unknownDevice')}</th>
                <td data-label={started}>{formatDateTime(locale, session.createdAt, timeZone)}</td>
                <td data-label={lastSeen}>
                  {formatDateTime(locale, session.lastSeenAt, timeZone)}
                </td>
                <td>
                  {session.current ? (
                    <span className="badge">{t('account.sessions.current')}</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="session" value={session.key} />
                      <button
                        type="submit"
                        name="intent"
                        value="end"
                        className="button button--secondary button--small"
                        aria-label={t('account.sessions.endLabel', {
                          date: formatDateTime(locale, session.createdAt, timeZone),
                        })}
                      >
                        {t('account.sessions.end')}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sessions.some((session) => !session.current) ? (
        <Form method="post">
          <button type="submit" name="intent" value="end-others" className="button">
            {t('account.sessions.endOthers')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}
