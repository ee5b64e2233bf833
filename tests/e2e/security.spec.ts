// The protections every response carries, checked from outside like an attacker would.
import { expect, test } from './fixtures'

test('a cross-site form post is refused', async ({ request }) => {
  const response = await request.post('/login', {
    form: { email: 'customer@demo.ideabox.test', password: 'whatever' },
    headers: { Origin: 'https://evil.example' },
    maxRedirects: 0,
  })
  expect(response.status()).toBe(403)
})

test('pages carry security headers with a CSP nonce, and health is reported', async ({ request }) => {
  const response = await request.get('/')
  const csp = response.headers()['content-security-policy']
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
  expect(csp).toContain("frame-ancestors 'none'")
  expect(response.headers()['x-content-type-options']).toBe('nosniff')
  expect(response.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin')
  const body = await response.text()
  const nonce = /'nonce-([^']+)'/.exec(csp!)![1]
  expect(body).toContain(`nonce="${nonce}"`)

  const health = await request.get('/healthz')
  expect(await health.json()).toMatchObject({ status: 'ok', database: { ok: true } })
})

test('hostile input in URLs gets a clear 4xx, never a 500', async ({ request }) => {
  for (const path of ['/ideas/abc', "/ideas/1'%20or%201=1", '/ideas/99999999', '/ideas?sort=%00&kind=<script>&cursor=!!!']) {
    const response = await request.get(path)
    expect(response.status(), path).toBeLessThan(500)
  }
})
