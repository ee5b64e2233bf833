// Found in review (2026-12-06): no response said how a cache in front of the app may keep it, so a
// proxy or CDN could have stored one person's page (with their name, email or unread count) and
// served it to the next. Every answer now varies by cookie and language, and a signed-in person's
// is never stored; built files are untouched. Remix's old `?_data=` requests are refused (400),
// not answered 500 or empty.
import { describe, expect, it } from 'vitest'

import { startSession } from '#app/domain/accounts/sessions.server'
import * as notFound from '#app/routes/$'
import * as account from '#app/routes/account'
import * as ideasList from '#app/routes/ideas._index'
import { createTestUser } from '#tests/factories'
import { serveAppDuringTests } from '#tests/setup/app-server'

const app = serveAppDuringTests([
  { id: 'routes/ideas._index', path: 'ideas', index: true, module: ideasList },
  { id: 'routes/account', path: 'account', module: account },
  { id: 'routes/$', path: '*', module: notFound },
])

const get = (path: string, cookie?: string) =>
  fetch(`${app.base()}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })

describe('what shared caches may keep', () => {
  it("never stores a signed-in person's answer, and varies every answer by cookie and language", async () => {
    const person = await createTestUser({ password: null })
    const cookie = (await startSession(person.id)).cookie.split(';')[0]!
    for (const path of ['/ideas', '/account', '/ideas.data', '/no/such/page']) {
      const signedIn = await get(path, cookie)
      expect(signedIn.headers.get('cache-control'), path).toBe('private, no-store')
      expect(signedIn.headers.get('vary'), path).toMatch(/Cookie/)
      expect(signedIn.headers.get('vary'), path).toMatch(/Accept-Language/)
      const anonymous = await get(path)
      expect(anonymous.headers.get('vary'), path).toMatch(/Cookie/)
      expect(anonymous.headers.get('cache-control') ?? '', path).not.toMatch(/public/)
    }
  })

  it('leaves files alone', async () => {
    const favicon = await get('/favicon.ico', 'ideabox_session=whatever')
    expect(favicon.status).toBe(200)
    expect(favicon.headers.get('cache-control')).toMatch(/public/)
    expect(favicon.headers.get('vary') ?? '').not.toMatch(/Cookie/)
  })

  it("refuses Remix's old data requests", async () => {
    for (const path of ['/account?_data=routes%2Faccount', '/?_data=root', '/ideas?_data=x']) {
      const response = await get(path)
      expect(response.status, path).toBe(400)
    }
  })
})
