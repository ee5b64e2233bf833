// The back office's idea table with filters and bulk actions. Plain forms: filters are a GET form,
// the selection and actions one POST form, so it works without JavaScript and by keyboard.
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { StatusBadge } from '#app/components/ideas/status-badge'
import { FormError } from '#app/components/ui/field'
import { CategoryFilter, KindFilter } from '#app/components/ui/filter-fields'
import { formatDate, isMessageKey, useTranslation } from '#app/utils/i18n/i18n'
import { listPageHref } from '#app/utils/page-href'

type Named = { nameEn: string; nameNl: string }

export type TriageListData = {
  view: 'queue' | 'mine' | 'all'
  filters: { view: string; status: string; kind: string; category: string; tag: string; q: string }
  isFirstPage: boolean
  nextCursor: string | null
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
    tagNames: string[]
    hidden: boolean
    held: boolean
    withdrawn: boolean
  }[]
  statuses: ({ id: number; slug: string; retired: boolean } & Named)[]
  categories: ({ id: number; kind: string } & Named)[]
  tags: ({ id: number } & Named)[]
  team: { id: number; displayName: string }[]
}

export function TriageList({ data, basePath }: { data: TriageListData; basePath: string }) {
  const { t, locale } = useTranslation()
  const name = (item: Named) => (locale === 'nl' ? item.nameNl : item.nameEn)
  const result = useActionData<{ fieldErrors?: Partial<Record<string, string[]>>; formError?: string }>()
  const busy = useNavigation().state === 'submitting'
  const pageHref = (cursor: string | null) => listPageHref(basePath, data.filters, cursor)
  const now = Date.now()
  const ageDays = (date: string | Date) => Math.max(0, Math.floor((now - new Date(date).getTime()) / 86_400_000))
  const errorText = (key?: string) => (key ? (isMessageKey(key) ? t(key) : t('validation.invalid')) : null)

  return (
    <>
      <Form method="get" className="filters" role="search" aria-label={t('admin.filters')}>
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
          <input id="q" name="q" type="search" defaultValue={data.filters.q} maxLength={200} />
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

      <Form method="post" className="triage">
        <FormError message={result?.formError} />
        {result?.fieldErrors?.ideaIds ? <p className="form-error" role="alert">{errorText(result.fieldErrors.ideaIds[0])}</p> : null}
        {data.ideas.length ? (
          <div className="table-scroll">
            <table className="table table--cards triage-table">
              <caption className="visually-hidden">{data.view === 'queue' ? t('admin.queue.title') : t('admin.ideas.title')}</caption>
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
                  <tr key={idea.id}>
                    <td className="table__select">
                      <input type="checkbox" name="ideaId" value={idea.id} id={`select-${idea.id}`} aria-label={t('admin.selectIdea', { title: idea.title })} />
                    </td>
                    <th scope="row" className="triage-table__idea">
                      <Link to={`/admin/ideas/${idea.id}`}>{idea.title}</Link>
                      <span className="muted">
                        #{idea.id} · {t(`ideas.kind.${idea.kind}`)} · {locale === 'nl' ? idea.categoryNameNl : idea.categoryNameEn} · {idea.authorName}
                        {idea.tagNames.length ? ` · ${idea.tagNames.join(', ')}` : ''}
                      </span>
                      {idea.hidden ? <span className="tag tag--muted">{t('admin.hidden')}</span> : null}
                      {idea.held ? <span className="tag tag--muted">{t('admin.held')}</span> : null}
                      {idea.withdrawn ? <span className="tag tag--muted">{t('ideas.withdrawnTag')}</span> : null}
                    </th>
                    <td data-label={t('admin.status')}>
                      <StatusBadge slug={idea.statusSlug} nameEn={idea.statusNameEn} nameNl={idea.statusNameNl} color={idea.statusColor} />
                    </td>
                    <td className="numeric" data-label={t('admin.age')}>
                      <span title={formatDate(locale, idea.createdAt)}>{t('admin.days', { count: ageDays(idea.createdAt) })}</span>
                    </td>
                    <td data-label={t('admin.due')}>
                      {idea.answeredAt ? (
                        <span className="muted">{t('admin.answered')}</span>
                      ) : idea.dueAt ? (
                        new Date(idea.dueAt).getTime() < now ? (
                          <strong className="overdue">{t('admin.overdue', { date: formatDate(locale, idea.dueAt) })}</strong>
                        ) : (
                          t('admin.dueIn', { count: Math.ceil((new Date(idea.dueAt).getTime() - now) / 86_400_000) })
                        )
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="numeric" data-label={t('admin.votes')}>{idea.score}</td>
                    <td data-label={t('admin.channel')}>{t(`channel.${idea.channel as 'web'}`)}</td>
                    <td data-label={t('admin.assignee')}>{idea.assigneeName ?? '—'}</td>
                    <td className="numeric" data-label={t('admin.reports')}>{idea.openReports || ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty-state">{data.view === 'queue' ? t('admin.queue.empty') : t('admin.ideas.empty')}</p>
        )}

        {data.ideas.length ? (
          <fieldset className="bulk-actions card">
            <legend>{t('admin.bulk.title')}</legend>
            <div className="bulk-actions__group">
              <div className="field">
                <label htmlFor="bulk-status">{t('admin.bulk.status')}</label>
                <select id="bulk-status" name="statusId" defaultValue="">
                  <option value="">{t('admin.chooseStatus')}</option>
                  {data.statuses
                    .filter((status) => !status.retired && status.slug !== 'duplicate')
                    .map((status) => (
                      <option key={status.id} value={status.id}>
                        {name(status)}
                      </option>
                    ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="bulk-response">{t('admin.response')}</label>
                <textarea id="bulk-response" name="response" rows={2} maxLength={10000} />
              </div>
              <label className="check">
                <input type="checkbox" name="notify" defaultChecked /> {t('admin.notify')}
              </label>
              <button type="submit" name="intent" value="bulk-status" className="button button--small" disabled={busy}>
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
              <button type="submit" name="intent" value="bulk-assign" className="button button--small button--secondary" disabled={busy}>
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
                <button type="submit" name="intent" value="bulk-tag" className="button button--small button--secondary" disabled={busy}>
                  {t('admin.bulk.tag')}
                </button>
              </div>
            ) : null}
          </fieldset>
        ) : null}
      </Form>

      <nav className="pager" aria-label={t('ideas.pagination')}>
        {!data.isFirstPage ? <Link to={pageHref(null)}>{t('ideas.firstPage')}</Link> : <span />}
        {data.nextCursor ? (
          <Link to={pageHref(data.nextCursor)} rel="next" className="button button--secondary">
            {t('ideas.nextPage')}
          </Link>
        ) : null}
      </nav>
    </>
  )
}
