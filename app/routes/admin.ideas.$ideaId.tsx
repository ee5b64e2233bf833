import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { type ReactNode, useEffect, useRef } from 'react'

import { StatusChangeFields } from '#app/components/admin/status-change-fields'
import { AuditChanges } from '#app/components/audit/audit-changes'
import { StatusBadge } from '#app/components/ideas/status-badge'
import { describedBy } from '#app/components/ui/field'
import { Pager } from '#app/components/ui/pager'
import { ByPerson, ShownName, shownName } from '#app/components/ui/person-name'
import { SearchShortenedNote, useSearchShortened } from '#app/components/ui/search-shortened-note'
import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import { ideaKinds, ideaPath } from '#app/domain/ideas/ideas.rules'
import { getIdea } from '#app/domain/ideas/ideas.server'
import { mergeIdeas } from '#app/domain/ideas/merging.server'
import { changeStatus, postOfficialResponse } from '#app/domain/ideas/responses.server'
import {
  correctIdea,
  decideHeldIdea,
  hideContent,
  restoreContent,
  setCommentsLocked,
} from '#app/domain/moderation/moderation.server'
import { approvalReasonLabel } from '#app/domain/spam/hold-labels'
import { getBackOfficeIdeaPage } from '#app/domain/triage/idea-page.server'
import { mentionedHandles, mentionNotices } from '#app/domain/triage/triage.rules'
import {
  assignSchema,
  commentTargetSchema,
  correctionSchema,
  hideCommentSchema,
  mergeSchema,
  mergeSearchSchema,
  noteSchema,
  officialResponseSchema,
  reasonSchema,
  statusChangeSchema,
  tagChoiceSchema,
} from '#app/domain/triage/triage.schema'
import { addInternalNote, assignIdeas, setTag } from '#app/domain/triage/triage.server'
import { decodePage } from '#app/utils/cursors'
import { publicValues, readForm, validate } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { type CurrentUser, foundOr404, requireRole } from '#app/utils/http/permissions.server'
import { mergeRefusals, refusalErrors, statusChangeRefusals } from '#app/utils/http/refusals'
import { formatDate, inLocale, isMessageKey, localName, useTranslation } from '#app/utils/i18n/i18n'
import { getLocale } from '#app/utils/i18n/i18n.server'
import { renderMarkdown } from '#app/utils/markdown.server'
import { pageTitle } from '#app/utils/page-title'
import { idField } from '#app/utils/schemas'
import { doneFromAddress, ideaStatusChangedAddress } from '#app/utils/triage-actions.server'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data ? `${data.idea.title} · #${data.idea.id}` : null) },
]

async function loadIdea(request: Request, ideaId: string | undefined) {
  const user = await requireRole(request, backOfficeRoles)
  const id = idField().safeParse(ideaId).data
  const idea = foundOr404(id ? await getIdea({ id }) : undefined)
  return { user, idea }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { idea } = await loadIdea(request, params.ideaId)
  // The page tells time by dates only: what it shows changes with writes alone (decision 043).
  context.unchangedUntil = Number.POSITIVE_INFINITY
  const search = new URL(request.url).searchParams
  const mergeSearch = mergeSearchSchema.parse(search.get('merge-q') ?? undefined)
  const page = await getBackOfficeIdeaPage({
    idea,
    // The voters page on its own parameters, beside the page's others (merge-q, noted, …).
    votersAt: decodePage(
      { cursor: search.get('voters'), before: search.get('voters-before') },
      'timestamptz',
    ),
    mergeSearch,
    locale: getLocale(request),
  })
  const handlesIn = (name: string) =>
    mentionedHandles(`@${(search.get(name) ?? '').slice(0, 500).split(' ').join(' @')}`)
  return {
    ...page,
    idea: { ...idea, descriptionHtml: renderMarkdown(idea.description) },
    responses: page.responses.map((entry) => ({ ...entry, html: renderMarkdown(entry.body) })),
    notes: page.notes.map((note) => ({ ...note, html: renderMarkdown(note.body) })),
    comments: page.comments.map((comment) => ({ ...comment, html: renderMarkdown(comment.body) })),
    mergeSearch: mergeSearch ?? '',
    noted: idField().safeParse(search.get('noted') ?? undefined).data ?? null,
    statusChanged: doneFromAddress(request),
    unknown: handlesIn('unknown'),
    unreached: handlesIn('unreached'),
  }
}

