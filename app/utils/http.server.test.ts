import { describe, expect, it } from 'vitest'

import { createNonce, isCrossSiteMutation, securityHeaders } from './http.server'

const base = {
  path: '/login',
  protocol: 'https',
  host: 'ideas.example.com',
  appUrl: undefined,
  origin: undefined,
  referer: undefined,
}

describe('isCrossSiteMutation', () => {
  it.each([
    ['GET from anywhere', { method: 'GET', origin: 'https://evil.example' }, false],
    ['POST from this site', { method: 'POST', origin: 'https://ideas.example.com' }, false],
    ['POST from another site', { method: 'POST', origin: 'https://evil.example' }, true],
    [
      'POST with a same-site Referer only',
      { method: 'POST', referer: 'https://ideas.example.com/login' },
      false,
    ],
    ['POST with neither header', { method: 'POST' }, true],
    ['POST with Origin null', { method: 'POST', origin: 'null' }, true],
    ['POST with a garbage Origin', { method: 'POST', origin: 'not a url' }, true],
    ['DELETE from another site', { method: 'DELETE', origin: 'https://evil.example' }, true],
    ['POST to the token API', { method: 'POST', path: '/api/v1/ideas' }, false],
    [
      'POST via APP_URL behind a proxy',
      {
        method: 'POST',
        protocol: 'http',
        host: 'internal:3000',
        appUrl: 'https://ideas.example.com',
        origin: 'https://ideas.example.com',
      },
      false,
    ],
    [
      'POST from the plain-http page of this host to https',
      { method: 'POST', origin: 'http://ideas.example.com' },
      true,
    ],
    [
      'POST with a plain-http Referer only to https',
      { method: 'POST', referer: 'http://ideas.example.com/login' },
      true,
    ],
    [
      'POST from the https page to a plain-http site',
      { method: 'POST', protocol: 'http', origin: 'https://ideas.example.com' },
      true,
    ],
    [
      'POST from http to https when APP_URL is https',
      {
        method: 'POST',
        protocol: 'http',
        host: 'internal:3000',
        appUrl: 'https://ideas.example.com',
        origin: 'http://ideas.example.com',
      },
      true,
    ],
    [
      'POST from another port of this host',
      { method: 'POST', origin: 'https://ideas.example.com:8443' },
      true,
    ],
    [
      'POST naming the default port',
      { method: 'POST', origin: 'https://ideas.example.com:443' },
      false,
    ],
    [
      'POST with the host in capitals',
      { method: 'POST', origin: 'https://IDEAS.example.com' },
      false,
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(
      isCrossSiteMutation({ ...base, ...overrides } as Parameters<typeof isCrossSiteMutation>[0]),
    ).toBe(expected)
  })
})

describe('securityHeaders', () => {
  it('carries the nonce and forbids framing', () => {
    const headers = securityHeaders({ nonce: 'abc123', development: false, secure: true })
    expect(headers['Content-Security-Policy']).toContain("'nonce-abc123'")
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'")
    expect(headers['X-Content-Type-Options']).toBe('nosniff')
    expect(headers['Strict-Transport-Security']).toBeDefined()
  })

  it('does not pin HTTPS on plain HTTP', () => {
    const headers = securityHeaders({ nonce: 'n', development: false, secure: false })
    expect(headers).not.toHaveProperty('Strict-Transport-Security')
    expect(headers['Content-Security-Policy']).not.toContain('upgrade-insecure-requests')
  })
})

describe('createNonce', () => {
  it('gives 16 random bytes in base64, never the same twice, also across draws from the pool', () => {
    const nonces = Array.from({ length: 1000 }, () => createNonce())
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16)
    expect(new Set(nonces).size).toBe(nonces.length)
  })
})
