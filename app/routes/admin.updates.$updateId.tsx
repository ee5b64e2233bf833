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
  useFetcher,
  useLoaderData,
  useNavigation,
} from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'

import { StatusBadge } from '#app/components/ideas/status-badge'
import { Field, FormError, TextareaField } from '#app/components/ui/field'
import { mayChangeStatus } from '#app/domain/accounts/accounts.rules'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { getSettings } from '#app/domain/settings/settings.server'
import { goesOutText, updateRoles, wallClockInput } from '#app/domain/updates/updates.rules'
import {
  draftTextSchema,
  linkIdeaSchema,
  scheduleSchema,
  updateFormSchema,
} from '#app/domain/updates/updates.schema'
import {
  findIdeasToLink,
  getUpdate,
  getUpdateRevision,
  keepDraftText,
  linkedIdeas,
  listUpdateRevisions,
  publishUpdate,
  saveUpdate,
  scheduleUpdate,
  setCoverImage,
  setLinkedIdea,
  unpublishUpdate,
} from '#app/domain/updates/updates.server'
import { type FormFailure, publicValues, readFormWithFile, validate } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { foundOr404, requireRole } from '#app/utils/http/permissions.server'
import { refusalErrors, updateRefusals } from '#app/utils/http/refusals'
import { formatDateTime, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { renderMarkdown } from '#app/utils/markdown.server'
import { pageTitle } from '#app/utils/page-title'
import { idField, searchableText } from '#app/utils/schemas'
import { useSiteTimeZone } from '#app/utils/site-time-zone'
import { useUnsavedChangesWarning } from '#app/utils/use-unsaved-changes'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.update.title) },
]

async function loadUpdate(request: Request, updateId: string | undefined) {
  const user = await requireRole(request, updateRoles)
  const id = idField().safeParse(updateId).data
  const update = foundOr404(id ? await getUpdate({ id, publishedOnly: false }) : undefined)
  return { user, update }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, update } = await loadUpdate(request, params.updateId)
  const find = searchableText(new URL(request.url).searchParams.get('find') ?? '').slice(0, 100)
  const { locale, t } = getTranslator(request)
  const [linked, revisions, found, settings] = await Promise.all([
    linkedIdeas({ updateId: update.id, publicOnly: false }),
    listUpdateRevisions({ updateId: update.id }),
    findIdeasToLink({ find, updateId: update.id }),
    getSettings(),
  ])
  const publishAt =
    update.status === 'scheduled' && update.publishAt ? new Date(update.publishAt) : null
  return {
    timeZone: settings.timeZone,
    goesOut: publishAt ? goesOutText(publishAt, settings.timeZone, locale, t) : null,
    publishAtInput: publishAt ? wallClockInput(publishAt, settings.timeZone) : '',
    update: { ...update, previewHtml: renderMarkdown(update.body) },
    /** A published update changes on the site as soon as it is saved: the editor says so. */
    live: update.status === 'published',
    linked,
    /** Whether publishing may also mark the linked ideas as launched: only for who may change statuses. */
    mayMarkLaunched: mayChangeStatus(user.role),
    revisions: revisions.map(({ body, ...revision }) => ({
      ...revision,
      bodyHtml: renderMarkdown(body),
    })),
    find,
    found,
  }
}

type Result = FormFailure & {
  form: string
  /** The text as typed was saved along (a draft's, when searching or linking ideas). */
  saved?: boolean
  previewHtml?: string
  find?: string
  found?: Awaited<ReturnType<typeof findIdeasToLink>>
}

/** Every form of the editor posts here with its intent; each intent is one domain command, an unknown one answers 400. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, update } = await loadUpdate(request, params.updateId)
  const { values, lists, file } = await readFormWithFile(request, 'cover')
  // Link and Unlink are buttons of the editor's form, one per idea: the button's name is the intent, its value the idea.
  const form = values.link ? 'link' : values.unlink ? 'unlink' : (values.intent ?? '')
  const fail = (failure: Omit<Result, 'form' | 'values'>, status = 400) =>
    data<Result>({ form, values: publicValues(values), ...failure }, { status })
  const here = `/admin/updates/${update.id}`
  return dispatchIntent(
    form,
    intents,
    { user, update, values, lists, file, form, fail, here },
    () => fail({ fieldErrors: {}, formError: 'error.badRequestText' }),
  )
}

type IntentArgs = {
  user: Awaited<ReturnType<typeof loadUpdate>>['user']
  update: Awaited<ReturnType<typeof loadUpdate>>['update']
  values: Record<string, string>
  lists: Record<string, string[]>
  file: Awaited<ReturnType<typeof readFormWithFile>>['file']
  form: string
  fail: (
    failure: Omit<Result, 'form' | 'values'>,
    status?: number,
  ) => ReturnType<typeof data<Result>>
  here: string
}

/**
 * The page with the fields as typed and the ideas found for the search as typed (nothing typed is
 * lost). A draft's (or scheduled update's) text is saved too, so leaving the page loses nothing; a
 * published update's is not (a save is live at once): it comes back as typed, still unsaved.
 */
