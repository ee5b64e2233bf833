// Hostile input: the CSRF origin check as the HTTP server applies it, scheme included, with and
// without a trusted proxy (X-Forwarded-Proto) and with APP_URL. Real HTTP requests to Express.
import type { Server } from 'node:http'

import express from 'express'
import { afterAll, describe, expect, it } from 'vitest'

import { refuseCrossSiteMutations } from '#app/server/http.server'
import { rawStatus } from '#tests/setup/raw-request'

const servers: Server[] = []
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
})

async function site({ trustProxy, appUrl }: { trustProxy: boolean; appUrl?: string }) {
  const app = express()
  if (trustProxy) app.set('trust proxy', true)
  app.use(refuseCrossSiteMutations({ appUrl }))
  app.all('*', (_req, res) => void res.status(204).end())
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  servers.push(server)
  const address = server.address()
  return typeof address === 'object' && address ? address.port : 0
}

function post(port: number, headers: Record<string, string>) {
  return rawStatus({
    port,
    path: '/login',
    method: 'POST',
    headers: { 'Content-Length': '0', ...headers },
  })
}

describe('cross-site posts are refused by origin, scheme included', () => {
  it('refuses http://site posting to https://site behind a trusted proxy, accepts https://site', async () => {
    const port = await site({ trustProxy: true })
    const behindProxy = { Host: 'ideas.example.com', 'X-Forwarded-Proto': 'https' }
    expect(await post(port, { ...behindProxy, Origin: 'http://ideas.example.com' })).toBe(403)
    expect(await post(port, { ...behindProxy, Referer: 'http://ideas.example.com/login' })).toBe(
      403,
    )
    expect(await post(port, { ...behindProxy, Origin: 'https://ideas.example.com' })).toBe(204)
  })

  it('does not take X-Forwarded-Proto from a client when the proxy is not trusted', async () => {
    const port = await site({ trustProxy: false })
    // Served over plain http here: an https page of the same host is another origin, whatever the header says.
    expect(
      await post(port, {
        Host: 'ideas.example.com',
        'X-Forwarded-Proto': 'https',
        Origin: 'https://ideas.example.com',
      }),
    ).toBe(403)
    expect(
      await post(port, { Host: 'ideas.example.com', Origin: 'http://ideas.example.com' }),
    ).toBe(204)
  })

  it("accepts APP_URL's origin and only with APP_URL's scheme", async () => {
    const port = await site({ trustProxy: false, appUrl: 'https://ideas.example.com' })
    expect(await post(port, { Host: 'internal:3000', Origin: 'https://ideas.example.com' })).toBe(
      204,
    )
    expect(await post(port, { Host: 'internal:3000', Origin: 'http://ideas.example.com' })).toBe(
      403,
    )
  })
})

describe('a refused cross-site post, as a person sees it', () => {
  it.each([
    ['en', 'This form came from another site'],
    ['nl', 'Dit formulier kwam van een andere site'],
  ] as const)(
    'is a page in their language (%s), not a line of English text',
    async (language, title) => {
      const port = await site({ trustProxy: false })
      const response = await fetch(`http://127.0.0.1:${port}/login`, {
        method: 'POST',
        headers: {
          Origin: 'https://evil.example',
          Accept: 'text/html',
          'Accept-Language': language,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'email=a',
      })
      expect(response.status).toBe(403)
      expect(response.headers.get('content-type')).toMatch(/^text\/html/)
      const html = await response.text()
      expect(html).toContain(`<html lang="${language}">`)
      expect(html).toContain(`<h1>${title}</h1>`)
    },
  )

  it('still answers a script asking for JSON with the error code', async () => {
    const port = await site({ trustProxy: false })
    const response = await fetch(`http://127.0.0.1:${port}/ideas/1/vote`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', Accept: 'application/json' },
    })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: 'cross_site' })
  })
})
