// The page a "Did this answer help you?" link opens: it says which idea and which answer the person
// is rating, with a link to the idea, shows their rating so far and lets them change it; saving
// redirects (303) so a reload cannot post it again. Called through the route with real Requests.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideaResponses, statuses } from '#app/db/schema'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { changeStatus } from '#app/domain/ideas/responses.server'
import { feedbackLinks } from '#app/domain/insights/feedback.server'
import { publishUpdate, saveUpdate } from '#app/domain/updates/updates.server'
import { action, loader } from '#app/routes/feedback'
import { translator } from '#app/utils/i18n/i18n'
import { createTestIdea, createTestUser } from '#tests/factories'
import { makeContext, makeRequest, settle } from '#tests/setup/request'

type Page = Awaited<ReturnType<typeof loader>>

const open = async (path: string) =>
  (await loader({ request: makeRequest({ path }), params: {}, context: makeContext() })) as Page
const rate = (token: string, helpful: 'yes' | 'no', comment = '') =>
  settle(() =>
    action({
      request: makeRequest({
        path: '/feedback',
        method: 'POST',
        form: { token, helpful, comment },
      }),
      params: {},
      context: makeContext(),
    }),
  )

describe('the answer feedback page', () => {
  it('shows the idea and the answer being rated, and the rating, which the person can change', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const author = await createTestUser({ password: null })
    const idea = await createTestIdea({ authorId: author.id, title: 'Oat milk in every store' })
    const [review] = await db()
      .select({ id: statuses.id })
      .from(statuses)
      .where(eq(statuses.slug, 'under-review'))
    await changeStatus({
      actor: moderator,
      ideaIds: [idea.id],
      statusId: review!.id,
      response: 'We are **talking** to two oat suppliers.',
    })
    const [response] = await db()
      .select({ id: ideaResponses.id })
      .from(ideaResponses)
      .where(eq(ideaResponses.ideaId, idea.id))
    const link = new URL(
      (await feedbackLinks({ kind: 'response', subjectId: response!.id, userId: author.id })).no,
    )
    const path = `${link.pathname}${link.search}`

    const first = await open(path)
    expect(first.subject).toMatchObject({
      kind: 'response',
      title: 'Oat milk in every store',
      href: ideaPath(idea),
      answer: 'We are talking to two oat suppliers.',
      rating: null,
    })
    expect(first.preset).toBe('no')

    const token = link.searchParams.get('token')!
    const saved = await rate(token, 'no', 'Which suppliers?')
    expect(saved).toBeInstanceOf(Response)
    expect((saved as Response).status).toBe(303)
    const after = await open((saved as Response).headers.get('Location')!)
    expect(after.saved).toBe(true)
    expect(after.subject?.rating).toEqual({ helpful: false, comment: 'Which suppliers?' })

    // Changed their mind: the same link changes the one rating.
    await rate(token, 'yes')
    expect((await open(path)).subject?.rating).toEqual({ helpful: true, comment: '' })
  })

  // An update is not an answer: its page asks and reports the rating in words for an update.
  it('speaks of the update, not of an answer, once an update is rated, in both languages', async () => {
    const marketer = await createTestUser({ role: 'marketer', password: null })
    const reader = await createTestUser({ password: null })
    const draft = await saveUpdate({
      actor: marketer,
      title: 'Honey syrup',
      summary: '',
      body: 'Here.',
    })
    if (!draft.ok) throw new Error('no draft')
    await publishUpdate({ actor: marketer, id: draft.id, markImplemented: [] })
    const link = new URL(
      (await feedbackLinks({ kind: 'update', subjectId: draft.id, userId: reader.id })).no,
    )
    await rate(link.searchParams.get('token')!, 'no')
    const page = await open(`${link.pathname}${link.search}`)
    expect(page.subject).toMatchObject({ kind: 'update', rating: { helpful: false } })
    for (const locale of ['en', 'nl'] as const) {
      const t = translator(locale)
      for (const key of [page.wording.question, page.wording.ratedNo, page.wording.ratedYes])
        expect(t(key), `${locale}: ${key}`).not.toMatch(/answer|antwoord/i)
    }
    expect(translator('en')(page.wording.ratedNo)).toMatch(/update/)
  })

  it('names no idea that is no longer public, and refuses a forged link', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const author = await createTestUser({ password: null })
    const idea = await createTestIdea({ authorId: author.id, title: 'Hidden later' })
    const [review] = await db()
      .select({ id: statuses.id })
      .from(statuses)
      .where(eq(statuses.slug, 'under-review'))
    await changeStatus({
      actor: moderator,
      ideaIds: [idea.id],
      statusId: review!.id,
      response: 'Looking into it.',
    })
    await db().execute(`update ideas set hidden_at = now() where id = ${idea.id}`)
    const [response] = await db()
      .select({ id: ideaResponses.id })
      .from(ideaResponses)
      .where(eq(ideaResponses.ideaId, idea.id))
    const link = new URL(
      (await feedbackLinks({ kind: 'response', subjectId: response!.id, userId: author.id })).yes,
    )
    const page = await open(`${link.pathname}${link.search}`)
    expect(page.subject).toMatchObject({ title: null, href: null })
    const forged = await open('/feedback?token=forged&answer=yes')
    expect(forged).toMatchObject({ valid: false, subject: null })
    const refused = (await rate('forged', 'yes')) as { init: { status: number } | null }
    expect(refused.init?.status).toBe(400)
  })
})
