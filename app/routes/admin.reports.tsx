import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { FormError } from '#app/components/ui/field'
import { shownName } from '#app/components/ui/person-name'
import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { hideReportedSchema, reportedItemSchema } from '#app/domain/moderation/moderation.schema'
import {
  dismissReports,
  hideContent,
  listHiddenComments,
  listReportQueue,
  restoreContent,
} from '#app/domain/moderation/moderation.server'
import { type FormFailure, publicValues, readForm, validate } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { type CurrentUser, requireRole } from '#app/utils/http/permissions.server'
import { formatDate, isMessageKey, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { markdownToText } from '#app/utils/markdown.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, backOfficeRoles)
  const [queue, hidden] = await Promise.all([listReportQueue(), listHiddenComments({ limit: 20 })])
  return {
    title: getTranslator(request).t('admin.reports.title'),
    queue: queue.map(({ text, ...item }) => ({ ...item, excerpt: markdownToText(text, 300) })),
    hidden: hidden.map(({ body, ...comment }) => ({
      ...comment,
      excerpt: markdownToText(body, 200),
    })),
  }
}

type Failure = FormFailure & { target: string }

/** Each item's buttons post its intent; each intent is one command, an unknown one answers 400 beside the item. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, backOfficeRoles)
  const values = await readForm(request)
  const answer = { target: values.targetId ?? '', values: publicValues(values) }
  const result = await dispatchIntent(values.intent, intents, { user, values }, () => badRequest)
  if ('fieldErrors' in result) return data<Failure>({ ...answer, ...result }, { status: 400 })
  if (!result.ok)
    return data<Failure>(
      { ...answer, fieldErrors: {}, formError: 'admin.actionFailed' },
      { status: 409 },
    )
  return redirect('/admin/reports', 303)
}

/** A button the page does not have: nothing a person could correct. */
const badRequest = { fieldErrors: {}, formError: 'error.badRequestText' }

type IntentArgs = { user: CurrentUser; values: Record<string, string> }

const intents = {
  async dismiss({ user, values }: IntentArgs) {
    const parsed = validate(reportedItemSchema, values)
    return parsed.ok ? dismissReports({ actor: user, ...parsed.data }) : parsed.failure
  },
  async restore({ user, values }: IntentArgs) {
    const parsed = validate(reportedItemSchema, values)
    return parsed.ok ? restoreContent({ actor: user, ...parsed.data }) : parsed.failure
  },
  async hide({ user, values }: IntentArgs) {
    const parsed = validate(hideReportedSchema, values)
    return parsed.ok ? hideContent({ actor: user, ...parsed.data }) : parsed.failure
  },
}

export default function ReportsPage() {
  const { queue, hidden } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, locale } = useTranslation()
  return (
    <>
      <header className="page-header">
        <h1>{t('admin.reports.title')}</h1>
        <p className="lead">{t('admin.reports.intro')}</p>
      </header>
      {queue.length ? (
        <ul className="report-queue">
          {queue.map((item) => {
            const key = `${item.kind}-${item.targetId}`
            const failed = result && result.target === String(item.targetId) ? result : undefined
            const reasonError = failed?.fieldErrors.reason?.[0]
            return (
              <li key={key} className="card">
                <h2 className="report-queue__title">
                  {item.kind === 'comment' ? t('admin.reports.comment') : t('admin.reports.idea')}:{' '}
                  <Link
                    to={
                      item.kind === 'comment'
                        ? `${ideaPath({ id: item.ideaId, slug: item.ideaSlug })}#comment-${item.targetId}`
                        : `/admin/ideas/${item.ideaId}`
                    }
                  >
                    {item.ideaTitle}
                  </Link>
                </h2>
                <p className="muted">
                  {t('admin.reports.count', { count: item.reports })} ·{' '}
                  {item.reasons.map((reason) => t(`reports.reason.${reason as 'spam'}`)).join(', ')}{' '}
                  · {t('admin.reports.since', { date: formatDate(locale, item.firstAt) })} ·{' '}
                  {shownName(t, item.authorName)}
                  {item.hidden ? ` · ${t('admin.hidden')}` : ''}
                </p>
                <blockquote className="report-queue__text">{item.excerpt}</blockquote>
                {item.notes ? <p className="muted">“{item.notes}”</p> : null}
                <FormError message={failed?.formError} />
                <div className="report-queue__actions">
                  <Form method="post">
                    <input type="hidden" name="kind" value={item.kind} />
                    <input type="hidden" name="targetId" value={item.targetId} />
                    <button
                      type="submit"
                      name="intent"
                      value="dismiss"
                      className="button button--small button--secondary"
                    >
                      {t('admin.reports.dismiss')}
                    </button>
                  </Form>
                  <Form method="post" className="report-queue__hide" noValidate>
                    <input type="hidden" name="kind" value={item.kind} />
                    <input type="hidden" name="targetId" value={item.targetId} />
                    <div className={`field${reasonError ? ' field--invalid' : ''}`}>
                      <label htmlFor={`reason-${key}`}>{t('admin.hideReason')}</label>
                      <input
                        id={`reason-${key}`}
                        name="reason"
                        maxLength={500}
                        aria-invalid={reasonError ? true : undefined}
                        aria-describedby={reasonError ? `reason-${key}-error` : undefined}
                      />
                      {reasonError ? (
                        <p className="field__errors" id={`reason-${key}-error`}>
                          {isMessageKey(reasonError) ? t(reasonError) : t('validation.invalid')}
                        </p>
                      ) : null}
                    </div>
                    <button
                      type="submit"
                      name="intent"
                      value="hide"
                      className="button button--small button--danger"
                    >
                      {t('admin.hide')}
                    </button>
                  </Form>
                </div>
              </li>
            )
          })}
        </ul>
      ) : (
        <p className="empty-state">{t('admin.reports.empty')}</p>
      )}
      <section className="admin-section" aria-labelledby="hidden-title">
        <h2 id="hidden-title">{t('admin.reports.hiddenComments')}</h2>
        {hidden.length ? (
          <ul className="plain-list">
            {hidden.map((comment) => (
              <li key={comment.id}>
                <Link
                  to={`${ideaPath({ id: comment.ideaId, slug: comment.ideaSlug })}#comment-${comment.id}`}
                >
                  {comment.ideaTitle}
                </Link>
                : “{comment.excerpt}”{' '}
                <span className="muted">
                  {t('admin.reports.hiddenBecause', { reason: comment.hiddenReason ?? '' })} ·{' '}
                  {formatDate(locale, comment.hiddenAt!)}
                </span>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="kind" value="comment" />
                  <input type="hidden" name="targetId" value={comment.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="restore"
                    className="button button--small button--secondary"
                  >
                    {t('admin.restore')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('admin.reports.noHidden')}</p>
        )}
      </section>
    </>
  )
}
