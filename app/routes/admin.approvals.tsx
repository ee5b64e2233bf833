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
import { heldIdeaSchema, rejectHeldIdeaSchema } from '#app/domain/moderation/moderation.schema'
import { decideHeldIdea, listHeldIdeas } from '#app/domain/moderation/moderation.server'
import { approvalReasonLabel } from '#app/domain/spam/hold-labels'
import { type FormFailure, publicValues, readForm, validate } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { type CurrentUser, requireRole } from '#app/utils/http/permissions.server'
import { formatDate, isMessageKey, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { markdownToText } from '#app/utils/markdown.server'
import { withNotice } from '#app/utils/notices'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, backOfficeRoles)
  const held = await listHeldIdeas()
  return {
    title: getTranslator(request).t('admin.approvals.title'),
    held: held.map(({ description, ...idea }) => ({
      ...idea,
      excerpt: markdownToText(description, 400),
    })),
  }
}

type Failure = FormFailure & { ideaId: string }

/** Each held idea's buttons post its intent; an unknown one answers 400 beside the idea. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, backOfficeRoles)
  const values = await readForm(request)
  const answer = { ideaId: values.ideaId ?? '', values: publicValues(values) }
  const result = await dispatchIntent(values.intent, intents, { user, values }, () => badRequest)
  if ('fieldErrors' in result) return data<Failure>({ ...answer, ...result }, { status: 400 })
  if (!result.ok)
    return data<Failure>(
      { ...answer, fieldErrors: {}, formError: 'admin.actionFailed' },
      { status: 409 },
    )
  return redirect(
    withNotice(
      '/admin/approvals',
      values.intent === 'approve' ? 'admin.approvals.approved' : 'admin.approvals.rejected',
    ),
    303,
  )
}

/** A button the page does not have: nothing a person could correct. */
const badRequest = { fieldErrors: {}, formError: 'error.badRequestText' }

type IntentArgs = { user: CurrentUser; values: Record<string, string> }

const intents = {
  async approve({ user, values }: IntentArgs) {
    const parsed = validate(heldIdeaSchema, values)
    return parsed.ok
      ? decideHeldIdea({ actor: user, ideaId: parsed.data.ideaId, approve: true })
      : parsed.failure
  },
  async reject({ user, values }: IntentArgs) {
    const parsed = validate(rejectHeldIdeaSchema, values)
    return parsed.ok
      ? decideHeldIdea({ actor: user, ...parsed.data, approve: false })
      : parsed.failure
  },
}

export default function ApprovalsPage() {
  const { held } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, locale } = useTranslation()
  return (
    <>
      <header className="page-header">
        <h1>{t('admin.approvals.title')}</h1>
        <p className="lead">{t('admin.approvals.intro')}</p>
      </header>
      {held.length ? (
        <ul className="report-queue">
          {held.map((idea) => {
            const failed = result && result.ideaId === String(idea.id) ? result : undefined
            const reasonError = failed?.fieldErrors.reason?.[0]
            return (
              <li key={idea.id} className="card">
                <h2 className="report-queue__title">
                  <Link to={`/admin/ideas/${idea.id}`}>{idea.title}</Link>
                </h2>
                <p className="muted">
                  {shownName(t, idea.authorName)} (
                  {t('profile.memberSince', { date: formatDate(locale, idea.authorSince) })}) ·{' '}
                  {formatDate(locale, idea.heldAt!)} ·{' '}
                  {t('admin.heldBecause', { reason: approvalReasonLabel(t, idea.heldReason) })}
                </p>
                <blockquote className="report-queue__text">{idea.excerpt}</blockquote>
                <FormError message={failed?.formError} />
                <div className="report-queue__actions">
                  <Form method="post">
                    <input type="hidden" name="ideaId" value={idea.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="approve"
                      className="button button--small"
                    >
                      {t('admin.approve')}
                    </button>
                  </Form>
                  <Form method="post" className="report-queue__hide" noValidate>
                    <input type="hidden" name="ideaId" value={idea.id} />
                    <div className={`field${reasonError ? ' field--invalid' : ''}`}>
                      <label htmlFor={`reject-${idea.id}`}>{t('admin.rejectReason')}</label>
                      <input
                        id={`reject-${idea.id}`}
                        name="reason"
                        maxLength={500}
                        aria-invalid={reasonError ? true : undefined}
                        aria-describedby={reasonError ? `reject-${idea.id}-error` : undefined}
                      />
                      {reasonError ? (
                        <p className="field__errors" id={`reject-${idea.id}-error`}>
                          {isMessageKey(reasonError) ? t(reasonError) : t('validation.invalid')}
                        </p>
                      ) : null}
                    </div>
                    <button
                      type="submit"
                      name="intent"
                      value="reject"
                      className="button button--small button--danger"
                    >
                      {t('admin.reject')}
                    </button>
                  </Form>
                </div>
              </li>
            )
          })}
        </ul>
      ) : (
        <p className="empty-state">{t('admin.approvals.empty')}</p>
      )}
    </>
  )
}
