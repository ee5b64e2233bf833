// Issue 16: an address that is not valid percent-encoding (/ideas/%E0%A4%A, /ideas/1-%ff) answers
// 400. A person gets the site's error page in the full layout, as a 404 is shown (header with their
// account menu, footer), in their language; the API gets its JSON error shape.
import { describe, expect, it, vi } from 'vitest'

import { startSession } from '#app/domain/accounts/sessions.server'
import * as notFound from '#app/routes/$'
import * as apiIdea from '#app/routes/api.v1.ideas.$ideaId'
import * as ideaPage from '#app/routes/ideas.$ideaRef'
import * as profile from '#app/routes/u.$handle'
import { createTestIdea, createTestUser } from '#tests/factories'
import { serveAppDuringTests } from '#tests/setup/app-server'

const app = serveAppDuringTests([
  { id: 'routes/ideas.$ideaRef', path: 'ideas/:ideaRef', module: ideaPage },
  { id: 'routes/u.$handle', path: 'u/:handle', module: profile },
  { id: 'routes/api.v1.ideas.$ideaId', path: 'api/v1/ideas/:ideaId', module: apiIdea },
  { id: 'routes/$', path: '*', module: notFound },
])

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${app.base()}${path}`, {
    headers: { Accept: 'text/html', ...headers },
    redirect: 'manual',
  })

const unreadable = ['/ideas/%E0%A4%A', '/ideas/1-%ff', '/u/%C0%AF', '/%ff', '/no/such/%E0%A4']

describe('an unreadable address', () => {
  it.each(unreadable)('%s answers 400 with the error page in the site layout', async (path) => {
    await createTestIdea()
    for (const [language, title] of [
      ['en', 'Something is wrong with that request'],
      ['nl', 'Er klopt iets niet aan dit verzoek'],
    ] as const) {
      const response = await get(path, { 'Accept-Language': language })
      expect(response.status).toBe(400)
      expect(response.headers.get('content-type')).toMatch(/^text\/html/)
      const html = await response.text()
      expect(html).toContain(`lang="${language}"`)
      expect(html).toMatch(new RegExp(`<title>${title}( · Ideabox)?</title>`))
      expect(html).toMatch(new RegExp(`<h1[^>]*>${title}</h1>`))
      expect(html, 'the header').toContain('class="site-header"')
      expect(html, 'the footer').toContain('class="site-footer')
    }
  })

  it('shows the signed-in person their header, in the language they chose', async () => {
    const person = await createTestUser({
      password: null,
      displayName: 'Uma Unreadable',
      locale: 'nl',
    })
    const cookie = (await startSession(person.id)).cookie.split(';')[0]!
    const response = await get('/ideas/%E0%A4%A', { Cookie: `${cookie}; ideabox_lang=nl` })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Uma Unreadable')
    expect(html).toContain('Er klopt iets niet aan dit verzoek')
  })

  it('answers the API with its JSON error', async () => {
    const response = await get('/api/v1/ideas/%ff', { Accept: 'application/json' })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: 'bad_request' })
  })

  it('leaves readable addresses alone: a missing idea is still a 404 in the layout', async () => {
    const response = await get('/ideas/99999999')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('class="site-header"')
  })

  it('logs nothing: an attacker sending many cannot fill the logs (Remix logged three lines each)', async () => {
    const warn = vi.spyOn(console, 'warn')
    const log = vi.spyOn(console, 'log')
    try {
      for (const path of [...unreadable, '/api/v1/ideas/%ff', '/ideas/%ff/vote']) await get(path)
      expect([...warn.mock.calls, ...log.mock.calls]).toEqual([])
    } finally {
      warn.mockRestore()
      log.mockRestore()
    }
  })
})
