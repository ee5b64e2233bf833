import { Form, Link, useLocation } from '@remix-run/react'
import { useId } from 'react'
import { formatDate, useTranslation } from '#app/utils/i18n/i18n'
import { ReportForm } from './report-form'

export type ThreadComment = {
  id: number
  parentId: number | null
  authorName: string
  createdAt: string | Date
  edited: boolean
  deleted: boolean
  staff: boolean
  mine: boolean
  canEdit: boolean
  body: string
  html: string
}

/** The discussion: top-level comments with one level of replies, and the forms to add to it. */
export function CommentThread({
  ideaPathname,
  comments,
  signedIn,
  submissionKey,
}: {
  ideaPathname: string
  comments: ThreadComment[]
  signedIn: boolean
  submissionKey: string
}) {
  const { t } = useTranslation()
  const location = useLocation()
  const topLevel = comments.filter((comment) => comment.parentId === null)
  const repliesTo = (id: number) => comments.filter((comment) => comment.parentId === id)
  const action = `${ideaPathname}/comments`
  return (
    <>
      {topLevel.length ? (
        <ol className="comment-list">
          {topLevel.map((comment) => (
            <li key={comment.id}>
              <CommentItem comment={comment} action={action} ideaPathname={ideaPathname} signedIn={signedIn} submissionKey={submissionKey} />
              {repliesTo(comment.id).length ? (
                <ol className="comment-list comment-list--replies">
                  {repliesTo(comment.id).map((reply) => (
                    <li key={reply.id}>
                      <CommentItem comment={reply} action={action} ideaPathname={ideaPathname} signedIn={signedIn} />
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
      {signedIn ? (
        <CommentForm action={action} submissionKey={submissionKey} label={t('comments.form.label')} submit={t('comments.form.submit')} />
      ) : (
        <p className="card sign-in-prompt">
          <Link to={`/login?${new URLSearchParams({ redirectTo: `${location.pathname}#discussion-title` })}`}>{t('comments.signInToComment')}</Link>
        </p>
      )}
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
  return (
    <article className={`comment${comment.staff ? ' comment--staff' : ''}`} id={`comment-${comment.id}`}>
      <p className="comment__meta">
        <strong>{comment.deleted ? '—' : comment.authorName}</strong>
        {comment.staff && !comment.deleted ? <span className="badge">{t('ideas.staffBadge')}</span> : null}
        <span className="muted">
          {' '}
          · {formatDate(locale, comment.createdAt)} {comment.edited ? t('comments.edited') : null}
        </span>
      </p>
      {comment.deleted ? (
        <p className="muted">{t('ideas.deletedComment')}</p>
      ) : (
        <div className="prose" dangerouslySetInnerHTML={{ __html: comment.html }} />
      )}
      {signedIn && !comment.deleted ? (
        <div className="comment__actions">
          {submissionKey ? (
            <details className="disclosure">
              <summary>{t('comments.reply')}</summary>
              <CommentForm
                action={action}
                parentId={comment.id}
                submissionKey={`${submissionKey}-r${comment.id}`}
                label={t('comments.form.replyLabel')}
                submit={t('comments.form.replySubmit')}
              />
            </details>
          ) : null}
          {comment.canEdit ? (
            <details className="disclosure">
              <summary>{t('comments.edit')}</summary>
              <Form method="post" action={action} className="disclosure__panel form form--compact">
                <input type="hidden" name="commentId" value={comment.id} />
                <TextArea label={t('comments.editLabel')} defaultValue={comment.body} />
                <button type="submit" name="intent" value="edit" className="button button--small">
                  {t('comments.save')}
                </button>
              </Form>
            </details>
          ) : null}
          {comment.mine ? (
            <Form method="post" action={action}>
              <input type="hidden" name="commentId" value={comment.id} />
              <button type="submit" name="intent" value="delete" className="link-button">
                {t('comments.delete')}
              </button>
            </Form>
          ) : (
            <ReportForm action={`${ideaPathname}/report`} commentId={comment.id} label={t('reports.reportComment')} />
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
  return (
    // Keyed by the submission key: after a post the page gets a new key and the form starts empty.
    <Form key={submissionKey} method="post" action={action} className="form form--compact comment-form">
      <input type="hidden" name="intent" value="post" />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <TextArea label={label} />
      <button type="submit" className="button button--small">
        {submit}
      </button>
    </Form>
  )
}

function TextArea({ label, defaultValue }: { label: string; defaultValue?: string }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field__hint">
        {t('comments.form.hint')}
      </p>
      <textarea id={id} name="body" rows={3} maxLength={5000} required defaultValue={defaultValue} aria-describedby={`${id}-hint`} />
    </div>
  )
}
