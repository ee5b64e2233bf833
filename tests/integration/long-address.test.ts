// An address longer than Node's header limit never reaches Express: the parser refuses it. The
// visitor still gets a page that says what happened, in their language, with a way home.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { listen } from '#app/server/http.server'

let server: Server
let base: string
beforeAll(async () => {
  const app = express()
  app.use((_req, res) => res.status(299).send('reached the app'))
  server = await listen(app, { port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('an address too long for the server', () => {
  it('answers 431 with the error page in HTML and a link home', async () => {
    const response = await fetch(`${base}/ideas?q=${'x'.repeat(20_000)}`, {
      headers: { 'Accept-Language': 'en' },
    })
    expect([414, 431]).toContain(response.status)
    expect(response.headers.get('content-type')).toContain('text/html')
    const html = await response.text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('This address is too long')
    expect(html).toContain('<a href="/">Go to the home page</a>')
  })

  it('speaks the language the browser asked for when its headers came before the limit', async () => {
    const response = await fetch(`${base}/ideas`, {
      headers: { 'Accept-Language': 'nl-NL,nl;q=0.9', 'X-Padding': 'x'.repeat(20_000) },
    })
    expect(response.status).toBe(431)
    const html = await response.text()
    expect(html).toContain('<html lang="nl">')
    expect(html).toContain('Dit adres is te lang')
  })

  it('lets an ordinary address through to the app', async () => {
    const response = await fetch(`${base}/ideas?q=${'x'.repeat(2_000)}`)
    expect(response.status).toBe(299)
  })
})
