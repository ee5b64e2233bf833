// A browser can send cookies the app never set: another app on the same host, an analytics script,
// a sibling subdomain. A value that is not valid %-encoding (`foo=%ff`) made Lucia's cookie reader
// throw, and every page answered 500 (fresh-eyes review, issue 19). Now such a cookie is ignored:
// pages answer as they would without it, through the real HTTP layer; and the session cookie is read
// as Lucia reads it whenever Lucia can read the header at all.
import fc from 'fast-check'
import { parseCookies } from 'lucia/dist/cookie.js'
import { describe, expect, it } from 'vitest'

import { readSessionId, SESSION_COOKIE_NAME } from '#app/domain/accounts/sessions.server'
import * as home from '#app/routes/_index'
import * as notFound from '#app/routes/$'
import * as ideasList from '#app/routes/ideas._index'
import { createTestIdea } from '#tests/factories'
import { serveAppDuringTests } from '#tests/setup/app-server'
import { pageFetcher } from '#tests/setup/page-answers'

const app = serveAppDuringTests([
  { id: 'routes/_index', index: true, module: home },
  { id: 'routes/ideas._index', path: 'ideas', index: true, module: ideasList },
  { id: 'routes/$', path: '*', module: notFound },
])
const get = pageFetcher(app.base)

describe('cookies the app cannot decode', () => {
  it('are ignored: every page answers as for a visitor', async () => {
    await createTestIdea({ title: 'Seen whatever the cookies' })
    for (const cookie of [
      'foo=%ff',
      `${SESSION_COOKIE_NAME}=%ff`,
      `${SESSION_COOKIE_NAME}=%`,
      `${SESSION_COOKIE_NAME}=%zz`,
      'ideabox_lang=%ff',
      'ideabox_device=%ff',
      `%ff=1; ${SESSION_COOKIE_NAME}=abc`,
    ])
      for (const path of ['/', '/ideas', '/ideas?q=seen', '/no-such-page']) {
        const { status, html } = await get(path, cookie)
        expect(status, `${path} with ${cookie}`).toBe(path === '/no-such-page' ? 404 : 200)
        expect(html).not.toContain('URIError')
      }
  })

  it('never make reading the session fail, and the session is read as Lucia reads it', () => {
    const value = fc.string({ unit: 'binary', maxLength: 12 })
    // Any header at all: never throws.
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('%', 'f', 'z', '2', '0', '=', ';', ' ', '\u00e9', SESSION_COOKIE_NAME),
          {
            maxLength: 24,
          },
        ),
        (pieces) => {
          const header = pieces.join('')
          expect(() => readSessionId(header)).not.toThrow()
        },
      ),
    )
    // A header of well-formed pairs (the names and values as a browser sends what was set):
    // the same session as Lucia's own reader gives.
    const name = fc.constantFrom(SESSION_COOKIE_NAME, 'ideabox_lang', 'other', 'x')
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 5 }), (pairs) => {
        const header = pairs.map(([key, text]) => `${key}=${encodeURIComponent(text)}`).join('; ')
        expect(readSessionId(header)).toBe(parseCookies(header).get(SESSION_COOKIE_NAME) ?? null)
      }),
    )
  })
})
