import { Form, Link, useActionData, useLocation } from '@remix-run/react'
import { useId } from 'react'

import { describedBy } from '#app/components/ui/field'
import { FormError } from '#app/components/ui/form-error'
import { OnDemandDisclosure } from '#app/components/ui/on-demand-disclosure'
import { ShownName } from '#app/components/ui/person-name'
import { channelIcons } from '#app/domain/channels/channels'
import { COMMENT_EDIT_MINUTES } from '#app/domain/comments/comments.rules'
import type { DiscussionState } from '#app/domain/discussion/discussion.rules'
import { formatDate, isMessageKey, useTranslation } from '#app/utils/i18n/i18n'

import { ReportForm } from './report-form'

/** What a refused comment or report post sends back: which form, its errors, what was typed. */
export type IdeaFormResult = {
  form: string
  fieldErrors: Partial<Record<string, string[]>>
  formError?: string
  values: Record<string, string>
}

/**
 * The forms of one comment this viewer gets: one home for what CommentItem renders and for which
 * refusals the page must show above (`refusalNotAtItsForm`).
 */
function commentForms(
  comment: ThreadComment,
  { signedIn, canReply }: { signedIn: boolean; canReply: boolean },
) {
  const open = signedIn && !comment.deleted
  return {
    reply: open && canReply,
    edit: open && comment.canEdit,
    delete: open && comment.mine,
    report: open && !comment.mine && !comment.reportedByViewer,
  }
}

/**
 * The forms the idea page shows this viewer (named as `IdeaFormResult.form`), each with the fields
 * that show their own errors.
 */
export function ideaPageForms({
  comments,
  signedIn,
  discussion,
  reportIdea,
}: {
  comments: ThreadComment[]
  signedIn: boolean
  discussion: DiscussionState
  /** The idea's own report form is on the page (ideas.rules: mayReportIdea, not reported yet). */
  reportIdea: boolean
}) {
  const forms = new Map<string, readonly string[]>()
  const text = ['body'] as const
  const report = ['reason', 'note'] as const
  if (discussion === 'open') forms.set('comment', text)
  if (reportIdea) forms.set('report-idea', report)
  for (const comment of comments) {
    const shown = commentForms(comment, {
      signedIn,
      canReply: discussion === 'open' && comment.parentId === null,
    })
    if (shown.reply) forms.set(`reply-${comment.id}`, text)
    if (shown.edit) forms.set(`edit-${comment.id}`, text)
    if (shown.delete) forms.set(`delete-${comment.id}`, [])
    if (shown.report) forms.set(`report-${comment.id}`, report)
  }
  return forms
}

/**
 * What a refused post says that its form cannot: all of it when the page does not show that form to
 * this person (someone else's comment to edit, a comment id that is no number), or the errors of
 * fields the form does not show (which comment, the confirmation). Undefined: the form says it all.
 */
function refusalNotAtItsForm(
  result: IdeaFormResult,
  forms: ReadonlyMap<string, readonly string[]>,
): string | undefined {
  const fields = forms.get(result.form)
  const unshown = Object.entries(result.fieldErrors)
    .filter(([field]) => !fields?.includes(field))
    .flatMap(([, messages]) => messages ?? [])
  const unshownMessage = unshown.length
    ? (unshown.find((message) => isMessageKey(message)) ?? 'error.badRequestText')
    : undefined
  if (!fields) return result.formError ?? unshownMessage ?? 'error.badRequestText'
  return result.formError ? undefined : unshownMessage
}

/** A refused post's message that its form does not show (`refusalNotAtItsForm`), above the page. */
export function RefusalNotAtItsForm({ forms }: { forms: ReadonlyMap<string, readonly string[]> }) {
  const result = useActionData<IdeaFormResult>()
  return <FormError message={result ? refusalNotAtItsForm(result, forms) : undefined} />
}

export type ThreadComment = {
  id: number
  parentId: number | null
  authorName: string
  createdAt: string | Date
  edited: boolean
  deleted: boolean
  /** Hidden by a moderator (shown like a deleted comment, with its own words). */
  hidden?: boolean
  /** The viewer already reported it: no second report form. */
  reportedByViewer?: boolean
  staff: boolean
  mine: boolean
  canEdit: boolean
  body: string
  html: string
  /** The language the comment is written in (null: the interface's). */
  language?: string | null
  /** Where it was written: the web, or `email` (a reply to a notification email). */
  channel?: string
}

