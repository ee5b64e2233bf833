// GET pages answered from their kept templates outside Remix (app/server/page-endpoint.server.ts,
// docs/decisions/034), through the real HTTP layer: the answer is, byte for byte and header for
// header, what Remix renders for that viewer; whatever is not a plain page (a redirect, a 404, a
// resource route) is Remix's answer as before; and no loader runs twice for one request.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { startSession } from '#app/domain/accounts/sessions.server'
import * as notFound from '#app/routes/$'
import * as ideasList from '#app/routes/ideas._index'
import * as ideaPage from '#app/routes/ideas.$ideaRef'
import * as myIdeas from '#app/routes/my.ideas'
import * as notificationsPage from '#app/routes/notifications'
import * as profile from '#app/routes/u.$handle'
import { pageTemplates } from '#app/utils/page-template-store.server'
import { addActivity, createTestIdea, createTestUser } from '#tests/factories'
import { serveAppDuringTests } from '#tests/setup/app-server'
import { pageFetcher, sameRequest } from '#tests/setup/page-answers'

/** A page whose loader counts its calls: one request, one call, whichever way it is answered. */
let countedCalls = 0
const counted = {
  loader: () => {
    countedCalls += 1
    return { same: 'every time' }
  },
  default: () => null,
}

const app = serveAppDuringTests([
  { id: 'routes/ideas._index', path: 'ideas', index: true, module: ideasList },
  { id: 'routes/ideas.$ideaRef', path: 'ideas/:ideaRef', module: ideaPage },
  { id: 'routes/my.ideas', path: 'my/ideas', module: myIdeas },
  { id: 'routes/notifications', path: 'notifications', module: notificationsPage },
  { id: 'routes/u.$handle', path: 'u/:handle', module: profile },
  { id: 'routes/counted', path: 'counted', module: counted },
  { id: 'routes/$', path: '*', module: notFound },
])

const get = pageFetcher(app.base)

const cookieOf = async (userId: number) => (await startSession(userId)).cookie.split(';')[0]!

const displayNames = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }).filter((name) => /\S/.test(name)),
  fc.constantFrom('</script><script>alert(1)</script>', 'Ann & "Bob"', "O'Brien <b>", 'שלום'),
)

