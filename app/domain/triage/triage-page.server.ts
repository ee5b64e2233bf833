// The triage and idea lists' shared request handling: filters from the URL, the list, and the
// bulk actions posted from the list's checkboxes.
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import { requireRole } from '#app/domain/accounts/permissions.server'
import { decodeCursor, ideaKinds } from '#app/domain/ideas/ideas.rules'
import { listCategories, listStatuses } from '#app/domain/ideas/ideas.server'
import { changeStatus } from '#app/domain/ideas/responses.server'
import { fieldErrorsFrom, readFormLists, validate } from '#app/utils/forms.server'
import { idField, searchTextField } from '#app/utils/schemas'
import { assignIdeas, listTags, listTeam, listTriage, setTag, type TriageView } from './triage.server'
import { assignSchema, bulkSchema, statusChangeSchema, tagChoiceSchema } from './triage.schema'

/** The back-office lists' filters from the URL (anything invalid reads as no filter). */
export const triageFiltersSchema = z.object({
  view: z.enum(['all', 'mine']).optional().catch(undefined),
  status: z.string().regex(/^[a-z0-9-]{1,40}$/).optional().catch(undefined),
  kind: z.enum(ideaKinds).optional().catch(undefined),
  category: idField().optional().catch(undefined),
  tag: idField().optional().catch(undefined),
  q: searchTextField(200).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
})

export async function loadTriagePage(request: Request, base: 'queue' | 'ideas') {
  const user = await requireRole(request, backOfficeRoles)
  const filters = triageFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const view: TriageView = base === 'queue' ? 'queue' : (filters.view ?? 'all')
  const [page, statuses, categories, tags, team] = await Promise.all([
    listTriage({
      view,
      viewerId: user.id,
      statusSlug: filters.status,
      kind: filters.kind,
      categoryId: filters.category,
      tagId: filters.tag,
      search: filters.q,
      cursor: decodeCursor(filters.cursor, 'timestamptz'),
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
    },
    isFirstPage: !filters.cursor,
    ...page,
    statuses: statuses.map(({ id, slug, nameEn, nameNl, retired }) => ({ id, slug, nameEn, nameNl, retired })),
    categories: categories.map(({ id, kind, nameEn, nameNl }) => ({ id, kind, nameEn, nameNl })),
    tags: tags.map(({ id, nameEn, nameNl }) => ({ id, nameEn, nameNl })),
    team,
  }
}

export type BulkResult = { fieldErrors: Partial<Record<string, string[]>>; formError?: string; values: Record<string, string>; done?: string }

/** Bulk actions on the selected ideas: one status and response for all, assign, or tag. */
export async function bulkAction(request: Request) {
  const user = await requireRole(request, backOfficeRoles)
  const { values, lists } = await readFormLists(request)
  const selected = bulkSchema.safeParse({ ideaIds: lists.ideaId ?? [] })
  if (!selected.success) return data<BulkResult>({ fieldErrors: fieldErrorsFrom(selected.error), values }, { status: 400 })
  const { ideaIds } = selected.data
  const back = () => redirect(`${new URL(request.url).pathname}${new URL(request.url).search}`, 303)
  switch (values.intent) {
    case 'bulk-status': {
      const parsed = validate(statusChangeSchema, values)
      if (!parsed.ok) return data<BulkResult>(parsed.failure, { status: 400 })
      const result = await changeStatus({ actor: user, ideaIds, statusId: parsed.data.statusId, response: parsed.data.response, notifyPeople: parsed.data.notify })
      if (!result.ok) return data<BulkResult>({ fieldErrors: {}, formError: `admin.statusError.${result.error}`, values }, { status: result.error === 'forbidden' ? 403 : 409 })
      return back()
    }
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
