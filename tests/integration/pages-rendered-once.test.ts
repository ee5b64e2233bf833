// Pages rendered once per content (app/utils/page-templates.server.ts), through Remix's real request
// handling and the app's real entry.server: a page filled in from a template kept for one viewer is,
// byte for byte, the page React renders for another viewer with the same content, whatever their
// name; a viewer's own vote is part of what a page is kept by, so it shows at once.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { startSession } from '#app/domain/accounts/sessions.server'
import { castVote } from '#app/domain/votes/votes.server'
import * as ideasList from '#app/routes/ideas._index'
import * as ideaPage from '#app/routes/ideas.$ideaRef'
import * as myIdeas from '#app/routes/my.ideas'
import * as notificationsPage from '#app/routes/notifications'
import * as profile from '#app/routes/u.$handle'
import { pageTemplates } from '#app/utils/page-template-store.server'
import { TRUST_AFTER, VERIFY_EVERY } from '#app/utils/page-templates.server'
import { addActivity, createTestIdea, createTestUser } from '#tests/factories'
import { appBuild, pageReader } from '#tests/setup/app-build'

const reader = pageReader(
  appBuild([
    { id: 'routes/ideas._index', path: 'ideas', index: true, module: ideasList },
    { id: 'routes/ideas.$ideaRef', path: 'ideas/:ideaRef', module: ideaPage },
    { id: 'routes/my.ideas', path: 'my/ideas', module: myIdeas },
    { id: 'routes/notifications', path: 'notifications', module: notificationsPage },
    { id: 'routes/u.$handle', path: 'u/:handle', module: profile },
  ]),
)
/** A page as a crawler gets it (the whole page at once), with this request's own nonce. */
const page = (path: string, cookie: string | undefined, nonce = randomNonce()) =>
  reader.page(path, cookie, nonce)
const canonicalPath = reader.canonicalPath
const randomNonce = () => Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
const cookieOf = async (userId: number) => (await startSession(userId)).cookie.split(';')[0]!

/** Display names people could choose, with what needs escaping (or looks like the machinery) made likely. */
const displayNames = fc.oneof(
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
    .filter((name) => name.trim().length > 0),
  fc
    .string({
      unit: fc.constantFrom(
        '<',
        '>',
        '&',
        '"',
        "'",
        '/',
        'a',
        'Z',
        ' ',
        '😀',
        '\u202e',
        'é',
        '\uE000',
        '\uE001',
        '1',
      ),
      minLength: 1,
      maxLength: 24,
    })
    .filter((name) => /\S/.test(name)),
  fc.constantFrom(
    '</script><script>alert(1)</script>',
    'Ann & "Bob"',
    "O'Brien <b>",
    '\uE0001\uE001',
    'שלום עולם',
    'Émile $& $1',
    'x'.repeat(60),
  ),
)

