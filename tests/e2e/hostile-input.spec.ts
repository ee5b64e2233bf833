// Hostile and broken input, sent the way a script would: every answer is a clear 4xx, never a 500,
// and nothing typed becomes markup.
import { expect, freshEmail, test } from './fixtures'
import { verificationPath } from './hostile/actors'

test.describe.configure({ mode: 'serial' })

test('oversize, malformed and malicious posts get a 4xx; script and SQL text stay text', async ({
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: baseURL! },
  })
  const email = freshEmail('hostile')
  const signup = await api.post('/signup', {
    form: { displayName: 'Mallory Tester', email, password: 'a sturdy passphrase' },
    maxRedirects: 0,
  })
  expect(signup.status()).toBe(302)
  // The emailed link's button signs the new person in.
  expect((await api.post(await verificationPath(baseURL!, email))).ok()).toBe(true)

  // Posts go to an idea's own address, as its forms do.
  const ideaUrl = new URL((await api.get('/ideas/1')).url()).pathname
  const idea = {
    intent: 'post',
    kind: 'product',
    categoryId: '1',
    description: 'Text.',
  }
  const cases: {
    name: string
    send: () => Promise<{ status(): number; text(): Promise<string> }>
  }[] = [
    {
      name: '1 MB title',
      send: () =>
        api.post('/ideas/new', {
          form: { ...idea, title: 'x'.repeat(1024 * 1024) },
          maxRedirects: 0,
        }),
    },
    {
      name: '3 MB body',
      send: () =>
        api.post('/ideas/new', {
          form: { ...idea, title: 'y'.repeat(3 * 1024 * 1024) },
          maxRedirects: 0,
        }),
    },
    {
      name: 'invalid UTF-8',
      send: () =>
        api.post('/ideas/new', {
          data: Buffer.concat([
            Buffer.from('intent=post&kind=product&categoryId=1&title='),
            Buffer.from([0xff, 0xfe, 0xc3]),
            Buffer.from('&description=%FF%FE'),
          ]),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          maxRedirects: 0,
        }),
    },
    {
      name: 'JSON to a form',
      send: () => api.post('/ideas/new', { data: { title: 'Hello there' }, maxRedirects: 0 }),
    },
    {
      name: 'wrong types',
      send: () =>
        api.post('/ideas/new', {
          form: { ...idea, kind: 'rocket', categoryId: '1e99', title: 'A fine title' },
          maxRedirects: 0,
        }),
    },
    {
      name: 'vote on a bogus id',
      send: () => api.post('/ideas/abc/vote', { form: { direction: 'up' }, maxRedirects: 0 }),
    },
    {
      name: 'vote on a missing idea',
      send: () => api.post('/ideas/999999999/vote', { form: { direction: 'up' }, maxRedirects: 0 }),
    },
    {
      name: 'vote with a bogus direction',
      send: () => api.post('/ideas/1/vote', { form: { direction: 'sideways' }, maxRedirects: 0 }),
    },
    {
      name: 'comment id beyond any row',
      send: () =>
        api.post(ideaUrl, {
          form: { intent: 'delete', commentId: '99999999999999' },
          maxRedirects: 0,
        }),
    },
    {
      name: 'reply to a bogus parent',
      send: () =>
        api.post(ideaUrl, {
          form: { intent: 'post', body: 'Hi', parentId: '2147483647' },
          maxRedirects: 0,
        }),
    },
    {
      name: 'comment of 6,000 characters',
      send: () =>
        api.post(ideaUrl, { form: { intent: 'post', body: 'z'.repeat(6000) }, maxRedirects: 0 }),
    },
    {
      name: 'unknown intent',
      send: () => api.post(ideaUrl, { form: { intent: 'launch-rockets' }, maxRedirects: 0 }),
    },
    {
      name: 'report with no reason',
      send: () =>
        api.post(ideaUrl, { form: { intent: 'report', reason: '<script>' }, maxRedirects: 0 }),
    },
    {
      name: 'edit someone else’s idea',
      send: () =>
        api.post('/ideas/1/edit', {
          form: { intent: 'edit', title: 'Taken over', description: 'Mine now' },
          maxRedirects: 0,
        }),
    },
    {
      name: 'notifications page cursor',
      send: () => api.get('/notifications?before=1e99', { maxRedirects: 0 }),
    },
  ]
  for (const { name, send } of cases) {
    const response = await send()
    const status = response.status()
    expect(status, name).toBeGreaterThanOrEqual(name === 'notifications page cursor' ? 200 : 400)
    expect(status, name).toBeLessThan(500)
    expect(await response.text(), name).not.toMatch(/at .+\.(js|ts):\d+/)
  }

  const title = `<script>alert(1)</script> Robert'); DROP TABLE ideas;-- ${Date.now().toString(36)}`
  const posted = await api.post('/ideas/new', {
    form: {
      ...idea,
      title,
      // The similar ideas were shown for this title, as the form says after its step.
      similarShownFor: title,
      description: '<img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold**',
    },
    maxRedirects: 0,
  })
  expect(posted.status()).toBe(303)
  const page = await api.get(posted.headers().location!)
  const html = await page.text()
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Robert&#x27;); DROP TABLE ideas;--')
  // The rendered description (the page also lists other people's ideas, whose titles may mention
  // anything, as escaped text).
  const description = /<div class="prose">([\s\S]*?)<\/div>/.exec(html)?.[1]
  expect(description).toContain('<strong>bold</strong>')
  expect(description).not.toContain('onerror')
  expect(description).not.toContain('javascript:')
  await api.dispose()
})