/** The discussion: top-level comments with one level of replies, and the forms to add to it. */
export function CommentThread({
  ideaPathname,
  comments,
  signedIn,
  discussion,
  submissionKey,
}: {
  ideaPathname: string
  comments: ThreadComment[]
  signedIn: boolean
  /** Whether this viewer may add to the discussion, and if not why (ideas.rules: ideaPageView). */
  discussion: DiscussionState
  submissionKey: string
}) {
  const { t } = useTranslation()
  const location = useLocation()
  const topLevel = comments.filter((comment) => comment.parentId === null)
  const repliesTo = (id: number) => comments.filter((comment) => comment.parentId === id)
  // Comments post to the idea page itself: a refusal renders the page with the errors at the form.
  const action = ideaPathname
  return (
    <>
      {topLevel.length ? (
        <ol className="comment-list">
          {topLevel.map((comment) => (
            <li key={comment.id}>
              <CommentItem
                comment={comment}
                action={action}
                ideaPathname={ideaPathname}
                signedIn={signedIn}
                submissionKey={discussion === 'open' ? submissionKey : undefined}
              />
              {repliesTo(comment.id).length ? (
                <ol className="comment-list comment-list--replies">
                  {repliesTo(comment.id).map((reply) => (
                    <li key={reply.id}>
                      <CommentItem
                        comment={reply}
                        action={action}
                        ideaPathname={ideaPathname}
                        signedIn={signedIn}
                      />
                    </li>
                  ))}
                </ol>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty-state">{t('ideas.noComments')}</p>
      )}
      {discussion === 'open' ? (
        <CommentForm
          action={action}
          submissionKey={submissionKey}
          label={t('comments.form.label')}
          submit={t('comments.form.submit')}
        />
      ) : discussion === 'signIn' ? (
        <p className="card sign-in-prompt">
          <Link
            to={`/login?${new URLSearchParams({ redirectTo: `${location.pathname}#discussion-title` })}`}
          >
            {t('comments.signInToComment')}
          </Link>
        </p>
      ) : discussion === 'withdrawn' ? (
        <p className="muted">{t('comments.closedWithdrawn')}</p>
      ) : discussion === 'notPublic' ? (
        <p className="muted">{t('comments.closedNotPublic')}</p>
      ) : null}
    </>
  )
}

function CommentItem({
  comment,
  action,
  ideaPathname,
  signedIn,
  submissionKey,
}: {
  comment: ThreadComment
  action: string
  ideaPathname: string
  signedIn: boolean
  /** Only top-level comments can be replied to. */
  submissionKey?: string
}) {
  const { t, locale } = useTranslation()
  const failedForm = useActionData<IdeaFormResult>()?.form
  const pageKey = useLocation().key
  const forms = commentForms(comment, { signedIn, canReply: Boolean(submissionKey) })
  return (
    <article
      className={`comment${comment.staff ? ' comment--staff' : ''}`}
      id={`comment-${comment.id}`}
    >
      <p className="comment__meta">
        <strong>{comment.deleted ? '—' : <ShownName displayName={comment.authorName} />}</strong>
        {comment.staff && !comment.deleted ? (
          <span className="badge">{t('ideas.staffBadge')}</span>
        ) : null}
        <span className="muted">
          {' '}
          · {formatDate(locale, comment.createdAt)} {comment.edited ? t('comments.edited') : null}
        </span>
        {comment.channel && comment.channel !== 'web' && !comment.deleted ? (
          <span className="channel-mark muted">
            {' '}
            · <span aria-hidden="true">{channelIcons[comment.channel] ?? '•'}</span>{' '}
            {comment.channel === 'email'
              ? t('comments.viaEmail')
              : t(`channel.${comment.channel as 'web'}`)}
          </span>
        ) : null}
      </p>
      {comment.deleted ? (
        <p className="muted">
          {comment.hidden ? t('ideas.hiddenComment') : t('ideas.deletedComment')}
        </p>
      ) : (
        <div
          className="prose"
          lang={comment.language ?? undefined}
          dangerouslySetInnerHTML={{ __html: comment.html }}
        />
      )}
      {signedIn && !comment.deleted ? (
        <div className="comment__actions">
          {forms.reply && submissionKey ? (
            <OnDemandDisclosure
              name={`reply-${comment.id}`}
              label={t('comments.reply')}
              anchor={`comment-${comment.id}`}
              open={failedForm === `reply-${comment.id}`}
            >
              {() => (
                <CommentForm
                  action={action}
                  parentId={comment.id}
                  submissionKey={`${submissionKey}-r${comment.id}`}
                  label={t('comments.form.replyLabel')}
                  submit={t('comments.form.replySubmit')}
                />
              )}
            </OnDemandDisclosure>
          ) : null}
          {forms.edit ? (
            // A new element after each page change: a saved edit (answered with a redirect) closes
            // the form, also when the text did not change; a refused one stays open, with why.
            <details
              key={pageKey}
              className="disclosure"
              open={failedForm === `edit-${comment.id}` || undefined}
            >
              <summary>{t('comments.edit')}</summary>
              <Form method="post" action={action} className="disclosure__panel form form--compact">
                <input type="hidden" name="commentId" value={comment.id} />
                <FormResult form={`edit-${comment.id}`} />
                <TextArea
                  label={t('comments.editLabel')}
                  defaultValue={comment.body}
                  form={`edit-${comment.id}`}
                  hint={t('comments.editWindow', { minutes: COMMENT_EDIT_MINUTES })}
                />
                <button type="submit" name="intent" value="edit" className="button button--small">
                  {t('comments.save')}
                </button>
              </Form>
            </details>
          ) : null}
          {forms.delete ? (
            // Deleting asks first, with or without JavaScript: the button only opens the question.
            <details
              className="disclosure"
              open={failedForm === `delete-${comment.id}` || undefined}
            >
              <summary>{t('comments.delete')}</summary>
              <Form method="post" action={action} className="disclosure__panel form form--compact">
                <FormResult form={`delete-${comment.id}`} />
                <p>{t('comments.deleteQuestion')}</p>
                <input type="hidden" name="commentId" value={comment.id} />
                <input type="hidden" name="confirm" value="yes" />
                <button
                  type="submit"
                  name="intent"
                  value="delete"
                  className="button button--small button--danger"
                >
                  {t('comments.deleteConfirm')}
                </button>
              </Form>
            </details>
          ) : (
            <ReportForm
              action={ideaPathname}
              commentId={comment.id}
              label={t('reports.reportComment')}
              anchor={`comment-${comment.id}`}
              alreadyReported={comment.reportedByViewer}
            />
          )}
        </div>
      ) : null}
    </article>
  )
}

function CommentForm({
  action,
  parentId,
  submissionKey,
  label,
  submit,
}: {
  action: string
  parentId?: number
  submissionKey: string
  label: string
  submit: string
}) {
  const formId = parentId ? `reply-${parentId}` : 'comment'
  return (
    // Keyed by the submission key: after a post the page gets a new key and the form starts empty.
    <Form
      key={submissionKey}
      method="post"
      action={action}
      className="form form--compact comment-form"
    >
      <input type="hidden" name="intent" value="post" />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <FormResult form={formId} />
      <TextArea label={label} form={formId} />
      <button type="submit" className="button button--small">
        {submit}
      </button>
    </Form>
  )
}

function TextArea({
  label,
  defaultValue,
  form,
  hint,
}: {
  label: string
  defaultValue?: string
  form: string
  /** Said after the usual hint (how long an edit is possible). */
  hint?: string
}) {
  const { t } = useTranslation()
  const id = useId()
  const result = useActionData<IdeaFormResult>()
  const mine = result?.form === form ? result : undefined
  const errors = mine?.fieldErrors.body ?? []
  return (
    <div className={`field${errors.length ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field__hint">
        {t('comments.form.hint')}
        {hint ? ` ${hint}` : null}
      </p>
      <textarea
        id={id}
        name="body"
        rows={3}
        maxLength={5000}
        required
        defaultValue={mine?.values.body ?? defaultValue}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, errors.length > 0 && `${id}-error`)}
        autoFocus={errors.length ? true : undefined}
      />
      {errors.length ? (
        <ul id={`${id}-error`} className="field__errors">
          {errors.map((error) => (
            <li key={error}>{isMessageKey(error) ? t(error) : t('validation.invalid')}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/** The form-level message (rate limit, idea gone) when this form's post was refused. */
function FormResult({ form }: { form: string }) {
  const result = useActionData<IdeaFormResult>()
  return result?.form === form ? <FormError message={result.formError} /> : null
}
