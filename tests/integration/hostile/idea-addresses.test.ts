// Forms posted to any address of an idea: the bare id (/ideas/39), an old slug, or the current one.
// Each is performed there and answered with the current address; a refused one keeps its errors
// and text instead of being lost in a redirect. Requests go through Remix's own handling (action,
// then the page's loaders), as a browser without JavaScript sends them.
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { comments, follows, reports, votes } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import * as ideaPage from '#app/routes/ideas.$ideaRef'
import * as followRoute from '#app/routes/ideas.$ideaRef_.follow'
import * as voteRoute from '#app/routes/ideas.$ideaRef_.vote'
import { remixHandler } from '#tests/setup/remix-handler'
import { makeRequest } from '#tests/setup/request'

const handle = remixHandler({
  'routes/ideas.$ideaRef': { path: 'ideas/:ideaRef', module: ideaPage },
  'routes/ideas.$ideaRef_.follow': { path: 'ideas/:ideaRef/follow', module: followRoute },
  'routes/ideas.$ideaRef_.vote': { path: 'ideas/:ideaRef/vote', module: voteRoute },
})

type Idea = { id: number; slug: string }
const addresses = {
  'the bare id': (idea: Idea) => `/ideas/${idea.id}`,
  'an old slug': (idea: Idea) => `/ideas/${idea.id}-an-older-title`,
  'the current address': (idea: Idea) => ideaPath(idea),
}

async function signedIn() {
  const user = await createTestUser({ password: null })
  return { user, cookie: (await startSession(user.id)).cookie.split(';')[0]! }
}

describe('forms posted to any address of an idea', () => {
  let idea: Idea
  beforeAll(async () => {
    idea = await createTestIdea({ title: 'Reusable cups at every counter' })
  })

  for (const [name, address] of Object.entries(addresses)) {
    describe(`to ${name}`, () => {
      it('stores a comment, then shows it at the current address', async () => {
        const { user, cookie } = await signedIn()
        const body = `Posted to ${name}: yes please`
        const response = await handle(
          makeRequest({
            path: address(idea),
            method: 'POST',
            cookie,
            form: { intent: 'post', body, submissionKey: crypto.randomUUID() },
          }),
        )
        const [comment] = await db()
          .select()
          .from(comments)
          .where(and(eq(comments.authorId, user.id), eq(comments.ideaId, idea.id)))
        expect(comment?.body).toBe(body)
        expect(response.status).toBe(303)
        expect(response.headers.get('Location')).toBe(`${ideaPath(idea)}#comment-${comment!.id}`)
      })

      it('keeps a refused comment’s errors and text (400, not a redirect that drops them)', async () => {
        const { cookie } = await signedIn()
        const response = await handle(
          makeRequest({
            path: address(idea),
            method: 'POST',
            cookie,
            form: { intent: 'post', body: '   ', submissionKey: crypto.randomUUID() },
          }),
        )
        expect(response.status).toBe(400)
        const page = (await response.json()) as {
          actionData: Record<string, { form: string; fieldErrors: Record<string, string[]> }>
        }
        expect(page.actionData['routes/ideas.$ideaRef']).toMatchObject({
          form: 'comment',
          fieldErrors: { body: expect.any(Array) },
          values: { body: '   ' },
        })
      })

      it('stores a report, then thanks at the current address', async () => {
        const { user, cookie } = await signedIn()
        const response = await handle(
          makeRequest({
            path: address(idea),
            method: 'POST',
            cookie,
            form: { intent: 'report', reason: 'spam', note: `From ${name}` },
          }),
        )
        expect(
          await db()
            .select()
            .from(reports)
            .where(and(eq(reports.reporterId, user.id), eq(reports.ideaId, idea.id))),
        ).toHaveLength(1)
        expect(response.status).toBe(303)
        expect(response.headers.get('Location')).toBe(`${ideaPath(idea)}?reported=idea#idea`)
      })

      it('follows from the follow form, then shows the current address', async () => {
        const { user, cookie } = await signedIn()
        const response = await handle(
          makeRequest({
            path: `${address(idea)}/follow`,
            method: 'POST',
            cookie,
            form: { following: 'true' },
          }),
        )
        expect(
          await db()
            .select()
            .from(follows)
            .where(and(eq(follows.userId, user.id), eq(follows.ideaId, idea.id))),
        ).toHaveLength(1)
        expect(response.status).toBe(303)
        expect(response.headers.get('Location')).toBe(ideaPath(idea))
      })

      it('counts a vote from the vote form', async () => {
        const { user, cookie } = await signedIn()
        const response = await handle(
          makeRequest({
            path: `${address(idea)}/vote`,
            method: 'POST',
            cookie,
            form: { direction: 'up', redirectTo: ideaPath(idea) },
          }),
        )
        expect(
          await db()
            .select()
            .from(votes)
            .where(and(eq(votes.userId, user.id), eq(votes.ideaId, idea.id))),
        ).toHaveLength(1)
        expect(response.status).toBe(303)
      })
    })
  }

  it('still sends a plain visit to an old address on to the current one (301)', async () => {
    for (const address of [addresses['the bare id'], addresses['an old slug']]) {
      const response = await handle(makeRequest({ path: `${address(idea)}?sort=new` }))
      expect(response.status).toBe(301)
      expect(response.headers.get('Location')).toBe(`${ideaPath(idea)}?sort=new`)
    }
  })
})

describe('an idea only its author and the team may see', () => {
  // Signed out, the visitor may be its author following the link in an email: they are asked to sign
  // in, and sent back to the address they asked for (which names nothing they did not send).
  it('answers 404 at every address to others, never a redirect that names its title', async () => {
    const author = await createTestUser({ password: null })
    const held = await createTestIdea({
      authorId: author.id,
      title: 'A secret plan nobody may read yet',
      heldReason: 'premoderation',
    })
    const stranger = await signedIn()
    for (const address of Object.values(addresses)) {
      const response = await handle(makeRequest({ path: address(held), cookie: stranger.cookie }))
      expect(response.status, address(held)).toBe(404)
      expect(response.headers.get('Location')).toBeNull()
      const signedOut = await handle(makeRequest({ path: address(held) }))
      expect(signedOut.status, address(held)).toBe(302)
      const login = new URL(signedOut.headers.get('Location')!, 'http://localhost')
      expect(login.pathname).toBe('/login')
      expect(login.searchParams.get('redirectTo')).toBe(
        new URL(address(held), 'http://localhost').pathname,
      )
      if (!address(held).includes('secret'))
        expect(signedOut.headers.get('Location')).not.toMatch(/secret/)
    }
    // Following it is refused as its page is: neither the redirect nor the JSON names or counts it.
    for (const respond of [undefined, 'json']) {
      const followed = await handle(
        makeRequest({
          path: `/ideas/${held.id}/follow`,
          method: 'POST',
          cookie: stranger.cookie,
          form: { following: 'true', ...(respond ? { respond } : {}) },
        }),
      )
      expect(followed.headers.get('Location') ?? '').not.toMatch(/secret/)
      const text = await followed.text()
      expect(text).not.toMatch(/secret|followerCount/)
      if (respond) expect(followed.status).toBe(404)
    }
    expect(
      await db()
        .select()
        .from(follows)
        .where(and(eq(follows.ideaId, held.id), eq(follows.userId, stranger.user.id))),
    ).toEqual([])
    const own = await handle(
      makeRequest({
        path: `/ideas/${held.id}`,
        cookie: (await startSession(author.id)).cookie.split(';')[0]!,
      }),
    )
    expect(own.status).toBe(301)
  })
})
