// A Host header that names no host cannot make the request's address: Remix's adapter threw on it
// and every page answered 500 (fresh-eyes review, issue 19). Such a request is answered 400, through
// the real HTTP layer; a host with a port, a name, an address still reach the page.
import { describe, expect, it } from 'vitest'

import * as home from '#app/routes/_index'
import * as notFound from '#app/routes/$'
import * as ideasList from '#app/routes/ideas._index'
import { serveAppDuringTests } from '#tests/setup/app-server'
import { rawStatus } from '#tests/setup/raw-request'

const app = serveAppDuringTests([
  { id: 'routes/_index', index: true, module: home },
  { id: 'routes/ideas._index', path: 'ideas', index: true, module: ideasList },
  { id: 'routes/$', path: '*', module: notFound },
])

/** The status of a GET of `path` sent with these headers as they are (Host included). */
const statusOf = (path: string, headers: Record<string, string>) =>
  rawStatus({ port: new URL(app.base()).port, path, headers })

describe('a Host header that names no host', () => {
  it('is answered 400 on every page, and a real host still gets the page', async () => {
    for (const path of ['/', '/ideas', '/ideas?q=coffee', '/no-such-page']) {
      for (const host of ['%ff', 'a b', 'a<b', '127.0.0.1:99999'])
        expect(await statusOf(path, { Host: host }), `${path} for ${host}`).toBe(400)
      expect(await statusOf(path, { Host: 'localhost', 'X-Forwarded-Host': '%ff' })).toBe(400)
      const fine = path === '/no-such-page' ? 404 : 200
      for (const host of ['localhost', '127.0.0.1:3000', 'ideas.example.com', '[::1]:8080'])
        expect(await statusOf(path, { Host: host }), `${path} for ${host}`).toBe(fine)
      expect(
        await statusOf(path, { Host: 'localhost', 'X-Forwarded-Host': 'a.example, b.example' }),
      ).toBe(fine)
    }
  })
})
