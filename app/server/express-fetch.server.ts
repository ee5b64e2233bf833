// Between Express and Remix's fetch handler: a request's body read by the HTTP layer itself, a fetch
// Request made from an Express request (with that body, once read), and a fetch Response sent through
// Express. Used by the page cache and by the endpoints that answer some requests without Remix (the
// vote button's JSON, a posted idea) and hand the others on.
import type { AppLoadContext } from '@remix-run/node'
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'

/**
 * Remix as a fetch handler (Request → Response), with the load context of this Express request and
 * what `context` adds to it.
 */
export type RemixFetchHandler = (
  request: Request,
  response: ExpressResponse,
  context?: Partial<AppLoadContext>,
) => Promise<Response>

/** The body as text, or null when it is longer than `limit` bytes (then it is not read further). */
export function readBody(req: ExpressRequest, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let length = 0
    req.on('data', (chunk: Buffer) => {
      length += chunk.length
      if (length > limit) {
        req.removeAllListeners('data')
        req.resume()
        resolve(null)
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks, length).toString('utf8')))
    req.on('error', reject)
  })
}

/** The Express request as a fetch Request: a GET, or (`body`) the request with the body already read. */
export function toFetchRequest(req: ExpressRequest, { body }: { body?: string } = {}) {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    // The body is whole now: its length is its own, not how it came over the wire.
    if (value === undefined || name === 'content-length' || name === 'transfer-encoding') continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  return new Request(`${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`, {
    method: body === undefined ? 'GET' : req.method,
    headers,
    body,
  })
}

export async function sendFetchResponse(res: ExpressResponse, response: Response) {
  res.status(response.status)
  for (const [name, value] of response.headers.entries()) {
    if (name !== 'set-cookie') res.setHeader(name, value)
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('Set-Cookie', cookies)
  res.send(Buffer.from(await response.arrayBuffer()))
}
