// The idea page says only what holds: a withdrawn idea (for its author, for others), reporting,
// deleting a comment, a burst of near-identical comments. Loaders and actions called with real
// Requests, as Remix calls them.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { notifications, outbox } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { SESSION_COOKIE_NAME, startSession } from '#app/domain/accounts/sessions.server'
import { postComment } from '#app/domain/comments/comments.server'
import { editIdea, withdrawIdea } from '#app/domain/ideas/editing.server'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { acknowledgeIdea } from '#app/domain/ideas/posting.server'
import { renderQueuedMessage } from '#app/domain/notifications/messages.server'
import { inAppHeadline } from '#app/domain/notifications/notifications.rules'
import { listNotifications } from '#app/domain/notifications/notifications.server'
import { action as ideaAction, loader as ideaLoader } from '#app/routes/ideas.$ideaRef'
import { action as editAction } from '#app/routes/ideas.$ideaRef_.edit'
import { makeContext, makeRequest, settle } from '#tests/setup/request'

type IdeaPage = Awaited<ReturnType<typeof ideaLoader>>
type DataResult = {
  type: 'DataWithResponseInit'
  data: Record<string, unknown>
  init: { status?: number } | null
}

async function signedIn() {
  const person = await createTestUser({ password: null })
  const { sessionId } = await startSession(person.id)
  return { person, cookie: `${SESSION_COOKIE_NAME}=${sessionId}` }
}

const ideaRef = (idea: { id: number; slug: string }) => ideaPath(idea).replace('/ideas/', '')

async function viewPage(idea: { id: number; slug: string }, cookie?: string) {
  const request = makeRequest({ path: ideaPath(idea), cookie })
  return (await ideaLoader({
    request,
    params: { ideaRef: ideaRef(idea) },
    context: makeContext(),
  })) as IdeaPage
}

async function postToPage(
  idea: { id: number; slug: string },
  cookie: string,
  form: Record<string, string>,
) {
  const request = makeRequest({ path: ideaPath(idea), method: 'POST', form, cookie })
  return settle(() =>
    ideaAction({ request, params: { ideaRef: ideaRef(idea) }, context: makeContext() }),
  )
}

describe('a withdrawn idea', () => {
  it('shows its author that it was withdrawn, and nothing that no longer holds', async () => {
    const { person: author, cookie } = await signedIn()
    const idea = await createTestIdea({ authorId: author.id })
    const before = await viewPage(idea, cookie)
    expect(before.view).toMatchObject({
      showStatus: true,
      showPromise: true,
      voting: true,
      discussion: 'open',
      mayReportIdea: false,
    })
    expect(before.clock?.dueAt).toBeTruthy()

    const withdraw = (await settle(() =>
      editAction({
        request: makeRequest({
          path: `${ideaPath(idea)}/edit`,
          method: 'POST',
          form: { intent: 'withdraw', confirm: 'yes' },
          cookie,
        }),
        params: { ideaRef: ideaRef(idea) },
        context: makeContext(),
      }),
    )) as Response
    // Back to the page, which says it once: no notice stacked on the page's own banner.
    expect(withdraw.status).toBe(303)
    expect(withdraw.headers.get('Location')).toBe(ideaPath(idea))

    const after = await viewPage(idea, cookie)
    expect(after.view).toEqual({
      showStatus: false,
      showPromise: false,
      voting: false,
      discussion: 'withdrawn',
      mayReportIdea: false,
      waitingForModerator: false,
    })
    expect(after.clock).toBeNull()
    expect(after.isAuthor).toBe(true)
  })

  it('tells other people why they cannot comment (not to sign in), and shows them no status or voting either', async () => {
    const idea = await createTestIdea()
    expect((await withdrawIdea({ actor: { id: idea.authorId }, ideaId: idea.id })).ok).toBe(true)
    const { cookie } = await signedIn()
    const team = await createTestUser({ password: null, role: 'admin' })
    const teamCookie = `${SESSION_COOKIE_NAME}=${(await startSession(team.id)).sessionId}`
    expect((await viewPage(idea, teamCookie)).view).toMatchObject({
      discussion: 'withdrawn',
      voting: false,
      showStatus: false,
      showPromise: false,
    })
    expect((await viewPage(idea, cookie)).view).toEqual({
      showStatus: false,
      showPromise: false,
      voting: false,
      discussion: 'withdrawn',
      mayReportIdea: true,
      waitingForModerator: false,
    })
    expect((await viewPage(idea)).view).toMatchObject({ discussion: 'withdrawn', voting: false })
  })

  it('no longer promises an answer in its acknowledgement, in the app or by email', async () => {
    const { person: author } = await signedIn()
    const idea = await createTestIdea({ authorId: author.id })
    expect(idea.firstResponseDueAt).toBeTruthy()
    await acknowledgeIdea({ idea, authorId: author.id })
    const [before] = (await listNotifications({ userId: author.id })).notifications
    expect(inAppHeadline(before!)).toBe('notifications.received')

    await withdrawIdea({ actor: author, ideaId: idea.id })
    const [after] = (await listNotifications({ userId: author.id })).notifications
    expect(inAppHeadline(after!)).toBe('notifications.receivedWithdrawn')
    const [queued] = await db()
      .select({ id: outbox.id })
      .from(outbox)
      .innerJoin(notifications, eq(notifications.id, outbox.notificationId))
      .where(eq(notifications.ideaId, idea.id))
    const email = await renderQueuedMessage({ outboxId: queued!.id })
    expect(email?.text).toContain('We received your idea')
    expect(email?.text).not.toContain('first answer by')
  })
})

