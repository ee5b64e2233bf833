// One report per person per idea or comment, as the page shows it: after "Thank you" the report form
// does not come back, and a repeat (an old tab, Back) is answered "You already reported this" and
// stored once.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { reports } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { postComment } from '#app/domain/comments/comments.server'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { action, loader } from '#app/routes/ideas.$ideaRef'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

type Page = {
  reported: string | null
  viewerReportedIdea: boolean
  comments: { id: number; reportedByViewer?: boolean }[]
}

describe('reporting an idea or a comment once', () => {
  it('takes one report per person per item, says so on a repeat, and no longer offers the form', async () => {
    const idea = await createTestIdea()
    const writer = await createTestUser({ password: null })
    const posted = await postComment({ actor: writer, ideaId: idea.id, body: 'Something rude' })
    const commentId = posted.ok ? posted.commentId : -1
    const reporter = await createTestUser({ password: null })
    const cookie = cookieFrom((await startSession(reporter.id)).cookie)
    const path = ideaPath(idea)
    const params = { ideaRef: path.replace('/ideas/', '') }
    const post = async (form: Record<string, string>) =>
      (await settle(() =>
        action({
          request: makeRequest({
            path,
            method: 'POST',
            cookie,
            form: { intent: 'report', reason: 'offensive', note: '', ...form },
          }),
          params,
          context: makeContext(),
        } as never),
      )) as Response
    const page = async (location: string) =>
      (await settle(() =>
        loader({
          request: makeRequest({ path: location.split('#')[0]!, cookie }),
          params,
          context: makeContext(),
        } as never),
      )) as Page

    const first = await post({ commentId: String(commentId) })
    expect(first.status).toBe(303)
    expect(first.headers.get('Location')).toBe(
      `${path}?reported=comment-${commentId}#comment-${commentId}`,
    )
    const thanked = await page(first.headers.get('Location')!)
    expect(thanked.reported).toBe('thanks')
    expect(thanked.comments.find((comment) => comment.id === commentId)?.reportedByViewer).toBe(
      true,
    )
    expect(thanked.viewerReportedIdea).toBe(false)

    const again = await post({ commentId: String(commentId), reason: 'spam' })
    expect(again.status).toBe(303)
    expect((await page(again.headers.get('Location')!)).reported).toBe('already')
    expect(await db().select().from(reports).where(eq(reports.commentId, commentId))).toHaveLength(
      1,
    )

    await post({})
    const ideaAgain = await post({})
    expect((await page(ideaAgain.headers.get('Location')!)).reported).toBe('already')
    expect((await page(path)).viewerReportedIdea).toBe(true)
    expect(await db().select().from(reports).where(eq(reports.ideaId, idea.id))).toHaveLength(1)

    // Somebody else still gets the form.
    const otherCookie = cookieFrom((await startSession(writer.id)).cookie)
    const theirs = (await settle(() =>
      loader({
        request: makeRequest({ path, cookie: otherCookie }),
        params,
        context: makeContext(),
      } as never),
    )) as Page
    expect(theirs.viewerReportedIdea).toBe(false)
    expect(theirs.comments.find((comment) => comment.id === commentId)?.reportedByViewer).toBe(
      false,
    )
  })
})