type FormResult = {
  form: string
  fieldErrors: Partial<Record<string, string[]>>
  formError?: string
  values: Record<string, string>
}

/** Every form of the page posts here with its intent; each intent is one domain command, an unknown one answers 400. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, idea } = await loadIdea(request, params.ideaId)
  const values = await readForm(request)
  const form = values.intent ?? ''
  const fail = (failure: Omit<FormResult, 'form' | 'values'>, status = 400) =>
    data<FormResult>({ form, values: publicValues(values), ...failure }, { status })
  const done = (hash = '') => redirect(`/admin/ideas/${idea.id}${hash}`, 303)
  return dispatchIntent(
    values.intent,
    intents,
    { user, idea, values, fail, done, target: { ideaId: idea.id } },
    () => fail({ fieldErrors: {}, formError: 'error.badRequestText' }),
  )
}

type IntentArgs = {
  user: CurrentUser
  idea: Awaited<ReturnType<typeof loadIdea>>['idea']
  values: Record<string, string>
  fail: (
    failure: Omit<FormResult, 'form' | 'values'>,
    status?: number,
  ) => ReturnType<typeof data<FormResult>>
  done: (hash?: string) => ReturnType<typeof redirect>
  target: { ideaId: number }
}

const intents = {
  async status({ user, idea, values, fail }: IntentArgs) {
    const parsed = validate(statusChangeSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    const result = await changeStatus({
      actor: user,
      ideaIds: [idea.id],
      statusId: parsed.data.statusId,
      response: parsed.data.response,
      notifyPeople: parsed.data.notify,
    })
    if (!result.ok) {
      const refusal = statusChangeRefusals[result.reason]
      return fail(refusalErrors(refusal), refusal.status)
    }
    return redirect(ideaStatusChangedAddress(idea.id, result, parsed.data.statusId), 303)
  },
  async response({ user, idea, values, fail, done }: IntentArgs) {
    const parsed = validate(officialResponseSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    await postOfficialResponse({
      actor: user,
      ideaId: idea.id,
      response: parsed.data.response,
      notifyPeople: parsed.data.notify,
    })
    return done('#timeline')
  },
  async assign({ user, idea, values, fail, done }: IntentArgs) {
    const parsed = validate(assignSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    const result = await assignIdeas({
      actor: user,
      ideaIds: [idea.id],
      assigneeId: parsed.data.assigneeId,
    })
    return result.ok ? done() : fail({ fieldErrors: {}, formError: 'admin.actionFailed' }, 409)
  },
  async tag({ user, idea, values, fail, done }: IntentArgs) {
    const parsed = validate(tagChoiceSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    const result = await setTag({
      actor: user,
      ideaIds: [idea.id],
      tagId: parsed.data.tagId,
      on: parsed.data.on === 'on',
    })
    return result.ok ? done() : fail({ fieldErrors: {}, formError: 'admin.actionFailed' }, 409)
  },
  async note({ user, idea, values, fail }: IntentArgs) {
    const parsed = validate(noteSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    const result = await addInternalNote({ actor: user, ideaId: idea.id, body: parsed.data.body })
    if (!result.ok) return fail({ fieldErrors: {}, formError: 'admin.actionFailed' }, 409)
    // Handles that reached no one travel in the address, so the page says so (without JavaScript too).
    // The new note's id marks the save, so the form starts empty again (with JavaScript too).
    const told = new URLSearchParams({ noted: String(result.noteId) })
    if (result.unknown.length) told.set('unknown', result.unknown.join(' '))
    if (result.unreached.length) told.set('unreached', result.unreached.join(' '))
    return redirect(`/admin/ideas/${idea.id}?${told}#notes`, 303)
  },
  async merge({ user, idea, values, fail, done }: IntentArgs) {
    const parsed = validate(mergeSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    const result = await mergeIdeas({
      actor: user,
      duplicateId: idea.id,
      originalId: parsed.data.originalId,
      response: parsed.data.response,
      notifyPeople: parsed.data.notify,
    })
    if (!result.ok)
      return fail(refusalErrors(mergeRefusals[result.reason]), mergeRefusals[result.reason].status)
    return done('#timeline')
  },
  async correct({ user, idea, values, fail, done }: IntentArgs) {
    const parsed = validate(correctionSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    const result = await correctIdea({ actor: user, ideaId: idea.id, ...parsed.data })
    if (!result.ok) return fail({ fieldErrors: { categoryId: ['ideas.form.categoryRequired'] } })
    return done()
  },
  async lock({ user, idea, done }: IntentArgs) {
    await setCommentsLocked({ actor: user, ideaId: idea.id, locked: true })
    return done()
  },
  async unlock({ user, idea, done }: IntentArgs) {
    await setCommentsLocked({ actor: user, ideaId: idea.id, locked: false })
    return done()
  },
  async hide({ user, values, fail, done, target }: IntentArgs) {
    const parsed = validate(reasonSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    await hideContent({ actor: user, target, reason: parsed.data.reason })
    return done()
  },
  async reject({ user, idea, values, fail, done }: IntentArgs) {
    const parsed = validate(reasonSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    await decideHeldIdea({
      actor: user,
      ideaId: idea.id,
      approve: false,
      reason: parsed.data.reason,
    })
    return done()
  },
  async restore({ user, done, target }: IntentArgs) {
    await restoreContent({ actor: user, target })
    return done()
  },
  async 'hide-comment'({ user, idea, values, fail, done }: IntentArgs) {
    const parsed = validate(hideCommentSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    const result = await hideContent({
      actor: user,
      target: { commentId: parsed.data.commentId, onIdea: idea.id },
      reason: parsed.data.reason,
    })
    return result.ok
      ? done(`#comment-${parsed.data.commentId}`)
      : fail({ fieldErrors: {}, formError: 'admin.actionFailed' }, 409)
  },
  async 'restore-comment'({ user, idea, values, fail, done }: IntentArgs) {
    const parsed = validate(commentTargetSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    const result = await restoreContent({
      actor: user,
      target: { commentId: parsed.data.commentId, onIdea: idea.id },
    })
    return result.ok
      ? done(`#comment-${parsed.data.commentId}`)
      : fail({ fieldErrors: {}, formError: 'admin.actionFailed' }, 409)
  },
  async approve({ user, idea, done }: IntentArgs) {
    await decideHeldIdea({ actor: user, ideaId: idea.id, approve: true })
    return done()
  },
}

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card admin-panel" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  )
}

export default function AdminIdeaPage() {
  const {
    idea,
    responses,
    notes,
    statuses,
    categories,
    allTags,
    ideaTags,
    team,
    audit,
    comments,
    voters,
    openReports,
    mergeRefusal,
    mergeCandidates,
    mergeSearch,
    noted,
    statusChanged,
    unknown,
    unreached,
  } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const { t, locale } = useTranslation()
  const mergeSearchShortened = useSearchShortened('merge-q', 200)
  const [searchParams] = useSearchParams()
  const name = (item: { nameEn: string; nameNl: string }) => localName(locale, item)
  const mine = (form: string) => (result && result.form === form ? result : undefined)
  const errors = (form: string, field: string) => {
    const list = mine(form)?.fieldErrors[field] ?? []
    return list.length ? (
      <ul className="field__errors" id={`${form}-${field}-error`}>
        {list.map((key) => (
          <li key={key}>{isMessageKey(key) ? t(key) : t('validation.invalid')}</li>
        ))}
      </ul>
    ) : null
  }
  const invalid = (form: string, field: string) =>
    mine(form)?.fieldErrors[field]?.length
      ? { 'aria-invalid': true as const, 'aria-describedby': `${form}-${field}-error` }
      : {}
  /** A field's hints, then its errors when it has any, as its description. */
  const described = (form: string, field: string, hints: string[]) => {
    const own = invalid(form, field)
    return { ...own, 'aria-describedby': describedBy(...hints, own['aria-describedby']) }
  }
  const kept = (form: string, field: string, fallback = '') => mine(form)?.values[field] ?? fallback
  const votersHref = (cursor: string | null, direction?: 'after' | 'before') => {
    const params = new URLSearchParams(searchParams)
    for (const key of ['voters', 'voters-before']) params.delete(key)
    if (cursor) params.set(direction === 'before' ? 'voters-before' : 'voters', cursor)
    const query = params.toString()
    return `${query ? `?${query}` : '?'}#voters`
  }
  const hideFailed = mine('hide-comment')
  const changedTo = statuses.find((status) => status.id === statusChanged?.statusId)
  const statusKey = statusChanged ? `${statusChanged.statusId}:${statusChanged.notified}` : 'status'
  // The confirmation takes focus once per change (a status message is not always read when it appears).
  const statusNotice = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (statusKey !== 'status') statusNotice.current?.focus()
  }, [statusKey])

  return (
    <>
      <header className="page-header">
        <p className="muted">
          <Link to="/admin">← {t('admin.queue.title')}</Link>
        </p>
        <h1 lang={idea.language ?? undefined}>{idea.title}</h1>
        <p className="idea-card__meta">
          <span className="tag">#{idea.id}</span>
          <span className="tag">{t(`ideas.kind.${idea.kind}`)}</span>
          <span className="tag tag--muted">
            {inLocale(locale, idea.categoryNameEn, idea.categoryNameNl)}
          </span>
          <StatusBadge status={idea} />
          <span className="muted">
            <ByPerson displayName={idea.authorName} /> · {formatDate(locale, idea.createdAt)} ·{' '}
            {t(`channel.${idea.channel as 'web'}`)} ·{' '}
            {t('ideas.upDown', { up: idea.upVotes, down: idea.downVotes })}
          </span>
        </p>
        <p>
          <Link to={ideaPath(idea)}>{t('admin.viewPublic')}</Link>
        </p>
        {idea.heldAt ? (
          <p className="notice">
            {t('admin.heldNotice', { reason: approvalReasonLabel(t, idea.heldReason) })}
          </p>
        ) : null}
        {idea.hiddenAt ? (
          <p className="notice">{t('admin.hiddenNotice', { reason: idea.hiddenReason ?? '' })}</p>
        ) : null}
        {idea.withdrawnAt ? <p className="notice">{t('ideas.withdrawn')}</p> : null}
        {openReports.onIdea || openReports.onComments ? (
          <p className="notice notice--warning">
            {[
              openReports.onIdea ? t('admin.openReports.idea', { count: openReports.onIdea }) : '',
              openReports.onComments
                ? t('admin.openReports.comments', { count: openReports.onComments })
                : '',
            ]
              .filter(Boolean)
              .join(' · ')}{' '}
            <Link to="/admin/reports">{t('admin.openReports.review')}</Link>
          </p>
        ) : null}
        {idea.mergedInto ? (
          <p className="notice">
            {t('ideas.mergedInto')}{' '}
            <Link to={`/admin/ideas/${idea.mergedInto.id}`}>{idea.mergedInto.title}</Link>
          </p>
        ) : null}
        <nav aria-label={t('admin.sections')} className="section-links">
          {(
            [
              ['answer', t('admin.answerAndStatus')],
              ['comments', t('admin.comments.title')],
              ['voters', t('admin.voters.title')],
              ['assign', t('admin.assignmentAndTags')],
              ['merge', t('admin.merge')],
              ['moderate', t('admin.moderation')],
              ['notes', t('admin.notes')],
              ['history', t('admin.history')],
            ] as const
          ).map(([id, label]) => (
            <a key={id} href={`#${id}`}>
              {label}
            </a>
          ))}
        </nav>
      </header>

      <div className="admin-idea">
        <div className="admin-idea__main">
          <Panel id="answer" title={t('admin.answerAndStatus')}>
            {statusChanged && !result ? (
              <p className="notice" role="status" tabIndex={-1} ref={statusNotice}>
                {t('admin.statusChangedTo', {
                  status: changedTo ? name(changedTo) : '',
                })}{' '}
                {t('admin.bulk.told', { count: statusChanged.notified })}
              </p>
            ) : null}
            {/* A merged idea stays a duplicate (its votes count on the original): no status to choose. */}
            {idea.mergedInto && idea.statusSlug === 'duplicate' ? (
              <p>{t('admin.statusError.merged')}</p>
            ) : (
              /* A new key after each change: the form starts empty again (with JavaScript too). */
              <Form key={statusKey} method="post" className="form" noValidate>
                <input type="hidden" name="intent" value="status" />
                <StatusChangeFields
                  idPrefix="status"
                  statuses={statuses}
                  result={mine('status')}
                  busy={busy}
                />
              </Form>
            )}
            <details className="disclosure">
              <summary>{t('admin.officialResponse')}</summary>
              <Form method="post" className="disclosure__panel form" noValidate>
                <input type="hidden" name="intent" value="response" />
                <div className="field">
                  <label htmlFor="official-response">{t('admin.officialResponseBody')}</label>
                  <textarea
                    id="official-response"
                    name="response"
                    rows={3}
                    maxLength={10000}
                    defaultValue={kept('response', 'response')}
                    {...invalid('response', 'response')}
                  />
                  {errors('response', 'response')}
                </div>
                <label className="check">
                  <input type="checkbox" name="notify" defaultChecked /> {t('admin.notify')}
                </label>
                <button type="submit" className="button button--secondary" disabled={busy}>
                  {t('admin.postResponse')}
                </button>
              </Form>
            </details>
          </Panel>

          <Panel id="timeline" title={t('ideas.timeline')}>
            {responses.length ? (
              <ol className="timeline">
                {responses.map((entry) => (
                  <li key={entry.id}>
                    <p className="muted">
                      {entry.toNameEn
                        ? t('ideas.statusChanged', {
                            name: entry.authorName ?? '—',
                            from: inLocale(locale, entry.fromNameEn, entry.fromNameNl) ?? '',
                            to: inLocale(locale, entry.toNameEn, entry.toNameNl!),
                          })
                        : t('ideas.responded', { name: entry.authorName ?? '—' })}{' '}
                      · {formatDate(locale, entry.createdAt)}
                    </p>
                    {entry.body ? (
                      <div className="prose" dangerouslySetInnerHTML={{ __html: entry.html }} />
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">{t('admin.noResponses')}</p>
            )}
          </Panel>

          <Panel id="description" title={t('ideas.description')}>
            <div
              className="prose"
              lang={idea.language ?? undefined}
              dangerouslySetInnerHTML={{ __html: idea.descriptionHtml }}
            />
          </Panel>

          <Panel id="comments" title={t('admin.comments.title')}>
            {comments.length ? (
              <ol className="timeline admin-comments">
                {comments.map((comment) => (
                  <li key={comment.id} id={`comment-${comment.id}`}>
                    <p className="muted">
                      <ShownName displayName={comment.authorName} /> ·{' '}
                      {formatDate(locale, comment.createdAt)}
                      {comment.hiddenAt ? (
                        <span className="tag tag--muted">{t('admin.hidden')}</span>
                      ) : null}
                    </p>
                    {comment.deletedAt ? (
                      <p className="muted">{t('ideas.deletedComment')}</p>
                    ) : (
                      <div
                        className="prose"
                        lang={comment.language ?? undefined}
                        dangerouslySetInnerHTML={{ __html: comment.html }}
                      />
                    )}
                    {comment.deletedAt ? null : comment.hiddenAt ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="restore-comment" />
                        <input type="hidden" name="commentId" value={comment.id} />
                        <button
                          type="submit"
                          className="button button--small button--secondary"
                          disabled={busy}
                          aria-label={t('admin.comments.restoreOf', {
                            name: shownName(t, comment.authorName),
                          })}
                        >
                          {t('admin.restore')}
                        </button>
                      </Form>
                    ) : (
                      <details
                        className="disclosure"
                        open={hideFailed?.values.commentId === String(comment.id) || undefined}
                      >
                        <summary
                          aria-label={t('admin.comments.hideOf', {
                            name: shownName(t, comment.authorName),
                          })}
                        >
                          {t('admin.hide')}
                        </summary>
                        <Form method="post" className="form form--compact" noValidate>
                          <input type="hidden" name="intent" value="hide-comment" />
                          <input type="hidden" name="commentId" value={comment.id} />
                          <div className="field">
                            <label htmlFor={`hide-comment-${comment.id}`}>
                              {t('admin.hideReason')}
                            </label>
                            <input
                              id={`hide-comment-${comment.id}`}
                              name="reason"
                              maxLength={500}
                              {...(hideFailed?.values.commentId === String(comment.id)
                                ? invalid('hide-comment', 'reason')
                                : {})}
                            />
                            {hideFailed?.values.commentId === String(comment.id)
                              ? errors('hide-comment', 'reason')
                              : null}
                          </div>
                          <button
                            type="submit"
                            className="button button--small button--danger"
                            disabled={busy}
                          >
                            {t('admin.hide')}
                          </button>
                        </Form>
                      </details>
                    )}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">{t('admin.comments.none')}</p>
            )}
          </Panel>

          <Panel id="voters" title={t('admin.voters.title')}>
            <p>
              <a href={`/admin/ideas/${idea.id}/voters.csv`} download>
                {t('admin.voters.csv')}
              </a>
            </p>
            {voters.voters.length ? (
              <div className="table-scroll">
                <table className="table table--cards">
                  <thead>
                    <tr>
                      <th scope="col">{t('admin.voters.name')}</th>
                      <th scope="col">{t('admin.voters.vote')}</th>
                      <th scope="col">{t('admin.channel')}</th>
                      <th scope="col">{t('admin.voters.date')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {voters.voters.map((voter) => (
                      <tr key={voter.userId}>
                        <th scope="row">{shownName(t, voter.name)}</th>
                        <td data-label={t('admin.voters.vote')}>
                          {voter.value > 0 ? t('admin.voters.up') : t('admin.voters.down')}
                        </td>
                        <td data-label={t('admin.channel')}>
                          {t(`channel.${voter.channel as 'web'}`)}
                        </td>
                        <td data-label={t('admin.voters.date')}>
                          {formatDate(locale, voter.createdAt)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted">{t('admin.voters.none')}</p>
            )}
            <Pager
              pageHref={votersHref}
              previousCursor={voters.previousCursor}
              isFirstPage={voters.isFirstPage}
              nextCursor={voters.nextCursor}
              labels={{ navigation: t('admin.voters.pages'), next: t('admin.voters.next') }}
            />
          </Panel>
        </div>

        <aside className="admin-idea__side">
          <Panel id="assign" title={t('admin.assignmentAndTags')}>
            <Form method="post" className="form form--compact">
              <input type="hidden" name="intent" value="assign" />
              <div className="field">
                <label htmlFor="assignee">{t('admin.assignTo')}</label>
                <select
                  id="assignee"
                  name="assigneeId"
                  defaultValue={idea.assigneeId ? String(idea.assigneeId) : ''}
                >
                  <option value="">{t('admin.nobody')}</option>
                  {team.map((member) => (
                    <option key={member.id} value={member.id}>
                      {member.displayName}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="submit"
                className="button button--small button--secondary"
                disabled={busy}
              >
                {t('admin.assign')}
              </button>
            </Form>
            <h3>{t('admin.tags')}</h3>
            {ideaTags.length ? (
              <ul className="tag-list">
                {ideaTags.map((tag) => (
                  <li key={tag.id}>
                    <Form method="post">
                      <input type="hidden" name="intent" value="tag" />
                      <input type="hidden" name="tagId" value={tag.id} />
                      <input type="hidden" name="on" value="off" />
                      <span className="tag">{name(tag)}</span>{' '}
                      <button
                        type="submit"
                        className="link-button"
                        aria-label={t('admin.removeTag', { tag: name(tag) })}
                      >
                        ×
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            ) : null}
            {allTags.length ? (
              <Form method="post" className="form form--compact">
                <input type="hidden" name="intent" value="tag" />
                <div className="field">
                  <label htmlFor="add-tag">{t('admin.addTag')}</label>
                  <select id="add-tag" name="tagId" defaultValue="">
                    <option value="">{t('admin.chooseTag')}</option>
                    {allTags
                      .filter((tag) => !ideaTags.some((own) => own.id === tag.id))
                      .map((tag) => (
                        <option key={tag.id} value={tag.id}>
                          {name(tag)}
                          {tag.isPublic ? '' : ` (${t('admin.private')})`}
                        </option>
                      ))}
                  </select>
                </div>
                <button
                  type="submit"
                  className="button button--small button--secondary"
                  disabled={busy}
                >
                  {t('admin.addTag')}
                </button>
              </Form>
            ) : (
              <p className="muted">
                <Link to="/admin/tags">{t('admin.nav.tags')}</Link>
              </p>
            )}
          </Panel>

          <Panel id="merge" title={t('admin.merge')}>
            {mergeRefusal === 'mergedElsewhere' && idea.mergedInto ? (
              // Merged already: no control, but the idea it went into, to go on working there.
              <p className="muted">
                {t('admin.mergedElsewhereInto')}{' '}
                <Link to={`/admin/ideas/${idea.mergedInto.id}`}>{idea.mergedInto.title}</Link>
              </p>
            ) : mergeRefusal ? (
              // Withdrawn or hidden: no control but the reason (the action refuses too).
              <p className="muted">{t(`admin.mergeError.${mergeRefusal}`)}</p>
            ) : (
              <>
                <p className="muted">{t('admin.mergeHint')}</p>
                <p className="muted">{t('admin.mergeHintClosed')}</p>
                <Form
                  method="get"
                  action={`/admin/ideas/${idea.id}#merge`}
                  className="form form--compact"
                  role="search"
                  aria-label={t('admin.mergeSearch.label')}
                >
                  <div className="field">
                    <label htmlFor="merge-q">{t('admin.mergeSearch.label')}</label>
                    <input
                      id="merge-q"
                      name="merge-q"
                      type="search"
                      maxLength={200}
                      defaultValue={mergeSearch}
                      aria-describedby={mergeSearchShortened ? 'merge-q-shortened' : undefined}
                    />
                    {mergeSearchShortened ? (
                      <SearchShortenedNote id="merge-q-shortened" max={200} />
                    ) : null}
                  </div>
                  <button type="submit" className="button button--small button--secondary">
                    {t('admin.mergeSearch.submit')}
                  </button>
                </Form>
                <Form method="post" className="form form--compact" noValidate>
                  <input type="hidden" name="intent" value="merge" />
                  {mergeCandidates ? (
                    mergeCandidates.length ? (
                      <fieldset className="merge-candidates">
                        <legend>{t('admin.mergeSearch.pick')}</legend>
                        {mergeCandidates.map((candidate) => (
                          <label key={candidate.id} className="check">
                            <input type="radio" name="originalId" value={candidate.id} /> #
                            {candidate.id} {candidate.title} <StatusBadge status={candidate} />{' '}
                            <span className="muted">
                              ({t('admin.votes')} {candidate.score})
                            </span>
                          </label>
                        ))}
                      </fieldset>
                    ) : (
                      <p className="muted" role="status">
                        {t('admin.mergeSearch.none')}
                      </p>
                    )
                  ) : null}
                  <div className="field">
                    <label htmlFor="merge-original">{t('admin.originalIdea')}</label>
                    <input
                      id="merge-original"
                      name="originalId"
                      inputMode="numeric"
                      placeholder="#123"
                      defaultValue={kept('merge', 'originalId')}
                      {...invalid('merge', 'originalId')}
                    />
                    {errors('merge', 'originalId')}
                  </div>
                  <div className="field">
                    <label htmlFor="merge-response">{t('admin.mergeResponse')}</label>
                    <textarea
                      id="merge-response"
                      name="response"
                      rows={2}
                      defaultValue={kept('merge', 'response')}
                    />
                  </div>
                  <label className="check">
                    <input type="checkbox" name="notify" defaultChecked /> {t('admin.notify')}
                  </label>
                  <button type="submit" className="button button--small" disabled={busy}>
                    {t('admin.mergeSubmit')}
                  </button>
                </Form>
              </>
            )}
          </Panel>

          <Panel id="moderate" title={t('admin.moderation')}>
            {idea.heldAt ? (
              <Form method="post" className="form form--compact">
                <button
                  type="submit"
                  name="intent"
                  value="approve"
                  className="button button--small"
                >
                  {t('admin.approve')}
                </button>
              </Form>
            ) : null}
            <Form method="post">
              <input
                type="hidden"
                name="intent"
                value={idea.commentsLockedAt ? 'unlock' : 'lock'}
              />
              <button type="submit" className="button button--small button--secondary">
                {idea.commentsLockedAt ? t('admin.unlockComments') : t('admin.lockComments')}
              </button>
            </Form>
            {idea.hiddenAt ? (
              <Form method="post">
                <input type="hidden" name="intent" value="restore" />
                <button type="submit" className="button button--small button--secondary">
                  {t('admin.restore')}
                </button>
              </Form>
            ) : (
              <Form method="post" className="form form--compact" noValidate>
                <input type="hidden" name="intent" value={idea.heldAt ? 'reject' : 'hide'} />
                <div className="field">
                  <label htmlFor="hide-reason">{t('admin.hideReason')}</label>
                  <input
                    id="hide-reason"
                    name="reason"
                    maxLength={500}
                    defaultValue={kept(idea.heldAt ? 'reject' : 'hide', 'reason')}
                    {...invalid(idea.heldAt ? 'reject' : 'hide', 'reason')}
                  />
                  {errors(idea.heldAt ? 'reject' : 'hide', 'reason')}
                </div>
                <button type="submit" className="button button--small button--danger">
                  {idea.heldAt ? t('admin.reject') : t('admin.hide')}
                </button>
              </Form>
            )}
            <details className="disclosure" open={Boolean(mine('correct')) || undefined}>
              <summary>{t('admin.correct')}</summary>
              <Form method="post" className="disclosure__panel form" noValidate>
                <input type="hidden" name="intent" value="correct" />
                <div className="field">
                  <label htmlFor="correct-idea-title">{t('ideas.form.titleLabel')}</label>
                  <input
                    id="correct-idea-title"
                    name="title"
                    defaultValue={kept('correct', 'title', idea.title)}
                    maxLength={120}
                    {...invalid('correct', 'title')}
                  />
                  {errors('correct', 'title')}
                </div>
                <div className="field">
                  <label htmlFor="correct-description">{t('ideas.form.descriptionLabel')}</label>
                  <textarea
                    id="correct-description"
                    name="description"
                    rows={5}
                    defaultValue={kept('correct', 'description', idea.description)}
                    {...invalid('correct', 'description')}
                  />
                  {errors('correct', 'description')}
                </div>
                <div className="field">
                  <label htmlFor="correct-kind">{t('ideas.filterKind')}</label>
                  <select
                    id="correct-kind"
                    name="kind"
                    defaultValue={kept('correct', 'kind', idea.kind)}
                  >
                    {ideaKinds.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`ideas.kind.${kind}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="correct-category">{t('ideas.form.category')}</label>
                  <select
                    id="correct-category"
                    name="categoryId"
                    defaultValue={kept('correct', 'categoryId', String(idea.categoryId))}
                    {...invalid('correct', 'categoryId')}
                  >
                    {categories.map((category) => (
                      <option key={category.id} value={category.id}>
                        {t(`ideas.kind.${category.kind}`)}: {name(category)}
                      </option>
                    ))}
                  </select>
                  {errors('correct', 'categoryId')}
                </div>
                <button type="submit" className="button button--secondary" disabled={busy}>
                  {t('admin.saveCorrection')}
                </button>
              </Form>
            </details>
          </Panel>

          <Panel id="notes" title={t('admin.notes')}>
            {notes.length ? (
              <ol className="timeline">
                {notes.map((note) => (
                  <li key={note.id}>
                    <p className="muted">
                      {note.authorName ?? '—'} · {formatDate(locale, note.createdAt)}
                    </p>
                    <div className="prose" dangerouslySetInnerHTML={{ __html: note.html }} />
                  </li>
                ))}
              </ol>
            ) : null}
            {unknown.length || unreached.length ? (
              <div className="notice notice--warning" role="status">
                {mentionNotices(t, { unknown, unreached }).map((notice) => (
                  <p key={notice}>{notice}</p>
                ))}
              </div>
            ) : null}
            <Form key={noted ?? 'note'} method="post" className="form" noValidate>
              <input type="hidden" name="intent" value="note" />
              <div className="field">
                <label htmlFor="note-body">{t('admin.addNote')}</label>
                <p className="field__hint" id="note-hint">
                  {t('admin.noteHint')}
                </p>
                {team.length ? (
                  <p className="field__hint" id="note-mentionable">
                    {t('admin.mentionCandidates')}:{' '}
                    {team.map((member) => `${member.displayName} (@${member.handle})`).join(', ')}
                  </p>
                ) : null}
                <textarea
                  id="note-body"
                  name="body"
                  rows={3}
                  maxLength={5000}
                  defaultValue={kept('note', 'body')}
                  {...described('note', 'body', [
                    'note-hint',
                    ...(team.length ? ['note-mentionable'] : []),
                  ])}
                />
                {errors('note', 'body')}
              </div>
              <button type="submit" className="button button--secondary" disabled={busy}>
                {t('admin.saveNote')}
              </button>
            </Form>
          </Panel>

          <Panel id="history" title={t('admin.history')}>
            {audit.length ? (
              <ol className="audit-mini">
                {audit.map((entry) => (
                  <li key={entry.id}>
                    {entry.sentence} ·{' '}
                    <time dateTime={String(entry.createdAt)}>
                      {formatDate(locale, entry.createdAt)}
                    </time>
                    <AuditChanges changes={entry.changes} />
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">{t('admin.noHistory')}</p>
            )}
          </Panel>
        </aside>
      </div>
    </>
  )
}