describe('pages answered from their templates outside Remix', () => {
  it('are, byte for byte and header for header, the page Remix renders for that viewer', async () => {
    const author = await createTestUser({ password: null, displayName: 'Pia Page' })
    const idea = await createTestIdea({ authorId: author.id, title: 'Answered outside Remix' })
    await addActivity({
      comments: [1, 2].map((n) => ({
        ideaId: idea.id,
        authorId: author.id,
        body: `Comment ${n} **bold** & <b>`,
      })),
    })
    const ideaPath = new URL((await get(`/ideas/${idea.id}`)).headers.get('location')!, app.base())
      .pathname
    const seedCookie = await cookieOf((await createTestUser({ password: null })).id)
    const paths = ['/ideas', '/ideas?sort=new', ideaPath, '/my/ideas', '/notifications']
    paths.push(`/u/${author.handle}`)

    /** Each page for a new viewer with this name, outside Remix and by Remix; the pages whose data payload was filled in. */
    const answerBothWays = async (displayName: string) => {
      const viewer = await createTestUser({ password: null, displayName })
      const cookie = await cookieOf(viewer.id)
      const filled: string[] = []
      for (const path of paths) {
        pageTemplates.clear()
        await get(path, seedCookie)
        await get(path, seedCookie)
        // Outside Remix: from the page's templates after its loaders, or (a page kept from its first
        // sighting, its payload a template) from the seed viewer's kept answer with this viewer's
        // strings, whose payload is always filled in from its template.
        const outside = () => pageTemplates.stats.outsideRemix + pageTemplates.stats.keptAnswers
        const outsideBefore = outside()
        const filledBefore = pageTemplates.stats.payloadsFilled + pageTemplates.stats.keptAnswers
        const answered = await get(path, cookie)
        expect(outside(), `${path} was answered outside Remix`).toBe(outsideBefore + 1)
        if (pageTemplates.stats.payloadsFilled + pageTemplates.stats.keptAnswers > filledBefore)
          filled.push(path)
        pageTemplates.clear()
        const remix = await get(path, cookie)
        expect(outside()).toBe(outsideBefore + 1)
        expect(await sameRequest(answered), path).toEqual(await sameRequest(remix))
        expect(answered.html).toContain(answered.nonce)
      }
      return filled
    }

    await fc.assert(
      fc.asyncProperty(displayNames, async (displayName) => {
        await answerBothWays(displayName)
      }),
      { numRuns: 6 },
    )
    // A name no other string of these pages shares: every page's payload is filled in from its
    // template, not encoded again (a viewer whose strings are shared is encoded afresh).
    expect(await answerBothWays('Ann & "Bob" </script>')).toEqual(paths)
  }, 120_000)

  it('give a viewer whose name the page shows elsewhere the payload encoded for them on their first visit, still byte for byte', async () => {
    const name = `Shared Name ${Date.now()}`
    const author = await createTestUser({ password: null, displayName: name })
    await createTestIdea({ authorId: author.id, title: 'Posted by a namesake' })
    const viewer = await createTestUser({ password: null, displayName: name })
    const cookie = await cookieOf(viewer.id)
    const seedCookie = await cookieOf((await createTestUser({ password: null })).id)
    const path = '/ideas?sort=new'
    pageTemplates.clear()
    await get(path, seedCookie)
    await get(path, seedCookie)
    const { ownPayloads, outsideRemix, keptAnswers } = { ...pageTemplates.stats }
    await get(path, cookie)
    const again = await get(path, cookie)
    // Their name is the author's on the page: turbo-stream writes it once, so it is not filled into
    // the page's payload template. The payload encoded for them on their first visit is kept as
    // theirs (decision 041): the list answers them again from it after one statement.
    expect(pageTemplates.stats.outsideRemix).toBe(outsideRemix + 1)
    expect(pageTemplates.stats.keptAnswers).toBe(keptAnswers + 1)
    expect(pageTemplates.stats.ownPayloads).toBe(ownPayloads)
    pageTemplates.clear()
    expect(await sameRequest(again)).toEqual(await sameRequest(await get(path, cookie)))
  })

  it("fill in a page's payload for the same person when it has a form's one-time key", async () => {
    const author = await createTestUser({ password: null, displayName: 'Olga Once' })
    const idea = await createTestIdea({
      authorId: author.id,
      title: 'One person, a form on the page',
    })
    const ideaPath = new URL((await get(`/ideas/${idea.id}`)).headers.get('location')!, app.base())
      .pathname
    const cookie = await cookieOf((await createTestUser({ password: null })).id)
    pageTemplates.clear()
    // Kept at first sight (a route answered again after one statement), without a payload: the
    // person's payload differs on every request.
    await get(ideaPath, cookie)
    const { payloadsFilled, outsideRemix, keptAnswers } = { ...pageTemplates.stats }
    const answered = await get(ideaPath, cookie)
    expect(answered.html).toMatch(/name="submissionKey"/)
    expect(pageTemplates.stats.outsideRemix).toBe(outsideRemix + 1)
    expect(pageTemplates.stats.payloadsFilled).toBe(payloadsFilled + 1)
    // Then answered again after one statement, with a new one-time key.
    const again = await get(ideaPath, cookie)
    expect(pageTemplates.stats.keptAnswers).toBe(keptAnswers + 1)
    const keyOf = (html: string) => /name="submissionKey" value="([^"]+)"/.exec(html)?.[1]
    expect(keyOf(again.html)).toBeDefined()
    expect(keyOf(again.html)).not.toBe(keyOf(answered.html))
    for (const page of [answered, again]) {
      pageTemplates.clear()
      expect(await sameRequest(page)).toEqual(await sameRequest(await get(ideaPath, cookie)))
    }
  })

  it('leaves redirects, missing pages and resource routes to Remix, and runs each loader once', async () => {
    const idea = await createTestIdea({ title: 'Redirected to its slug' })
    const cookie = await cookieOf((await createTestUser({ password: null })).id)
    const redirect = await get(`/ideas/${idea.id}`, cookie)
    expect(redirect.status).toBe(301)
    expect(redirect.headers.get('location')).toMatch(new RegExp(`^/ideas/${idea.id}-`))
    const missing = await get('/ideas/99999999', cookie)
    expect(missing.status).toBe(404)
    expect(missing.html).toContain('class="site-header"')

    // First sight and second sight go to Remix (the second keeps the template), then outside it.
    pageTemplates.clear()
    const outsideBefore = pageTemplates.stats.outsideRemix
    for (let visit = 1; visit <= 4; visit++) {
      const before = countedCalls
      const page = await get('/counted', cookie)
      expect(page.status).toBe(200)
      expect(countedCalls, `visit ${visit}: one loader call`).toBe(before + 1)
    }
    expect(pageTemplates.stats.outsideRemix).toBe(outsideBefore + 2)
  })

  it('makes a kept page once when several requests ask for it at once, and answers the others from it', async () => {
    const author = await createTestUser({ password: null, displayName: 'Asked At Once' })
    await createTestIdea({ authorId: author.id, title: 'Rendered for the first of them' })
    const cookie = await cookieOf(author.id)
    const givenBefore = pageTemplates.stats.keptAnswers
    const pages = await Promise.all(Array.from({ length: 6 }, () => get('/my/ideas', cookie)))
    for (const page of pages) {
      expect(page.status).toBe(200)
      expect(page.html).toContain('Rendered for the first of them')
    }
    // The others waited for the first one's answer instead of running the loaders again.
    expect(pageTemplates.stats.keptAnswers - givenBefore).toBeGreaterThanOrEqual(1)
  })
})
