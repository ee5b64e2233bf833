// The back office's idea table with filters, sorts, bulk actions and a status form per row. Plain
// forms: filters and sorts are GETs, the selection and actions one POST form (the row checkboxes
// join it with `form=`), each row's status change its own POST, so it works without JavaScript
// and by keyboard; with JavaScript, shortcuts (triage-shortcuts.tsx) move through the rows.
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'

import { StatusBadge } from '#app/components/ideas/status-badge'
import { FormError } from '#app/components/ui/field'
import { CategoryFilter, KindFilter } from '#app/components/ui/filter-fields'
import { Pager } from '#app/components/ui/pager'
import { ShownName } from '#app/components/ui/person-name'
import { SearchShortenedNote, useSearchShortened } from '#app/components/ui/search-shortened-note'
import type { TriageSort } from '#app/domain/triage/triage.rules'
import { formatDate, inLocale, isMessageKey, localName, useTranslation } from '#app/utils/i18n/i18n'
import { listPageHref } from '#app/utils/page-href'

import { choosableStatuses, StatusChangeFields } from './status-change-fields'
import { ShortcutsDialog, useTriageShortcuts } from './triage-shortcuts'

type Named = { nameEn: string; nameNl: string }

export type TriageListData = {
  view: 'queue' | 'mine' | 'all'
  /** Narrowed by its filters: an empty list then says so and offers to clear them. */
  filtered: boolean
  filters: {
    view: string
    status: string
    kind: string
    category: string
    tag: string
    q: string
    sort: string
  }
  sort: TriageSort
  sorts: readonly TriageSort[]
  selectAll: boolean
  isFirstPage: boolean
  nextCursor: string | null
  previousCursor: string | null
  ideas: {
    id: number
    slug: string
    title: string
    kind: 'product' | 'experience' | 'involvement'
    channel: string
    createdAt: string | Date
    score: number
    upVotes: number
    downVotes: number
    commentCount: number
    categoryNameEn: string
    categoryNameNl: string
    statusSlug: string
    statusNameEn: string
    statusNameNl: string
    statusColor: string
    authorName: string
    assigneeName: string | null
    dueAt: string | Date | null
    answeredAt: string | Date | null
    openReports: number
    tagNames: { nameEn: string; nameNl: string }[]
    hidden: boolean
    held: boolean
    withdrawn: boolean
    /** Whole days since it was posted, counted by the loader: rendering reads no clock (pages are kept by content). */
    ageDays: number
    /** Past its answer due date now; and days left until it (rounded up), or null without one. */
    overdue: boolean
    dueInDays: number | null
  }[]
  statuses: ({ id: number; slug: string; retired: boolean } & Named)[]
  categories: ({ id: number; kind: string } & Named)[]
  tags: ({ id: number } & Named)[]
  team: { id: number; displayName: string }[]
  /** What the last status change did (from the address it redirected to), or null. */
  done: { moved: number; statusId: number; notified: number } | null
}

type ListResult = {
  fieldErrors?: Partial<Record<string, string[]>>
  formError?: string
  values?: Record<string, string>
  row?: number
  /** The ideas ticked for a refused bulk change (triage-actions.server.ts' BulkResult). */
  selected?: number[]
  done?: { moved: number; statusId: number; notified: number }
  confirm?: {
    ideaIds: number[]
    statusId: number
    moved: number
    notified: number
    response: string
    responseHtml: string
  }
}

const BULK_FORM = 'bulk-form'

