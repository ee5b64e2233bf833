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

test('pages carry security headers with a CSP nonce, and health is reported', async ({
  request,
}) => {
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

test('pages and a browser form post are compressed; a script POST is answered as is', async ({
  request,
  baseURL,
}) => {
  const page = await request.get('/ideas', { headers: { 'Accept-Encoding': 'gzip' } })
  expect(page.headers()['content-encoding']).toBe('gzip')
  const form = { email: 'nobody@demo.ideabox.test', password: 'not the password' }
  const post = (accept: string) =>
    request.post('/login', {
      form,
      headers: { Accept: accept, 'Accept-Encoding': 'gzip', Origin: baseURL! },
      maxRedirects: 0,
    })
  const browserPost = await post('text/html,application/xhtml+xml,*/*;q=0.8')
  expect(browserPost.status()).toBe(400)
  expect(browserPost.headers()['content-encoding']).toBe('gzip')
  const scriptPost = await post('*/*')
  expect(scriptPost.status()).toBe(400)
  expect(scriptPost.headers()['content-encoding']).toBeUndefined()
})

test('hostile input in URLs gets a clear 4xx, never a 500', async ({ request }) => {
  for (const path of [
    '/ideas/abc',
    "/ideas/1'%20or%201=1",
    '/ideas/99999999',
    '/ideas?sort=%00&kind=<script>&cursor=!!!',
  ]) {
    const response = await request.get(path)
    expect(response.status(), path).toBeLessThan(500)
  }
})