describe('reporting and deleting', () => {
  it('offers Report on an idea to others, never to its author', async () => {
    const { person: author, cookie: authorCookie } = await signedIn()
    const idea = await createTestIdea({ authorId: author.id })
    const { cookie } = await signedIn()
    expect((await viewPage(idea, authorCookie)).view.mayReportIdea).toBe(false)
    expect((await viewPage(idea, cookie)).view.mayReportIdea).toBe(true)
    expect((await viewPage(idea)).view.mayReportIdea).toBe(false)
  })

  it('deletes a comment only once it is confirmed', async () => {
    const idea = await createTestIdea()
    const { person, cookie } = await signedIn()
    const posted = await postComment({
      actor: person,
      ideaId: idea.id,
      body: 'A comment I will regret',
    })
    if (!posted.ok) throw new Error('not posted')
    const unconfirmed = (await postToPage(idea, cookie, {
      intent: 'delete',
      commentId: String(posted.commentId),
    })) as DataResult
    expect(unconfirmed.init?.status).toBe(400)
    expect(unconfirmed.data.fieldErrors).toEqual({ confirm: ['comments.deleteConfirmRequired'] })
    expect((await viewPage(idea, cookie)).comments.map((comment) => comment.deleted)).toEqual([
      false,
    ])

    const confirmed = (await postToPage(idea, cookie, {
      intent: 'delete',
      commentId: String(posted.commentId),
      confirm: 'yes',
    })) as Response
    expect(confirmed.status).toBe(303)
    expect((await viewPage(idea, cookie)).comments).toEqual([])
  })
})

describe('a burst of near-identical comments', () => {
  it('goes through the spam check: after the first couple, the same comment again is refused', async () => {
    const { cookie } = await signedIn()
    const ideasToSpam = await Promise.all(Array.from({ length: 15 }, () => createTestIdea()))
    const statuses: number[] = []
    for (const [index, idea] of ideasToSpam.entries()) {
      const result = await postToPage(idea, cookie, {
        intent: 'post',
        body: `+1 please fix this!!! (${index})`,
        submissionKey: `burst-key-${index}`,
      })
      statuses.push(
        result instanceof Response ? result.status : ((result as DataResult).init?.status ?? 0),
      )
    }
    expect(statuses.slice(0, 2)).toEqual([303, 303])
    expect(statuses.slice(2)).toEqual(Array.from({ length: 13 }, () => 422))
  })

  it('leaves a lively discussion alone: fifteen different comments in a row all go through', async () => {
    const idea = await createTestIdea()
    const { person } = await signedIn()
    const topics = [
      'pricing',
      'export to CSV',
      'the dark theme',
      'keyboard shortcuts',
      'mobile layout',
      'search speed',
      'email digests',
      'the roadmap',
      'tags',
      'voting limits',
      'SSO',
      'webhooks',
      'attachments',
      'the API',
      'Dutch translations',
    ]
    for (const topic of topics) {
      const result = await postComment({
        actor: person,
        ideaId: idea.id,
        body: `I would love to hear more about ${topic} here.`,
      })
      expect(result).toMatchObject({ ok: true })
    }
  })
})

describe('the edit history', () => {
  it('renders each earlier version as the page does, with what the edit changed marked', async () => {
    const { person: author, cookie } = await signedIn()
    const idea = await createTestIdea({
      authorId: author.id,
      title: 'Dark mode for the app',
      description: 'Please add a **dark** mode.\n\n- for the app',
    })
    expect(
      await editIdea({
        actor: author,
        ideaId: idea.id,
        title: 'Dark theme for the app',
        description: 'Please add a **dark** theme.\n\n- for the app\n- for email',
      }),
    ).toMatchObject({ ok: true })
    const page = await viewPage({ id: idea.id, slug: 'dark-theme-for-the-app' }, cookie)
    const [revision] = page.revisions
    expect(revision!.titleChanges).toEqual([
      { kind: 'same', text: 'Dark ' },
      { kind: 'removed', text: 'mode' },
      { kind: 'added', text: 'theme' },
      { kind: 'same', text: ' for the app' },
    ])
    expect(revision!.html).toContain('<strong>dark</strong>')
    expect(revision!.html).toContain('<del class="diff-removed">mode.</del>')
    expect(revision!.html).toContain('<ins>theme.</ins>')
    expect(revision!.html).toContain('<li><ins>for email</ins></li>')
    expect(revision!.html).not.toContain('**')
  })
})

describe('the language ideas and comments are written in', () => {
  it('is detected when written, shown to the page, and corrected by the author in the edit form', async () => {
    const { person: author, cookie } = await signedIn()
    const idea = await createTestIdea({
      authorId: author.id,
      title: 'Graag een donkere modus',
      description:
        'Het scherm is te fel in de avond. Kunnen jullie een donkere modus toevoegen voor de app?',
    })
    await postComment({
      actor: author,
      ideaId: idea.id,
      body: 'Same here, it would help me a lot at night because the screen is bright.',
    })
    const page = await viewPage(idea, cookie)
    expect(page.idea.language).toBe('nl')
    expect(page.comments.map((comment) => comment.language)).toEqual(['en'])

    const corrected = (await settle(() =>
      editAction({
        request: makeRequest({
          path: `${ideaPath(idea)}/edit`,
          method: 'POST',
          form: {
            intent: 'edit',
            title: idea.title,
            description: idea.description,
            language: 'en',
          },
          cookie,
        }),
        params: { ideaRef: ideaRef(idea) },
        context: makeContext(),
      }),
    )) as Response
    expect(corrected.status).toBe(303)
    const after = await viewPage(idea, cookie)
    expect(after.idea.language).toBe('en')
    // Only the language changed: no new earlier version in the history.
    expect(after.revisions).toEqual([])
  })
})