export function TriageList({ data, basePath }: { data: TriageListData; basePath: string }) {
  const { t, locale } = useTranslation()
  const searchShortened = useSearchShortened('q', 200)
  const name = (item: Named) => localName(locale, item)
  const result = useActionData<ListResult>()
  const busy = useNavigation().state === 'submitting'
  const table = useRef<HTMLTableElement>(null)
  const confirmation = useRef<HTMLParagraphElement>(null)
  useTriageShortcuts(table)
  // After a change the row may have left the list: focus goes to what was done, not to the page top.
  // A failed post after it shows its error instead of the earlier confirmation.
  const done = result ? null : data.done
  // Once per change shown (not again on every revalidation of the same page).
  const doneKey = done ? `${done.moved}:${done.statusId}:${done.notified}` : ''
  useEffect(() => {
    if (doneKey) confirmation.current?.focus()
  }, [doneKey])
  const question = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (result?.confirm) question.current?.focus()
  }, [result])
  const hrefWith = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams(
      Object.entries(data.filters).filter(([, value]) => value !== ''),
    )
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) params.delete(key)
      else params.set(key, value)
    }
    const query = params.toString()
    return query ? `${basePath}?${query}` : basePath
  }
  const pageHref = (cursor: string | null, direction?: 'after' | 'before') =>
    listPageHref(basePath, data.filters, cursor, direction)
  const errorText = (key?: string) =>
    key ? (isMessageKey(key) ? t(key) : t('validation.invalid')) : null
  const bulkErrors = result && !result.row ? result : undefined
  // Ticked again after a refused bulk change (a new page without JavaScript).
  const ticked = new Set(bulkErrors?.selected ?? [])
  const openStatuses = choosableStatuses(data.statuses)
  const doneStatus = done ? data.statuses.find((status) => status.id === done.statusId) : undefined
  const askedStatus = result?.confirm
    ? data.statuses.find((status) => status.id === result.confirm!.statusId)
    : undefined
  const setAll = (checked: boolean) => {
    table.current?.querySelectorAll<HTMLInputElement>('input[name="ideaId"]').forEach((box) => {
      box.checked = checked
    })
  }

  return (
    <>
      <a className="skip-link skip-link--inline" href="#queue">
        {t('admin.skipToQueue')}
      </a>
      <details className="disclosure filters-panel" open={data.filtered}>
        <summary>{t('admin.filters')}</summary>
        <Form method="get" className="filters" role="search" aria-label={t('admin.filters')}>
          {data.filters.sort ? <input type="hidden" name="sort" value={data.filters.sort} /> : null}
          {data.view !== 'queue' ? (
            <div className="field">
              <label htmlFor="view">{t('admin.view')}</label>
              <select id="view" name="view" defaultValue={data.filters.view}>
                <option value="">{t('admin.view.all')}</option>
                <option value="mine">{t('admin.view.mine')}</option>
              </select>
            </div>
          ) : null}
          <div className="field filters__search">
            <label htmlFor="q">{t('admin.search')}</label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={data.filters.q}
              maxLength={200}
              aria-describedby={searchShortened ? 'q-shortened' : undefined}
            />
            {searchShortened ? <SearchShortenedNote id="q-shortened" max={200} /> : null}
          </div>
          <div className="field">
            <label htmlFor="status">{t('admin.status')}</label>
            <select id="status" name="status" defaultValue={data.filters.status}>
              <option value="">{t('ideas.allStatuses')}</option>
              {data.statuses.map((status) => (
                <option key={status.slug} value={status.slug}>
                  {name(status)}
                </option>
              ))}
            </select>
          </div>
          <KindFilter defaultValue={data.filters.kind} />
          <CategoryFilter categories={data.categories} defaultValue={data.filters.category} />
          <div className="field">
            <label htmlFor="tag">{t('admin.tag')}</label>
            <select id="tag" name="tag" defaultValue={data.filters.tag}>
              <option value="">{t('admin.allTags')}</option>
              {data.tags.map((tag) => (
                <option key={tag.id} value={tag.id}>
                  {name(tag)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary">
            {t('ideas.apply')}
          </button>
        </Form>
      </details>

      <nav className="sort-links" aria-label={t('admin.sort.label')}>
        <span className="muted">{t('admin.sort.label')}:</span>{' '}
        {data.sorts.map((sort) => (
          <Link
            key={sort}
            to={hrefWith({ sort, cursor: null })}
            aria-current={sort === data.sort ? 'true' : undefined}
            className={sort === data.sort ? 'sort-links__current' : undefined}
          >
            {t(`admin.sort.${sort}`)}
          </Link>
        ))}
      </nav>

      {done ? (
        <p className="notice" role="status" tabIndex={-1} ref={confirmation}>
          {t('admin.bulk.moved', { count: done.moved, status: doneStatus ? name(doneStatus) : '' })}{' '}
          {t('admin.bulk.told', { count: done.notified })}
        </p>
      ) : null}

      {result?.confirm ? (
        // Before a bulk change that tells people: what will happen, and a form that makes it (works without JavaScript).
        <section className="card confirm-step" aria-labelledby="bulk-confirm-title">
          <h2 id="bulk-confirm-title" tabIndex={-1} ref={question}>
            {t('admin.bulk.confirmTitle')}
          </h2>
          <p>
            {t('admin.bulk.confirmWhat', {
              count: result.confirm.moved,
              status: askedStatus ? name(askedStatus) : '',
              told: result.confirm.notified,
            })}
          </p>
          {result.confirm.response ? (
            <>
              <p className="muted">{t('admin.bulk.confirmAnswer')}</p>
              {/* Rendered and sanitised by utils/markdown.server.ts, as people will read it. */}
              <blockquote
                className="confirm-step__answer prose"
                dangerouslySetInnerHTML={{ __html: result.confirm.responseHtml }}
              />
            </>
          ) : null}
          <Form method="post" className="form__actions">
            <input type="hidden" name="intent" value="bulk-status" />
            <input type="hidden" name="confirmed" value="yes" />
            <input type="hidden" name="notify" value="on" />
            <input type="hidden" name="statusId" value={result.confirm.statusId} />
            <input type="hidden" name="response" value={result.confirm.response} />
            {result.confirm.ideaIds.map((id) => (
              <input key={id} type="hidden" name="ideaId" value={id} />
            ))}
            <button type="submit" className="button" disabled={busy}>
              {t('admin.bulk.confirm')}
            </button>
            <Link to={hrefWith({})} className="button button--secondary">
              {t('admin.bulk.cancel')}
            </Link>
          </Form>
        </section>
      ) : null}

      {data.ideas.length ? (
        <Form method="post" id={BULK_FORM} className="triage" noValidate>
          <FormError message={bulkErrors?.formError} />
          {bulkErrors?.fieldErrors?.ideaIds ? (
            <p className="form-error" role="alert">
              {errorText(bulkErrors.fieldErrors.ideaIds[0])}
            </p>
          ) : null}
          <fieldset className="bulk-actions card">
            <legend>{t('admin.bulk.title')}</legend>
            <p className="bulk-actions__select">
              <Link
                to={hrefWith({ select: 'all' })}
                onClick={(event) => (event.preventDefault(), setAll(true))}
              >
                {t('admin.bulk.selectAll')}
              </Link>{' '}
              ·{' '}
              <Link
                to={hrefWith({ select: null })}
                onClick={(event) => (event.preventDefault(), setAll(false))}
              >
                {t('admin.bulk.selectNone')}
              </Link>
            </p>
            <div className="bulk-actions__group">
              <div className="field">
                <label htmlFor="bulk-status">{t('admin.bulk.status')}</label>
                <select
                  id="bulk-status"
                  name="statusId"
                  defaultValue={bulkErrors?.values?.statusId ?? ''}
                  {...invalidProps(bulkErrors, 'statusId', 'bulk', BULK_FIELDS)}
                >
                  <option value="">{t('admin.chooseStatus')}</option>
                  {openStatuses.map((status) => (
                    <option key={status.id} value={status.id}>
                      {name(status)}
                    </option>
                  ))}
                </select>
                <FieldErrorList id="bulk-statusId-error" keys={bulkErrors?.fieldErrors?.statusId} />
              </div>
              <div className="field">
                <label htmlFor="bulk-response">{t('admin.response')}</label>
                <textarea
                  id="bulk-response"
                  name="response"
                  rows={2}
                  maxLength={10000}
                  defaultValue={bulkErrors?.values?.response ?? ''}
                  {...invalidProps(bulkErrors, 'response', 'bulk', BULK_FIELDS)}
                />
                <FieldErrorList id="bulk-response-error" keys={bulkErrors?.fieldErrors?.response} />
              </div>
              <label className="check">
                <input type="checkbox" name="notify" defaultChecked /> {t('admin.notify')}
              </label>
              <button
                type="submit"
                name="intent"
                value="bulk-status"
                className="button button--small"
                disabled={busy}
              >
                {t('admin.bulk.applyStatus')}
              </button>
            </div>
            <div className="bulk-actions__group">
              <div className="field">
                <label htmlFor="bulk-assignee">{t('admin.assignTo')}</label>
                <select id="bulk-assignee" name="assigneeId" defaultValue="">
                  <option value="">{t('admin.nobody')}</option>
                  {data.team.map((member) => (
                    <option key={member.id} value={member.id}>
                      {member.displayName}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="submit"
                name="intent"
                value="bulk-assign"
                className="button button--small button--secondary"
                disabled={busy}
              >
                {t('admin.bulk.assign')}
              </button>
            </div>
            {data.tags.length ? (
              <div className="bulk-actions__group">
                <div className="field">
                  <label htmlFor="bulk-tag">{t('admin.tag')}</label>
                  <select id="bulk-tag" name="tagId" defaultValue="">
                    <option value="">{t('admin.chooseTag')}</option>
                    {data.tags.map((tag) => (
                      <option key={tag.id} value={tag.id}>
                        {name(tag)}
                      </option>
                    ))}
                  </select>
                </div>
                <button
                  type="submit"
                  name="intent"
                  value="bulk-tag"
                  className="button button--small button--secondary"
                  disabled={busy}
                >
                  {t('admin.bulk.tag')}
                </button>
              </div>
            ) : null}
          </fieldset>
        </Form>
      ) : null}

      {data.ideas.length ? (
        <div className="table-scroll" id="queue" tabIndex={-1}>
          <table className="table table--cards triage-table" ref={table}>
            <caption className="visually-hidden">
              {data.view === 'queue' ? t('admin.queue.title') : t('admin.ideas.title')} ·{' '}
              {t('admin.sort.sortedBy', { sort: t(`admin.sort.${data.sort}`) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.select')}</span>
                </th>
                <th scope="col">{t('admin.idea')}</th>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col" className="numeric">
                  {t('admin.age')}
                </th>
                <th scope="col">{t('admin.due')}</th>
                <th scope="col" className="numeric">
                  {t('admin.votes')}
                </th>
                <th scope="col">{t('admin.channel')}</th>
                <th scope="col">{t('admin.assignee')}</th>
                <th scope="col" className="numeric">
                  {t('admin.reports')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.ideas.map((idea) => (
                <tr key={idea.id} data-idea-row={idea.id}>
                  <td className="table__select">
                    <input
                      type="checkbox"
                      name="ideaId"
                      value={idea.id}
                      form={BULK_FORM}
                      id={`select-${idea.id}`}
                      defaultChecked={data.selectAll || ticked.has(idea.id)}
                      aria-label={t('admin.selectIdea', { title: idea.title })}
                    />
                  </td>
                  <th scope="row" className="triage-table__idea">
                    <Link to={`/admin/ideas/${idea.id}`}>{idea.title}</Link>
                    <span className="muted">
                      #{idea.id} · {t(`ideas.kind.${idea.kind}`)} ·{' '}
                      {inLocale(locale, idea.categoryNameEn, idea.categoryNameNl)} ·{' '}
                      <ShownName displayName={idea.authorName} />
                      {idea.tagNames.length
                        ? ` · ${idea.tagNames
                            .map(name)
                            .sort((a, b) => a.localeCompare(b, locale))
                            .join(', ')}`
                        : ''}
                    </span>
                    {idea.hidden ? (
                      <span className="tag tag--muted">{t('admin.hidden')}</span>
                    ) : null}
                    {idea.held ? <span className="tag tag--muted">{t('admin.held')}</span> : null}
                    {idea.withdrawn ? (
                      <span className="tag tag--muted">{t('ideas.withdrawnTag')}</span>
                    ) : null}
                  </th>
                  <td data-label={t('admin.status')}>
                    <StatusBadge status={idea} />
                    <RowStatusForm
                      idea={idea}
                      statuses={data.statuses}
                      result={result?.row === idea.id ? result : undefined}
                      busy={busy}
                    />
                  </td>
                  <td className="numeric" data-label={t('admin.age')}>
                    <span title={formatDate(locale, idea.createdAt)}>
                      {t('admin.days', { count: idea.ageDays })}
                    </span>
                  </td>
                  <td data-label={t('admin.due')}>
                    {idea.answeredAt ? (
                      <span className="muted">{t('admin.answered')}</span>
                    ) : idea.dueAt ? (
                      idea.overdue ? (
                        <strong className="overdue">
                          {t('admin.overdue', { date: formatDate(locale, idea.dueAt) })}
                        </strong>
                      ) : (
                        // Whole days rounded up ("within 1 day" 15 hours before), the moment on hover.
                        <span title={formatDate(locale, idea.dueAt)}>
                          {t('admin.dueIn', { count: idea.dueInDays ?? 0 })}
                        </span>
                      )
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="numeric" data-label={t('admin.votes')}>
                    {idea.score}
                  </td>
                  <td data-label={t('admin.channel')}>{t(`channel.${idea.channel as 'web'}`)}</td>
                  <td data-label={t('admin.assignee')}>{idea.assigneeName ?? '—'}</td>
                  <td className="numeric" data-label={t('admin.reports')}>
                    {idea.openReports || ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">
          {data.filtered ? (
            <>
              {t('admin.list.noMatch')}{' '}
              <Link
                to={hrefWith({
                  view: null,
                  q: null,
                  status: null,
                  kind: null,
                  category: null,
                  tag: null,
                })}
              >
                {t('admin.list.clearFilters')}
              </Link>
            </>
          ) : data.view === 'queue' ? (
            t('admin.queue.empty')
          ) : (
            t('admin.ideas.empty')
          )}
        </p>
      )}

      <Pager
        pageHref={pageHref}
        previousCursor={data.previousCursor}
        isFirstPage={data.isFirstPage}
        nextCursor={data.nextCursor}
      />
      <ShortcutsDialog />
    </>
  )
}

/**
 * A control's error attributes. `first`: the fields of its form in order; the first of them in error
 * also carries `autofocus`, so that a page answered to a post without JavaScript (or sent before the
 * page's script ran) opens with the focus there, as the Field component's fields do.
 */
function invalidProps(
  result: ListResult | undefined,
  field: string,
  prefix: string,
  first: readonly string[] = [],
) {
  if (!result?.fieldErrors?.[field]?.length) return {}
  const firstInError = first.find((name) => result.fieldErrors?.[name]?.length)
  return {
    'aria-invalid': true as const,
    'aria-describedby': `${prefix}-${field}-error`,
    ...(firstInError === field ? { autoFocus: true as const } : {}),
  }
}

/** The bulk status form's fields, in order. */
const BULK_FIELDS = ['statusId', 'response'] as const

function FieldErrorList({ id, keys }: { id: string; keys?: string[] }) {
  const { t } = useTranslation()
  if (!keys?.length) return null
  return (
    <ul className="field__errors" id={id}>
      {keys.map((key) => (
        <li key={key}>{isMessageKey(key) ? t(key) : t('validation.invalid')}</li>
      ))}
    </ul>
  )
}

/** One row's own status change: a disclosure with a status and an answer; focus goes into it when it opens. */
function RowStatusForm({
  idea,
  statuses,
  result,
  busy,
}: {
  idea: TriageListData['ideas'][number]
  statuses: TriageListData['statuses']
  result?: ListResult
  busy: boolean
}) {
  const { t } = useTranslation()
  const panel = useRef<HTMLDetailsElement>(null)
  const failed = Boolean(result)
  useEffect(() => {
    if (failed) panel.current?.querySelector<HTMLElement>('[aria-invalid="true"], select')?.focus()
  }, [failed])
  return (
    <details
      className="disclosure row-status"
      ref={panel}
      open={failed || undefined}
      onToggle={(event) => {
        if (event.currentTarget.open) event.currentTarget.querySelector('select')?.focus()
      }}
    >
      <summary aria-label={t('admin.row.changeStatusOf', { title: idea.title })}>
        {t('admin.row.changeStatus')}
      </summary>
      <Form method="post" className="form form--compact" noValidate>
        <input type="hidden" name="intent" value="row-status" />
        <input type="hidden" name="ideaId" value={idea.id} />
        <StatusChangeFields
          idPrefix={`row-${idea.id}`}
          statuses={statuses}
          result={result}
          busy={busy}
          compact
        />
      </Form>
    </details>
  )
}
