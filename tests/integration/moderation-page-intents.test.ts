// The moderation queues' buttons, called with real Requests: held ideas (/admin/approvals: approve,
// reject with a reason) and reports (/admin/reports: dismiss, restore, hide with a reason). Each
// intent runs its own command; a form with errors, a decision that no longer applies and an intent
// the page does not have are each answered beside the item they came from.
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { reportContent } from '#app/domain/moderation/reports.server'
import { action as approvalsAction } from '#app/routes/admin.approvals'
import { action as reportsAction } from '#app/routes/admin.reports'
import { cookieFrom, makeContext, makeRequest, settle, statusOf } from '#tests/setup/request'

let cookie = ''
beforeAll(async () => {
  const moderator = await createTestUser({ role: 'moderator', password: null })
  cookie = cookieFrom((await startSession(moderator.id)).cookie)
})

const post = (
  action: (args: never) => Promise<unknown>,
  path: string,
  form: Record<string, string>,
) =>
  settle(() =>
    action({
      request: makeRequest({ path, method: 'POST', form, cookie }),
      params: {},
      context: makeContext(),
    } as never),
  )
const location = (answer: unknown) => (answer as Response).headers.get('Location')
const dataOf = (answer: unknown) => (answer as { data: Record<string, unknown> }).data
const ideaRow = async (id: number) =>
  (
    await db()
      .select({ heldAt: ideas.heldAt, hiddenAt: ideas.hiddenAt, hiddenReason: ideas.hiddenReason })
      .from(ideas)
      .where(eq(ideas.id, id))
  )[0]!

describe('held ideas (/admin/approvals)', () => {
  const decide = (form: Record<string, string>) => post(approvalsAction, '/admin/approvals', form)

  it('approves, and rejects with a reason, each by its own button', async () => {
    const [approved, rejected] = await Promise.all([
      createTestIdea({ heldReason: 'firstPost' }),
      createTestIdea({ heldReason: 'firstPost' }),
    ])
    const approve = await decide({ intent: 'approve', ideaId: String(approved.id) })
    expect(statusOf(approve)).toBe(303)
    // The moderator is told what happened (the card just vanished before).
    expect(location(approve)).toBe('/admin/approvals?notice=admin.approvals.approved')
    expect(await ideaRow(approved.id)).toMatchObject({ heldAt: null, hiddenAt: null })
    const reject = await decide({
      intent: 'reject',
      ideaId: String(rejected.id),
      reason: 'Advertising',
    })
    expect(statusOf(reject)).toBe(303)
    expect(location(reject)).toBe('/admin/approvals?notice=admin.approvals.rejected')
    expect(await ideaRow(rejected.id)).toMatchObject({
      heldAt: null,
      hiddenAt: expect.any(Date),
      hiddenReason: 'Advertising',
    })
  })

  it('answers beside the idea: a rejection without a reason, a decided idea, another intent', async () => {
    const held = await createTestIdea({ heldReason: 'firstPost' })
    const ideaId = String(held.id)
    const noReason = await decide({ intent: 'reject', ideaId, reason: ' ' })
    expect(statusOf(noReason)).toBe(400)
    expect(dataOf(noReason)).toMatchObject({
      ideaId,
      fieldErrors: { reason: ['admin.reasonRequired'] },
    })
    const other = await decide({ intent: 'publish', ideaId })
    expect(statusOf(other)).toBe(400)
    expect(dataOf(other)).toMatchObject({ ideaId, formError: 'error.badRequestText' })
    expect((await ideaRow(held.id)).heldAt).not.toBeNull()
    const decided = await createTestIdea()
    const late = await decide({ intent: 'approve', ideaId: String(decided.id) })
    expect(statusOf(late)).toBe(409)
    expect(dataOf(late)).toMatchObject({
      ideaId: String(decided.id),
      formError: 'admin.actionFailed',
    })
  })
})

describe('reports (/admin/reports)', () => {
  const act = (form: Record<string, string>) => post(reportsAction, '/admin/reports', form)
  async function reported() {
    const idea = await createTestIdea()
    const reporter = await createTestUser({ password: null })
    expect(
      (await reportContent({ actor: reporter, ideaId: idea.id, reason: 'spam', note: '' })).ok,
    ).toBe(true)
    return { idea, target: { kind: 'idea', targetId: String(idea.id) } }
  }

  it('hides with a reason, restores and dismisses, each by its own button', async () => {
    const { idea, target } = await reported()
    const hide = await act({ intent: 'hide', ...target, reason: 'Spam link' })
    expect(statusOf(hide)).toBe(303)
    expect(location(hide)).toBe('/admin/reports')
    expect(await ideaRow(idea.id)).toMatchObject({
      hiddenAt: expect.any(Date),
      hiddenReason: 'Spam link',
    })
    expect(statusOf(await act({ intent: 'restore', ...target }))).toBe(303)
    expect((await ideaRow(idea.id)).hiddenAt).toBeNull()
    const other = await reported()
    expect(statusOf(await act({ intent: 'dismiss', ...other.target }))).toBe(303)
    expect((await ideaRow(other.idea.id)).hiddenAt).toBeNull()
  })

  it('answers beside the item: hiding without a reason, another intent', async () => {
    const { idea, target } = await reported()
    const noReason = await act({ intent: 'hide', ...target, reason: '' })
    expect(statusOf(noReason)).toBe(400)
    expect(dataOf(noReason)).toMatchObject({
      target: target.targetId,
      fieldErrors: { reason: ['admin.reasonRequired'] },
    })
    const other = await act({ intent: 'delete', ...target })
    expect(statusOf(other)).toBe(400)
    expect(dataOf(other)).toMatchObject({
      target: target.targetId,
      formError: 'error.badRequestText',
    })
    expect((await ideaRow(idea.id)).hiddenAt).toBeNull()
  })
})
