// The triage and idea lists' shared request handling: filters from the URL, the list, and the
// bulk actions posted from the list's checkboxes.
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import { requireRole } from '#app/utils/http/permissions.server'
import { decodeCursor, ideaKinds } from '#app/domain/ideas/ideas.rules'
import { listCategories, listStatuses } from '#app/domain/ideas/ideas.server'
import { changeStatus, type StaffActor } from '#app/domain/ideas/responses.server'
import { fieldErrorsFrom, readFormLists, validate } from '#app/utils/forms.server'
import { idField, searchTextField } from '#app/utils/schemas'
import { defaultTriageSort, triageSorts, triageSortsFor } from './triage.rules'
import { assignSchema, bulkSchema, bulkStatusChangeSchema, statusChangeSchema, tagChoiceSchema } from './triage.schema'
import { assignIdeas, listTags, listTeam, listTriage, setTag, triageCursorCast, type TriageView } from './triage.server'

/** The back-office lists' filters from the URL (anything invalid reads as no filter). */
export const triageFiltersSchema = z.object({
  view: z.enum(['all', 'mine']).optional().catch(undefined),
  status: z.string().regex(/^[a-z0-9-]{1,40}$/).optional().catch(undefined),
  kind: z.enum(ideaKinds).optional().catch(undefined),
  category: idField().optional().catch(undefined),
  tag: idField().optional().catch(undefined),
  q: searchTextField(200).optional().catch(undefined),
  sort: z.enum(triageSorts).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  select: z.enum(['all', 'none']).optional().catch(undefined),
})

export async function loadTriagePage(request: Request, base: 'queue' | 'ideas') {
  const user = await requireRole(request, backOfficeRoles)
  const filters = triageFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const view: TriageView = base === 'queue' ? 'queue' : (filters.view ?? 'all')
  const sort = filters.sort && triageSortsFor(view).includes(filters.sort) ? filters.sort : defaultTriageSort(view)
  const [page, statuses, categories, tags, team] = await Promise.all([
    listTriage({
      view,
      viewerId: user.id,
      statusSlug: filters.status,
      kind: filters.kind,
      categoryId: filters.category,
      tagId: filters.tag,
      search: filters.q,
      sort,
      cursor: decodeCursor(filters.cursor, triageCursorCast(sort)),
    }),
    listStatuses(),
    listCategories(),
    listTags(),
    listTeam(),
  ])
  return {
    view,
    filters: {
      view: filters.view ?? '',
      status: filters.status ?? '',
      kind: filters.kind ?? '',
      category: filters.category ? String(filters.category) : '',
      tag: filters.tag ? String(filters.tag) : '',
      q: filters.q ?? '',
      sort: filters.sort === sort ? sort : '',
    },
    sort,
    sorts: triageSortsFor(view),
    selectAll: filters.select === 'all',
    isFirstPage: !filters.cursor,
    ...page,
    statuses: statuses.map(({ id, slug, nameEn, nameNl, retired }) => ({ id, slug, nameEn, nameNl, retired })),
    categories: categories.map(({ id, kind, nameEn, nameNl }) => ({ id, kind, nameEn, nameNl })),
    tags: tags.map(({ id, nameEn, nameNl }) => ({ id, nameEn, nameNl })),
    team,
  }
}

export type BulkResult = {
  fieldErrors: Partial<Record<string, string[]>>
  formError?: string
  values: Record<string, string>
  /** The row whose own status form was posted, so its errors show there. */
  row?: number
  /** What a status change did: how many ideas moved to which status, and how many people are told. */
  done?: { moved: number; statusId: number; notified: number }
}

/** A status change from the list: one row's own form (`row-status`) or the selected rows (`bulk-status`). */
async function statusFromList(user: StaffActor, ideaIds: number[], values: Record<string, string>, row?: number) {
  const parsed = validate(row ? statusChangeSchema : bulkStatusChangeSchema, values)
  if (!parsed.ok) return data<BulkResult>({ ...parsed.failure, row }, { status: 400 })
  const { statusId, response, notify } = parsed.data
  const result = await changeStatus({ actor: user, ideaIds, statusId, response, notifyPeople: notify })
  if (result.ok) return data<BulkResult>({ fieldErrors: {}, values: {}, done: { moved: result.changed.length, statusId, notified: result.notified } })
  if (result.error === 'responseRequired') return data<BulkResult>({ fieldErrors: { response: ['admin.statusError.responseRequired'] }, values, row }, { status: 400 })
  return data<BulkResult>({ fieldErrors: {}, formError: `admin.statusError.${result.error}`, values, row }, { status: result.error === 'forbidden' ? 403 : 409 })
}

/** Bulk actions on the selected ideas (one status and response for all, assign, or tag), and a row's own status change. */
export async function bulkAction(request: Request) {
  const user = await requireRole(request, backOfficeRoles)
  const { values, lists } = await readFormLists(request)
  const selected = bulkSchema.safeParse({ ideaIds: lists.ideaId ?? [] })
  if (!selected.success) return data<BulkResult>({ fieldErrors: fieldErrorsFrom(selected.error), values }, { status: 400 })
  const { ideaIds } = selected.data
  const back = () => redirect(`${new URL(request.url).pathname}${new URL(request.url).search}`, 303)
  switch (values.intent) {
    case 'row-status':
      return ideaIds.length === 1 ? statusFromList(user, ideaIds, values, ideaIds[0]) : data<BulkResult>({ fieldErrors: {}, formError: 'error.badRequestText', values }, { status: 400 })
    case 'bulk-status':
      return statusFromList(user, ideaIds, values)
    case 'bulk-assign': {
      const parsed = validate(assignSchema, values)
      if (!parsed.ok) return data<BulkResult>(parsed.failure, { status: 400 })
      const result = await assignIdeas({ actor: user, ideaIds, assigneeId: parsed.data.assigneeId })
      if (!result.ok) return data<BulkResult>({ fieldErrors: {}, formError: 'admin.actionFailed', values }, { status: 409 })
      return back()
    }
    case 'bulk-tag': {
      const parsed = validate(tagChoiceSchema, values)
      if (!parsed.ok) return data<BulkResult>(parsed.failure, { status: 400 })
      const result = await setTag({ actor: user, ideaIds, tagId: parsed.data.tagId, on: parsed.data.on === 'on' })
      if (!result.ok) return data<BulkResult>({ fieldErrors: {}, formError: 'admin.actionFailed', values }, { status: 409 })
      return back()
    }
    default:
      return data<BulkResult>({ fieldErrors: {}, formError: 'error.badRequestText', values }, { status: 400 })
  }
}
