// The build's scripts compressed once at build time, and sent in the best encoding a browser takes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'

import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { precompressAssets } from '#app/cli/precompress-assets'

import { servePrecompressed } from './precompressed.server'

const root = mkdtempSync(path.join(tmpdir(), 'precompressed-'))
const script = Array.from({ length: 200 }, (_, n) => `export const value${n} = ${n * 7};`).join(
  '\n',
)
let server: Server
let port = 0

beforeAll(async () => {
  mkdirSync(path.join(root, 'routes'))
  writeFileSync(path.join(root, 'routes/page.js'), script)
  writeFileSync(path.join(root, 'styles.css'), `.a{color:red}\n`.repeat(200))
  writeFileSync(path.join(root, 'tiny.js'), 'export {}')
  writeFileSync(path.join(root, 'notes.txt'), 'x'.repeat(5000))
  await precompressAssets(root)
  const app = express()
  app.use('/build', servePrecompressed(root, { maxAge: '1y', immutable: true }))
  app.use('/build', express.static(root, { maxAge: '1y', immutable: true, index: false }))
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as { port: number }).port
})
afterAll(() => {
  server?.close()
  rmSync(root, { recursive: true, force: true })
})

/** The raw answer (not decompressed), as a browser receives it. */
function get(url: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: url, method, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        )
      })
      req.on('error', reject)
      req.end()
    },
  )
}

describe('the build’s files, compressed when built', () => {
  it('writes brotli and gzip copies of scripts and stylesheets of a kilobyte or more, that decompress to the file', () => {
    for (const file of ['routes/page.js', 'styles.css']) {
      const plain = readFileSync(path.join(root, file))
      expect(brotliDecompressSync(readFileSync(path.join(root, `${file}.br`)))).toEqual(plain)
      expect(gunzipSync(readFileSync(path.join(root, `${file}.gz`)))).toEqual(plain)
    }
    for (const file of ['tiny.js', 'notes.txt']) {
      expect(() => readFileSync(path.join(root, `${file}.gz`))).toThrow()
    }
  })

  it('sends brotli to a browser that takes it, else gzip, else the file as it is', async () => {
    const cases = [
      { accept: 'gzip, deflate, br, zstd', encoding: 'br', copy: 'routes/page.js.br' },
      { accept: 'gzip, deflate', encoding: 'gzip', copy: 'routes/page.js.gz' },
      { accept: 'br;q=0, gzip', encoding: 'gzip', copy: 'routes/page.js.gz' },
      { accept: 'identity', encoding: undefined, copy: 'routes/page.js' },
      { accept: '', encoding: undefined, copy: 'routes/page.js' },
    ]
    for (const { accept, encoding, copy } of cases) {
      const response = await get('/build/routes/page.js', { 'Accept-Encoding': accept })
      expect(response.status, accept).toBe(200)
      expect(response.headers['content-encoding'], accept).toBe(encoding)
      expect(response.body.equals(readFileSync(path.join(root, copy))), accept).toBe(true)
      expect(response.headers['content-type']).toMatch(/javascript/)
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(response.headers.vary).toMatch(/Accept-Encoding/)
    }
    const head = await get('/build/styles.css', { 'Accept-Encoding': 'br' }, 'HEAD')
    expect(head.headers['content-encoding']).toBe('br')
    expect(head.headers['content-type']).toMatch(/^text\/css/)
    expect(head.body).toHaveLength(0)
  })

  it('sends a file without copies as it is, and nothing outside the build', async () => {
    const tiny = await get('/build/tiny.js', { 'Accept-Encoding': 'br, gzip' })
    expect(tiny.status).toBe(200)
    expect(tiny.body.toString()).toBe('export {}')
    for (const url of ['/build/../package.json', '/build/%2e%2e/package.json', '/build/nope.js']) {
      const response = await get(url, { 'Accept-Encoding': 'br, gzip' })
      expect([403, 404], url).toContain(response.status)
    }
  })
})
