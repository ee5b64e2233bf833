// The back-office lists' bulk actions, at the HTTP edge: the selected rows' checkboxes and the
// chosen action read from the form, one domain command each, answered as the list's action data or
// a redirect back to the list. Shared by the triage queue and the ideas list (admin._index.tsx,
// admin.ideas._index.tsx).
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'

import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import {
  changeStatus,
  rehearseStatusChange,
  type StaffActor,
} from '#app/domain/ideas/responses.server'
import {
  assignSchema,
  bulkSchema,
  bulkStatusChangeSchema,
  statusChangeSchema,
  tagChoiceSchema,
} from '#app/domain/triage/triage.schema'
import { assignIdeas, setTag } from '#app/domain/triage/triage.server'
import { fieldErrorsFrom, readFormLists, validate } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { requireRole } from '#app/utils/http/permissions.server'
import { refusalErrors, statusChangeRefusals } from '#app/utils/http/refusals'
import { renderMarkdown } from '#app/utils/markdown.server'
import { idField } from '#app/utils/schemas'

/**
 * What a status change from the list did, carried in the address it redirects to (redirect after
 * POST: reloading the page cannot post the change twice), shown as the page's confirmation.
 */
const doneSchema = z.object({
  moved: z.coerce.number().int().min(0).max(1_000_000),
  movedTo: idField(),
  told: z.coerce.number().int().min(0).max(100_000_000),
})
const doneParams = Object.keys(doneSchema.shape)

/** The back-office idea page after its status change, with the same confirmation in its address. */
export function ideaStatusChangedAddress(
  ideaId: number,
  { changed, notified }: { changed: number[]; notified: number },
  statusId: number,
) {
  const done = { moved: changed.length, movedTo: statusId, told: notified }
  return `/admin/ideas/${ideaId}?${new URLSearchParams(Object.entries(done).map(([key, value]) => [key, String(value)]))}#answer`
}

/** The list's own address without a previous confirmation, with this one's when given. */
function listAddress(request: Request, done?: z.infer<typeof doneSchema>) {
  const url = new URL(request.url)
  for (const key of doneParams) url.searchParams.delete(key)
  if (done)
    for (const [key, value] of Object.entries(done)) url.searchParams.set(key, String(value))
  return `${url.pathname}${url.search}`
}

/** The confirmation of a status change just made from a list or the idea page, read from the address. */
export function doneFromAddress(request: Request) {
  const shown = doneSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  return shown.success
    ? { moved: shown.data.moved, statusId: shown.data.movedTo, notified: shown.data.told }
    : null
}

export type BulkResult = {
  fieldErrors: Partial<Record<string, string[]>>
  formError?: string
  values: Record<string, string>
  /** The row whose own status form was posted, so its errors show there. */
  row?: number
  /**
   * The ideas that were ticked for a refused bulk change, ticked again on the page answered
   * (without JavaScript the page is new, and its boxes would come back empty).
   */
  selected?: number[]
  /** What a bulk change that tells people would do, asked before it is made (nothing changed yet). */
  confirm?: {
    ideaIds: number[]
    statusId: number
    moved: number
    notified: number
    response: string
    responseHtml: string
  }
}

/** A status change from the list: one row's own form (`row-status`) or the selected rows (`bulk-status`). */
async function statusFromList(
  request: Request,
  user: StaffActor,
  ideaIds: number[],
  values: Record<string, string>,
  row?: number,
) {
  const parsed = validate(row ? statusChangeSchema : bulkStatusChangeSchema, values)
  if (!parsed.ok)
    return data<BulkResult>({ ...parsed.failure, row, selected: ideaIds }, { status: 400 })
  const { statusId, response, notify } = parsed.data
  // A bulk change that tells people is shown first ("3 ideas move to Planned; 41 people will be told") and made once confirmed.
  const rehearsing = !row && notify && values.confirmed !== 'yes'
  const result = await (rehearsing ? rehearseStatusChange : changeStatus)({
    actor: user,
    ideaIds,
    statusId,
    response,
    notifyPeople: notify,
  })
  if (result.ok && rehearsing)
    return data<BulkResult>({
      fieldErrors: {},
      values,
      confirm: {
        ideaIds,
        statusId,
        moved: result.changed.length,
        notified: result.notified,
        response,
        responseHtml: renderMarkdown(response),
      },
    })
  if (result.ok)
    return redirect(
      listAddress(request, {
        moved: result.changed.length,
        movedTo: statusId,
        told: result.notified,
      }),
      303,
    )
  const refusal = statusChangeRefusals[result.reason]
  return data<BulkResult>(
    { ...refusalErrors(refusal), values, row, selected: ideaIds },
    { status: refusal.status },
  )
}

/** Bulk actions on the selected ideas (one status and response for all, assign, or tag), and a row's own status change. */
export async function bulkAction(request: Request) {
  const user = await requireRole(request, backOfficeRoles)
  const { values, lists } = await readFormLists(request)
  const selected = bulkSchema.safeParse({ ideaIds: lists.ideaId ?? [] })
  if (!selected.success)
    return data<BulkResult>(
      { fieldErrors: fieldErrorsFrom(selected.error), values },
      { status: 400 },
    )
  const args = { request, user, ideaIds: selected.data.ideaIds, values }
  return dispatchIntent(values.intent, bulkIntents, args, () => badRequest(values))
}

type BulkArgs = {
  request: Request
  user: StaffActor
  ideaIds: number[]
  values: Record<string, string>
}

/** A post with an action the lists do not have (or none), or a row's form for several rows. */
const badRequest = (values: Record<string, string>) =>
  data<BulkResult>({ fieldErrors: {}, formError: 'error.badRequestText', values }, { status: 400 })

/** Back to the list as it was (its filters and page), after an assignment or tag. */
const backToList = (request: Request) => redirect(listAddress(request), 303)

/** An assignment or tag the domain refused. */
const actionFailed = (values: Record<string, string>, selected: number[]) =>
  data<BulkResult>(
    { fieldErrors: {}, formError: 'admin.actionFailed', values, selected },
    { status: 409 },
  )

const bulkIntents = {
  'row-status': ({ request, user, ideaIds, values }: BulkArgs) =>
    ideaIds.length === 1
      ? statusFromList(request, user, ideaIds, values, ideaIds[0])
      : badRequest(values),
  'bulk-status': ({ request, user, ideaIds, values }: BulkArgs) =>
    statusFromList(request, user, ideaIds, values),
  async 'bulk-assign'({ request, user, ideaIds, values }: BulkArgs) {
    const parsed = validate(assignSchema, values)
    if (!parsed.ok)
      return data<BulkResult>({ ...parsed.failure, selected: ideaIds }, { status: 400 })
    const result = await assignIdeas({ actor: user, ideaIds, assigneeId: parsed.data.assigneeId })
    return result.ok ? backToList(request) : actionFailed(values, ideaIds)
  },
  async 'bulk-tag'({ request, user, ideaIds, values }: BulkArgs) {
    const parsed = validate(tagChoiceSchema, values)
    if (!parsed.ok)
      return data<BulkResult>({ ...parsed.failure, selected: ideaIds }, { status: 400 })
    const result = await setTag({
      actor: user,
      ideaIds,
      tagId: parsed.data.tagId,
      on: parsed.data.on === 'on',
    })
    return result.ok ? backToList(request) : actionFailed(values, ideaIds)
  },
}