describe('pages rendered once per content', () => {
  it('fill in, byte for byte, the page React renders for any viewer with the same content', async () => {
    const author = await createTestUser({ password: null, displayName: 'Alma Author' })
    const idea = await createTestIdea({
      authorId: author.id,
      title: 'Rendered once, filled in for everyone',
    })
    const commenter = await createTestUser({ password: null })
    await addActivity({
      comments: [1, 2, 3].map((n) => ({
        ideaId: idea.id,
        authorId: commenter.id,
        body: `Comment ${n} with **Markdown** & <things>`,
      })),
    })
    const ideaPath = await canonicalPath(idea.id)
    const seed = await createTestUser({ password: null, displayName: 'Sam Seed' })
    const seedCookie = await cookieOf(seed.id)
    const paths = ['/ideas', ideaPath, '/my/ideas', '/notifications', `/u/${author.handle}`]

    await fc.assert(
      fc.asyncProperty(displayNames, async (displayName) => {
        const viewer = await createTestUser({ password: null, displayName })
        const cookie = await cookieOf(viewer.id)
        for (const path of paths) {
          // Kept from the seed viewer's second visit (the first only notes the page).
          pageTemplates.clear()
          await page(path, seedCookie)
          const storedBefore = pageTemplates.stats.stored
          const seedPage = await page(path, seedCookie)
          expect(seedPage.status, path).toBe(200)
          expect(pageTemplates.stats.stored, `${path} was kept`).toBe(storedBefore + 1)
          const hitsBefore = pageTemplates.stats.hits
          const filled = await page(path, cookie)
          expect(pageTemplates.stats.hits, `${path} came from its template`).toBe(hitsBefore + 1)
          // React's own render for this viewer: nothing kept, first sight renders normally.
          pageTemplates.clear()
          const direct = await page(path, cookie, filled.nonce)
          // Forms carry a one-time submission key, new on every request, rendered and in the data.
          const oneTime = (html: string) =>
            html.replace(
              /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
              'submission-key',
            )
          expect(oneTime(filled.html), path).toBe(oneTime(direct.html))
          expect(direct.html).toContain(filled.nonce)
        }
      }),
      { numRuns: 12 },
    )
  }, 120_000)

  it('answer a new page of a route verified many times from a template made at once, byte for byte, still comparing a sample', async () => {
    const author = await createTestUser({ password: null, displayName: 'Tess Trusted' })
    const seedCookie = await cookieOf((await createTestUser({ password: null })).id)
    const ideaPaths: string[] = []
    for (let n = 0; n < TRUST_AFTER + 2 * VERIFY_EVERY; n++) {
      const idea = await createTestIdea({ authorId: author.id, title: `Trusted page ${n}` })
      ideaPaths.push(await canonicalPath(idea.id))
    }
    const verifying = ideaPaths.slice(0, TRUST_AFTER)
    const trusted = ideaPaths.slice(TRUST_AFTER)
    pageTemplates.clear()
    const verifiedBefore = pageTemplates.stats.verified
    // Each idea page is verified from its second sighting: then the idea page's route is trusted.
    for (const path of verifying) {
      await page(path, seedCookie)
      await page(path, seedCookie)
    }
    expect(pageTemplates.stats.verified - verifiedBefore).toBe(TRUST_AFTER)
    const viewer = await createTestUser({ password: null, displayName: 'Ann & "Bob" </script>' })
    const cookie = await cookieOf(viewer.id)
    const { madeAtOnce, verified } = { ...pageTemplates.stats }
    const answers = []
    for (const path of trusted) answers.push({ path, answer: await page(path, cookie) })
    // Seen for the first time, each is answered from a template made at once, but every
    // VERIFY_EVERY-th is still compared with a real render.
    const samples = Math.floor(trusted.length / VERIFY_EVERY)
    expect(pageTemplates.stats.madeAtOnce - madeAtOnce).toBe(trusted.length - samples)
    expect(pageTemplates.stats.verified - verified).toBe(samples)
    for (const { path, answer } of answers) {
      pageTemplates.clear()
      const direct = await page(path, cookie, answer.nonce)
      const oneTime = (html: string) =>
        html.replace(
          /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
          'submission-key',
        )
      expect(oneTime(answer.html), path).toBe(oneTime(direct.html))
    }
  }, 120_000)

  it('show each viewer their own vote, and a changed vote or a new comment at once, from pages kept before the write', async () => {
    const idea = await createTestIdea({ title: 'An idea two people see differently' })
    const [voter, other] = await Promise.all([
      createTestUser({ password: null, displayName: 'Vera Voter' }),
      createTestUser({ password: null, displayName: 'Otto Other' }),
    ])
    const [voterCookie, otherCookie] = await Promise.all([cookieOf(voter.id), cookieOf(other.id)])
    const ideaPath = await canonicalPath(idea.id)
    const pressed = (html: string) =>
      /class="vote-button vote-button--up"[^>]*aria-pressed="(true|false)"/.exec(html)?.[1] ??
      /aria-pressed="(true|false)"[^>]*class="vote-button vote-button--up"/.exec(html)?.[1]
    pageTemplates.clear()
    // Both people have seen the page twice: each content is kept.
    for (let round = 0; round < 2; round++) {
      await page(ideaPath, voterCookie)
      await page(ideaPath, otherCookie)
    }
    expect(pressed((await page(ideaPath, voterCookie)).html)).toBe('false')
    await castVote({
      actor: { id: voter.id, role: voter.role },
      ideaId: idea.id,
      direction: 'up',
    } as Parameters<typeof castVote>[0])
    const afterVote = (await page(ideaPath, voterCookie)).html
    expect(pressed(afterVote)).toBe('true')
    expect(pressed((await page(ideaPath, otherCookie)).html)).toBe('false')
    await castVote({
      actor: { id: voter.id, role: voter.role },
      ideaId: idea.id,
      direction: 'none',
    } as Parameters<typeof castVote>[0])
    expect(pressed((await page(ideaPath, voterCookie)).html)).toBe('false')
    // A comment written elsewhere (another instance: only the database is shared) shows on the next page.
    await addActivity({
      comments: [{ ideaId: idea.id, authorId: voter.id, body: 'Seen at once by everyone' }],
    })
    expect((await page(ideaPath, voterCookie)).html).toContain('Seen at once by everyone')
    expect((await page(ideaPath, otherCookie)).html).toContain('Seen at once by everyone')
    expect(pageTemplates.stats.hits).toBeGreaterThan(0)
  })
})
