import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { Pager } from '#app/components/ui/pager'
import {
  headlineParams,
  inAppHeadline,
  notificationOpenPath,
} from '#app/domain/notifications/notifications.rules'
import { markAllReadSchema } from '#app/domain/notifications/notifications.schema'
import { listNotifications, markRead } from '#app/domain/notifications/notifications.server'
import { decodePage } from '#app/utils/cursors'
import { readForm, validate } from '#app/utils/forms.server'
import { requireUser } from '#app/utils/http/permissions.server'
import { formatDate, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { listPageHref } from '#app/utils/page-href'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  // Nothing on it changes without a write (a page answered again, decision 041).
  context.unchangedUntil = Number.POSITIVE_INFINITY
  const at = decodePage(Object.fromEntries(new URL(request.url).searchParams), 'int4')
  const page = await listNotifications({ userId: user.id, ...at })
  return { title: getTranslator(request).t('notifications.title'), ...page }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = validate(markAllReadSchema, await readForm(request))
  if (!parsed.ok) throw new Response('Unknown intent', { status: 400 })
  await markRead({ userId: user.id })
  return redirect('/notifications', 303)
}

export default function NotificationsPage() {
  const { notifications, nextCursor, previousCursor, isFirstPage } = useLoaderData<typeof loader>()
  const { t, locale } = useTranslation()
  const pageHref = (cursor: string | null, direction?: 'after' | 'before') =>
    listPageHref('/notifications', {}, cursor, direction)
  const unread = notifications.some((notification) => !notification.readAt)
  return (
    <div className="container narrow">
      <header className="page-header page-header--with-action">
        <h1>{t('notifications.title')}</h1>
        {unread ? (
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value="mark-all-read"
              className="button button--secondary"
            >
              {t('notifications.markAllRead')}
            </button>
          </Form>
        ) : null}
      </header>
      {notifications.length ? (
        <ul className="notification-list">
          {notifications.map((notification) => {
            const payload = notification.payload as Record<string, string | undefined>
            return (
              <li
                key={notification.id}
                className={
                  notification.readAt ? 'notification' : 'notification notification--unread'
                }
              >
                {notification.readAt ? null : (
                  <span className="visually-hidden">{t('notifications.unread')}: </span>
                )}
                {/* Marks it read, then goes on to notification.href. */}
                <Link to={notificationOpenPath(notification.id)}>
                  {t(
                    inAppHeadline(notification),
                    headlineParams(
                      { ...notification, payload },
                      {
                        locale,
                        someone: t('notifications.someone'),
                        formerMember: t('notifications.formerMember'),
                        date: payload.dueAt ? formatDate(locale, payload.dueAt) : '',
                      },
                    ),
                  )}
                </Link>
                <span className="muted"> · {formatDate(locale, notification.createdAt)}</span>
                {notification.excerpt ? (
                  <p className="notification__excerpt">{notification.excerpt}</p>
                ) : null}
              </li>
            )
          })}
        </ul>
      ) : (
        <p className="empty-state">{t('notifications.empty')}</p>
      )}
      <Pager
        pageHref={pageHref}
        previousCursor={previousCursor}
        isFirstPage={isFirstPage}
        nextCursor={nextCursor}
      />
    </div>
  )
}