async function asTyped({ user, update, values, form }: IntentArgs) {
  const find = searchableText(values.find ?? '').slice(0, 100)
  const text = validate(draftTextSchema, values)
  const kept = text.ok && (await keepDraftText({ actor: user, id: update.id, content: text.data }))
  return data<Result>({
    form,
    fieldErrors: {},
    values: publicValues(values),
    saved: kept && kept.ok && kept.saved,
    find,
    found: await findIdeasToLink({ find, updateId: update.id }),
  })
}

/** Linking and unlinking an idea: one command, told which; the text is kept as `asTyped` keeps it. */
async function link(args: IntentArgs) {
  const { user, update, values, form, fail } = args
  const parsed = validate(linkIdeaSchema, { ideaId: values[form] ?? '' })
  if (!parsed.ok) return fail(parsed.failure)
  const result = await setLinkedIdea({
    actor: user,
    updateId: update.id,
    ideaId: parsed.data.ideaId,
    linked: form === 'link',
  })
  if (!result.ok)
    return fail(refusalErrors(updateRefusals[result.reason]), updateRefusals[result.reason].status)
  return asTyped(args)
}

const intents = {
  // Shows what is on screen and keeps it there (without JavaScript the page comes back with the fields as typed).
  async preview({ values, form }: IntentArgs) {
    return data<Result>({
      form,
      fieldErrors: {},
      values: publicValues(values),
      previewHtml: renderMarkdown((values.body ?? '').slice(0, 20_000)),
    })
  },
  // Finding ideas to link is a button of the editor's own form: the page comes back with the
  // fields as typed and the results (without JavaScript nothing typed is lost).
  find: asTyped,
  // Copies an earlier text into the editor (nothing is saved until Save).
  async restore({ update, values, form, fail }: IntentArgs) {
    const revisionId = idField().safeParse(values.revisionId).data
    const revision = revisionId
      ? await getUpdateRevision({ updateId: update.id, revisionId })
      : null
    if (!revision) return fail({ fieldErrors: {}, formError: 'error.badRequestText' }, 404)
    return data<Result>({
      form,
      fieldErrors: {},
      values: { ...revision, revisionId: String(revisionId) },
    })
  },
  async save({ user, update, values, fail, here }: IntentArgs) {
    const parsed = validate(updateFormSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    await saveUpdate({ actor: user, id: update.id, ...parsed.data })
    return redirect(`${here}?saved=1`, 303)
  },
  async cover({ user, update, file, fail, here }: IntentArgs) {
    if (!file) return fail({ fieldErrors: { cover: ['updates.form.imageRequired'] } })
    const result = await setCoverImage({ actor: user, updateId: update.id, bytes: file })
    if (!result.ok)
      return fail({
        fieldErrors: {
          cover: [
            result.reason === 'imageSize' ? 'updates.form.imageTooBig' : 'updates.form.imageType',
          ],
        },
      })
    return redirect(here, 303)
  },
  link,
  unlink: link,
  // Publishing and scheduling take the editor's fields as on screen: saved, then published, in one command.
  async publish({ user, update, values, lists, fail, here }: IntentArgs) {
    const content = validate(updateFormSchema, values)
    if (!content.ok) return fail(content.failure)
    const implement = (lists.implement ?? [])
      .map(Number)
      .filter((id) => Number.isInteger(id) && id > 0)
    const result = await publishUpdate({
      actor: user,
      id: update.id,
      markImplemented: implement,
      content: content.data,
    })
    // Refused as a whole: a marketer's hand-made post asking to change statuses (the page offers it to the team only).
    if (!result.ok)
      return fail(
        refusalErrors(updateRefusals[result.reason]),
        updateRefusals[result.reason].status,
      )
    return redirect(`${here}?published=1`, 303)
  },
  async schedule({ user, update, values, fail, here }: IntentArgs) {
    const content = validate(updateFormSchema, values)
    const parsed = validate(scheduleSchema((await getSettings()).timeZone), values)
    if (!content.ok || !parsed.ok)
      return fail({
        fieldErrors: {
          ...(content.ok ? {} : content.failure.fieldErrors),
          ...(parsed.ok ? {} : parsed.failure.fieldErrors),
        },
      })
    await scheduleUpdate({
      actor: user,
      id: update.id,
      publishAt: parsed.data.publishAt,
      content: content.data,
    })
    return redirect(here, 303)
  },
  async unpublish({ user, update, here }: IntentArgs) {
    await unpublishUpdate({ actor: user, id: update.id })
    return redirect(here, 303)
  },
}

const WRITE_FORM = 'update-write'
/**
 * The editor's buttons that write nothing of its text: after them it is as unsaved as before.
 * Searching and linking save a draft's text, not a published update's (`asTyped`).
 */
const keepsUnsaved = (live: boolean) => (live ? ['preview', 'find', 'link', 'unlink'] : ['preview'])

export default function EditUpdatePage() {
  // Enter in the idea search searches: the form's first button is Save, which would publish a live update's text.
  const findButton = useRef<HTMLButtonElement>(null)
  const loaded = useLoaderData<typeof loader>()
  const { update, live, linked, revisions, timeZone, goesOut, publishAtInput, mayMarkLaunched } =
    loaded
  const result = useActionData<typeof action>()
  const searched = result?.found ? result : undefined
  const find = searched?.find ?? loaded.find
  const found = searched?.found ?? loaded.found
  const busy = useNavigation().state === 'submitting'
  const preview = useFetcher<Result>()
  const { t, locale } = useTranslation()
  const siteZone = useSiteTimeZone()
  const [body, setBody] = useState(update.body)
  const mine = (form: string) => (result && result.form === form ? result : undefined)
  // Save, Publish and Schedule all submit the editor's fields, so their errors show beside them.
  const written =
    mine('save') ??
    mine('publish') ??
    mine('schedule') ??
    mine('preview') ??
    mine('find') ??
    mine('link') ??
    mine('unlink') ??
    mine('restore')
  const unsaved = useUnsavedChangesWarning(t('admin.updates.unsavedWarning'), {
    keepsUnsaved: keepsUnsaved(live),
  })
  // A refused save, publish or schedule answers with the fields as typed: still not saved; so does
  // a search or link whose draft text could not be saved along.
  useEffect(() => {
    if (!written || written.saved || written.form === 'preview') return
    if (!keepsUnsaved(live).includes(written.form)) unsaved.changed()
  }, [written, unsaved, live])

  // Live preview while typing (with JavaScript); the Preview button does the same without it.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (body !== update.body) preview.submit({ intent: 'preview', body }, { method: 'post' })
    }, 400)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the fetcher is stable enough; body drives it
  }, [body])

  const previewHtml =
    preview.data?.previewHtml ?? mine('preview')?.previewHtml ?? update.previewHtml
  const linkError = (mine('link') ?? mine('unlink'))?.fieldErrors.ideaId?.[0]
  // Launched ideas need no box; and only who may change statuses is offered one.
  const notLaunched = mayMarkLaunched
    ? linked.filter((idea) => idea.statusSlug !== 'implemented')
    : []
  return (
    <>
      <header className="page-header">
        <p className="muted">
          <Link to="/admin/updates">← {t('admin.updates.title')}</Link>
        </p>
        <h1>{update.title}</h1>
        <p className="muted">
          {t(`admin.updates.status.${update.status}`)}
          {update.status === 'published' ? (
            <>
              {' '}
              · <Link to={`/updates/${update.slug}`}>{t('admin.updates.viewPublic')}</Link>
            </>
          ) : null}
          {goesOut ? ` · ${goesOut}` : ''}
        </p>
      </header>
      <div className="admin-idea">
        <div className="admin-idea__main">
          <Form
            key={mine('restore') ? `restore-${mine('restore')?.values.revisionId}` : 'editor'}
            method="post"
            id={WRITE_FORM}
            className="card form"
            noValidate
            aria-labelledby="write-title"
            onChange={unsaved.changed}
            onSubmit={unsaved.submitted}
          >
            <h2 id="write-title">{t('admin.updates.write')}</h2>
            <FormError message={written?.formError} />
            <Field
              label={t('ideas.form.titleLabel')}
              name="title"
              maxLength={120}
              defaultValue={written?.values.title ?? update.title}
              errors={written?.fieldErrors.title}
            />
            <TextareaField
              label={t('admin.updates.summary')}
              hint={t('admin.updates.summaryHint')}
              name="summary"
              rows={2}
              maxLength={300}
              defaultValue={written?.values.summary ?? update.summary}
              errors={written?.fieldErrors.summary}
            />
            <TextareaField
              label={t('admin.updates.body')}
              hint={t('admin.updates.bodyHint')}
              name="body"
              rows={12}
              maxLength={20000}
              defaultValue={written?.values.body ?? update.body}
              errors={written?.fieldErrors.body}
              onChange={(event) => setBody(event.currentTarget.value)}
            />
            {live ? <p className="notice">{t('admin.updates.liveNotice')}</p> : null}
            {mine('restore') ? (
              <p className="notice" role="status">
                {t('admin.updates.restored')}
              </p>
            ) : null}
            <div className="form__actions">
              <button type="submit" name="intent" value="save" className="button" disabled={busy}>
                {t('admin.updates.save')}
              </button>
              <button
                type="submit"
                name="intent"
                value="preview"
                className="button button--secondary"
                disabled={busy}
              >
                {t('ideas.form.preview')}
              </button>
            </div>
          </Form>
          <section className="card admin-panel" aria-labelledby="preview-title" aria-live="polite">
            <h2 id="preview-title">{t('ideas.form.previewTitle')}</h2>
            <div className="prose" dangerouslySetInnerHTML={{ __html: previewHtml }} />
          </section>
          <section className="card admin-panel" aria-labelledby="ideas-title" id="ideas">
            <h2 id="ideas-title">{t('admin.updates.linkedIdeas')}</h2>
            {linked.length ? (
              <ul className="plain-list">
                {linked.map((idea) => (
                  <li key={idea.id}>
                    <Link to={ideaPath(idea)}>{idea.title}</Link> <StatusBadge status={idea} />{' '}
                    <span className="muted">{t('ideas.votes', { count: idea.upVotes })}</span>
                    {idea.isPublic ? null : (
                      <>
                        {' '}
                        <span className="badge">{t('admin.updates.linkedNotPublic')}</span>
                      </>
                    )}
                    {/* A button of the editor's form, so unlinking keeps what is typed there. */}
                    <button
                      type="submit"
                      name="unlink"
                      value={idea.id}
                      form={WRITE_FORM}
                      formNoValidate
                      className="link-button"
                      aria-label={t('admin.updates.unlinkIdea', { title: idea.title })}
                    >
                      {t('admin.updates.unlink')}
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('admin.updates.noIdeas')}</p>
            )}
            {/* Part of the editor's form, so searching keeps what is typed there. */}
            <div className="filters" role="search" aria-label={t('admin.updates.findIdeas')}>
              <div className="field filters__search">
                <label htmlFor="find">{t('admin.updates.findIdeas')}</label>
                <input
                  id="find"
                  name="find"
                  type="search"
                  form={WRITE_FORM}
                  defaultValue={find}
                  placeholder={t('admin.updates.findPlaceholder')}
                  onKeyDown={(event) => {
                    if (event.key !== 'Enter') return
                    event.preventDefault()
                    findButton.current?.click()
                  }}
                />
              </div>
              <button
                ref={findButton}
                type="submit"
                name="intent"
                value="find"
                form={WRITE_FORM}
                className="button button--secondary"
                formNoValidate
              >
                {t('admin.search')}
              </button>
            </div>
            <FormError message={linkError} />
            {find ? (
              found.length ? (
                <>
                  <p className="muted">{t('updates.form.linkableHint')}</p>
                  <ul className="plain-list">
                    {found.map((idea) => (
                      <li key={idea.id}>
                        {idea.title} <StatusBadge status={idea} />
                        {idea.linked ? (
                          <span className="muted"> · {t('admin.updates.alreadyLinked')}</span>
                        ) : idea.linkable ? (
                          <>
                            {' '}
                            {/* A button of the editor's form, so linking keeps what is typed there. */}
                            <button
                              type="submit"
                              name="link"
                              value={idea.id}
                              form={WRITE_FORM}
                              formNoValidate
                              className="button button--small button--secondary"
                              aria-label={t('admin.updates.linkIdea', { title: idea.title })}
                            >
                              {t('admin.updates.link')}
                            </button>
                          </>
                        ) : (
                          <span className="muted"> · {t('updates.form.notLinkableShort')}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                  {found.every((idea) => idea.linked) ? (
                    <p className="muted">{t('admin.updates.noOtherMatch', { query: find })}</p>
                  ) : null}
                </>
              ) : (
                <p className="muted">{t('admin.updates.noMatch', { query: find })}</p>
              )
            ) : null}
          </section>
        </div>
        <aside className="admin-idea__side">
          <section className="card admin-panel" aria-labelledby="publish-title">
            <h2 id="publish-title">{t('admin.updates.publishing')}</h2>
            <FormError message={mine('publish')?.formError} />
            {update.status !== 'published' ? (
              // The controls belong to the editor's form (form attribute): publishing sends what is on screen.
              <div className="form form--compact">
                {notLaunched.length ? (
                  <fieldset className="plain-fieldset" aria-describedby="mark-launched-hint">
                    <legend>{t('admin.updates.markLaunched')}</legend>
                    <p id="mark-launched-hint" className="field__hint">
                      {t('admin.updates.markLaunchedHint')}
                    </p>
                    {/* Unticked: changing an idea's status is a decision of its own, never a side effect by default. */}
                    {notLaunched.map((idea) => (
                      <label key={idea.id} className="check">
                        <input type="checkbox" name="implement" value={idea.id} form={WRITE_FORM} />{' '}
                        {idea.title}
                      </label>
                    ))}
                  </fieldset>
                ) : null}
                <p className="muted">{t('admin.updates.publishHint')}</p>
                <button
                  type="submit"
                  name="intent"
                  value="publish"
                  className="button"
                  disabled={busy}
                  form={WRITE_FORM}
                >
                  {t('admin.updates.publishNow')}
                </button>
                <Field
                  label={t('admin.updates.publishAtZone', { zone: timeZone })}
                  hint={t('admin.updates.publishAtHint')}
                  name="publishAt"
                  type="datetime-local"
                  form={WRITE_FORM}
                  defaultValue={mine('schedule')?.values.publishAt ?? publishAtInput}
                  errors={mine('schedule')?.fieldErrors.publishAt}
                />
                <button
                  type="submit"
                  name="intent"
                  value="schedule"
                  className="button button--secondary"
                  disabled={busy}
                  form={WRITE_FORM}
                >
                  {t('admin.updates.schedule')}
                </button>
              </div>
            ) : (
              <Form method="post">
                <button
                  type="submit"
                  name="intent"
                  value="unpublish"
                  className="button button--secondary"
                  disabled={busy}
                >
                  {t('admin.updates.unpublish')}
                </button>
              </Form>
            )}
          </section>
          <section className="card admin-panel" aria-labelledby="cover-title">
            <h2 id="cover-title">{t('admin.updates.cover')}</h2>
            {update.coverImageToken ? (
              <img src={`/images/${update.coverImageToken}`} alt="" className="cover-preview" />
            ) : null}
            <Form method="post" encType="multipart/form-data" className="form form--compact">
              <input type="hidden" name="intent" value="cover" />
              <Field
                label={t('admin.updates.coverFile')}
                hint={t('admin.updates.coverHint')}
                name="cover"
                type="file"
                accept="image/png,image/jpeg,image/webp"
                errors={mine('cover')?.fieldErrors.cover}
              />
              <button type="submit" className="button button--secondary" disabled={busy}>
                {t('admin.updates.upload')}
              </button>
            </Form>
          </section>
          {revisions.length ? (
            <section className="card admin-panel" aria-labelledby="revisions-title">
              <h2 id="revisions-title">{t('admin.history')}</h2>
              <ol className="audit-mini">
                {revisions.map((revision) => (
                  <li key={revision.id}>
                    <details>
                      <summary>
                        {revision.title} ·{' '}
                        {t('admin.updates.replacedBy', { name: revision.editorName ?? '—' })} ·{' '}
                        {formatDateTime(locale, revision.createdAt, siteZone)}
                      </summary>
                      {revision.summary ? <p className="lead">{revision.summary}</p> : null}
                      <div
                        className="prose"
                        dangerouslySetInnerHTML={{ __html: revision.bodyHtml }}
                      />
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="revisionId" value={revision.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="restore"
                          className="button button--small button--secondary"
                        >
                          {t('admin.updates.restore')}
                        </button>
                      </Form>
                    </details>
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </aside>
      </div>
    </>
  )
}
