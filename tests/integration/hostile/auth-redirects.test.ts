// Hostile input: every route that sends people on to a `redirectTo` (sign-in, signed-in visits to
// the sign-in and sign-up pages, the language switch, the vote form) keeps them on this site.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { createTestIdea, createTestUser, TEST_PASSWORD } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { action as voteAction } from '#app/routes/ideas.$ideaRef_.vote'
import { action as languageAction } from '#app/routes/language'
import { action as loginAction, loader as loginLoader } from '#app/routes/login'
import { loader as signupLoader } from '#app/routes/signup'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

const site = 'http://localhost'
const hostileTargets = [
  '/.//evil.test',
  '/./\\evil.test',
  '/..//evil.test',
  '/%2e%2e//evil.test',
  '/\\evil.test',
  '\\t//evil.test',
  '/\t/evil.test',
  '//evil.test',
  'javascript:alert(1)',
  'http://evil.test',
  'https:evil.test',
  '/%2F%2Fevil',
]

const call = (
  fn: (args: never) => Promise<unknown>,
  request: Request,
  params: Record<string, string> = {},
) => settle(() => fn({ request, params, context: makeContext() } as never)) as Promise<Response>

/** Where a browser goes with this answer: the Location resolved against the page it posted from. */
function destination(response: Response) {
  expect(response.status, 'a redirect').toBeGreaterThanOrEqual(300)
  expect(response.status).toBeLessThan(400)
  return new URL(response.headers.get('Location') ?? '', `${site}/login`)
}

describe('redirectTo never leaves the site', () => {
  it.each(hostileTargets)('sign-in with redirectTo=%j', async (redirectTo) => {
    const user = await createTestUser()
    const response = await call(
      loginAction,
      makeRequest({
        path: '/login',
        method: 'POST',
        form: { email: user.email, password: TEST_PASSWORD, redirectTo },
      }),
    )
    expect(destination(response).origin).toBe(site)
  })

  it('sends `/.//evil.test` home, not to //evil.test, from every route that takes a redirectTo', async () => {
    const user = await createTestUser()
    const cookie = cookieFrom((await startSession(user.id)).cookie)
    const idea = await createTestIdea({ authorId: user.id })
    const redirectTo = '/.//evil.test'
    const query = `?${new URLSearchParams({ redirectTo })}`
    const answers = [
      await call(
        loginAction,
        makeRequest({
          path: '/login',
          method: 'POST',
          form: { email: user.email, password: TEST_PASSWORD, redirectTo },
        }),
      ),
      await call(loginLoader, makeRequest({ path: `/login${query}`, cookie })),
      await call(signupLoader, makeRequest({ path: `/signup${query}`, cookie })),
      await call(
        languageAction,
        makeRequest({ path: '/language', method: 'POST', form: { locale: 'en', redirectTo } }),
      ),
      await call(
        voteAction,
        makeRequest({
          path: `/ideas/${idea.id}/vote`,
          method: 'POST',
          form: { direction: 'none', redirectTo },
          cookie,
        }),
        { ideaRef: String(idea.id) },
      ),
    ]
    for (const answer of answers) {
      expect(answer.headers.get('Location')).toMatch(/^\/(?![/\\])/)
      expect(destination(answer).origin).toBe(site)
    }
  })

  it('keeps an idea page with its query and hash', async () => {
    const target = '/ideas/12-oat-milk?sort=top#comment-3'
    const response = await call(
      languageAction,
      makeRequest({
        path: '/language',
        method: 'POST',
        form: { locale: 'nl', redirectTo: target },
      }),
    )
    expect(response.headers.get('Location')).toBe(target)
  })

  it('the language switch never leaves the site, whatever the redirectTo (generated)', async () => {
    const piece = fc.constantFrom(
      '/',
      '//',
      '\\',
      '.',
      '..',
      '%2e',
      '%2F',
      '%5C',
      '\t',
      '\n',
      '\u0000',
      'evil.test',
      'http:',
      'javascript:',
      '@',
      '?',
      '#',
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('')),
        async (redirectTo) => {
          const response = await call(
            languageAction,
            makeRequest({ path: '/language', method: 'POST', form: { locale: 'en', redirectTo } }),
          )
          expect(destination(response).origin).toBe(site)
        },
      ),
      { numRuns: 300 },
    )
  })
})
