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
import { reportActionSchema } from '#app/domain/moderation/moderation.schema'
import {
  dismissReports,
  hideContent,
  listHiddenComments,
  listReportQueue,
  restoreContent,
} from '#app/domain/moderation/moderation.server'
import { type FormFailure, readForm, validate } from '#app/utils/forms.server'
import { requireRole } from '#app/utils/http/permissions.server'
import { formatDate, isMessageKey, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { markdownToText } from '#app/utils/markdown.server'
import { pageTitle } from '#app/utils/page-title'

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

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, backOfficeRoles)
  const values = await readForm(request)
  const parsed = validate(reportActionSchema, values)
  if (!parsed.ok)
    return data<Failure>({ target: values.targetId ?? '', ...parsed.failure }, { status: 400 })
  const { kind, targetId } = parsed.data
  const target = kind === 'comment' ? { commentId: targetId } : { ideaId: targetId }
  const result =
    parsed.data.intent === 'dismiss'
      ? await dismissReports({ actor: user, target })
      : parsed.data.intent === 'restore'
        ? await restoreContent({ actor: user, target })
        : await hideContent({ actor: user, target, reason: parsed.data.reason })
  if (!result.ok)
    return data<Failure>(
      { target: String(targetId), fieldErrors: {}, formError: 'admin.actionFailed', values },
      { status: 409 },
    )
  return redirect('/admin/reports', 303)
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
