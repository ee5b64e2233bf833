// A raw HTTP client for hostile requests: exact bytes on the wire (invalid UTF-8, duplicated fields,
// broken encodings), a small cookie jar, and a loopback source address of its own.
//
// Why not Playwright's APIRequestContext: every request it sends comes from 127.0.0.1, the address
// the other journeys sign in from, and the app limits sign-ins (30 per 15 minutes) and sign-ups
// (20 an hour) per client address. Hostile sign-ins from 127.0.0.1 would lock the rest of the
// suite out. Linux routes all of 127.0.0.0/8 to the loopback interface, so binding each attacker
// to an address of its own (127.x.y.z) gives it rate-limit buckets nobody else shares.
import http from 'node:http'
import net from 'node:net'

export type HostileResponse = {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  location: string | undefined
}

export type FormPair = readonly [name: string | Buffer, value: string | Buffer]

let addressCounter = 0
// Each worker process gets a range of its own; a run uses a few hundred addresses at most.
const addressBase = (process.pid % 1500) * 10_000

/** A loopback address no other client of this run uses (127.1.0.2 – 127.250.255.251). */
export function freshLoopbackAddress() {
  addressCounter += 1
  const n = addressBase + addressCounter
  return `127.${1 + (Math.floor(n / 64_000) % 250)}.${Math.floor(n / 250) % 256}.${2 + (n % 250)}`
}

let loopbackRange: Promise<boolean> | undefined
/**
 * Can this machine send from addresses other than 127.0.0.1? Linux routes all of 127.0.0.0/8 to
 * the loopback interface; macOS configures 127.0.0.1 only (`sudo ifconfig lo0 alias 127.1.0.2` …).
 */
export function loopbackRangeAvailable() {
  loopbackRange ??= new Promise<boolean>((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen(0, freshLoopbackAddress(), () => probe.close(() => resolve(true)))
  })
  return loopbackRange
}

/** Percent-encodes the UTF-8 bytes of a string (a lone surrogate becomes U+FFFD, as a browser sends it). */
export function percentEncode(value: string | Buffer) {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value
  let out = ''
  for (const byte of bytes) {
    const char = String.fromCharCode(byte)
    out += /[A-Za-z0-9*\-._]/.test(char)
      ? char
      : byte === 0x20
        ? '+'
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** An application/x-www-form-urlencoded body from pairs, in order, duplicates kept. */
export function urlEncodedBody(pairs: readonly FormPair[]) {
  return Buffer.from(
    pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&'),
    'latin1',
  )
}

/** A multipart/form-data body from pairs; a Buffer value named in `files` is sent as a file part. */
export function multipartBody(pairs: readonly FormPair[], files: ReadonlySet<string> = new Set()) {
  const boundary = `----hostile${Math.random().toString(36).slice(2)}`
  const parts: Buffer[] = []
  for (const [name, value] of pairs) {
    const field = typeof name === 'string' ? name : name.toString('latin1')
    const fileName = files.has(field) ? `; filename="payload.png"` : ''
    const type = fileName ? 'Content-Type: image/png\r\n' : ''
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field.replace(/"/g, '%22')}"${fileName}\r\n${type}\r\n`,
        'utf8',
      ),
    )
    parts.push(typeof value === 'string' ? Buffer.from(value, 'utf8') : value)
    parts.push(Buffer.from('\r\n'))
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

export class HostileClient {
  readonly address: string
  readonly origin: string
  private readonly agent: http.Agent
  private readonly url: URL
  readonly cookies = new Map<string, string>()

  constructor(baseURL: string, address = freshLoopbackAddress()) {
    this.url = new URL(baseURL)
    this.origin = this.url.origin
    this.address = address
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 4 })
  }

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  request(
    method: string,
    path: string,
    options: {
      body?: Buffer | string
      headers?: Record<string, string>
      sameOrigin?: boolean
      keepCookies?: boolean
    } = {},
    retried = false,
  ): Promise<HostileResponse> {
    const { body, headers = {}, sameOrigin = true, keepCookies = true } = options
    const payload =
      body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body, 'utf8') : body
    const allHeaders: Record<string, string> = {
      // A server may answer a big body before reading it and then drop the connection: big bodies
      // get a connection of their own, so no later request inherits a closing socket.
      ...(payload && payload.length > 32 * 1024 ? { Connection: 'close' } : {}),
      Host: this.url.host,
      'User-Agent': 'ideabox-hostile-crawler',
      Accept: 'text/html,application/json;q=0.9,*/*;q=0.8',
      ...(sameOrigin && method !== 'GET' ? { Origin: this.origin } : {}),
      ...(this.cookies.size ? { Cookie: this.cookieHeader() } : {}),
      ...(payload ? { 'Content-Length': String(payload.length) } : {}),
      ...headers,
    }
    for (const [name, value] of Object.entries(allHeaders))
      if (value === '') delete allHeaders[name]
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: this.url.hostname === 'localhost' ? '127.0.0.1' : this.url.hostname,
          port: this.url.port,
          path,
          method,
          headers: allHeaders,
          agent: this.agent,
          localAddress: this.address,
        },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () => {
            if (keepCookies) this.remember(response.headers['set-cookie'])
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              location: response.headers.location,
            })
          })
          response.on('error', reject)
        },
      )
      request.setTimeout(30_000, () => request.destroy(new Error(`timed out: ${method} ${path}`)))
      request.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed meanwhile: the request never reached it; send again.
        if (request.reusedSocket && error.code === 'ECONNRESET' && !retried)
          resolve(this.request(method, path, options, true))
        // The server may close the connection early on an oversize body after answering 413.
        else if (error.code === 'EPIPE' || error.code === 'ECONNRESET')
          resolve({
            status: 0,
            headers: {},
            body: `connection closed: ${error.code}`,
            location: undefined,
          })
        // An answer HTTP cannot parse (e.g. a Location header of megabytes): no status, and said why.
        else if (error.code?.startsWith('HPE_'))
          resolve({
            status: 0,
            headers: {},
            body: `unparseable answer: ${error.message}`,
            location: undefined,
          })
        else reject(error)
      })
      if (payload) request.write(payload)
      request.end()
    })
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request('GET', path, { headers })
  }

  /** Posts pairs as an urlencoded form (same-origin unless headers say otherwise). */
  postForm(
    path: string,
    pairs: readonly FormPair[] | Record<string, string>,
    headers: Record<string, string> = {},
  ) {
    const list = Array.isArray(pairs) ? (pairs as readonly FormPair[]) : Object.entries(pairs)
    return this.request('POST', path, {
      body: urlEncodedBody(list),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    })
  }

  private remember(setCookie: string[] | undefined) {
    for (const line of setCookie ?? []) {
      const [pair, ...attributes] = line.split(';')
      const at = pair!.indexOf('=')
      if (at < 0) continue
      const name = pair!.slice(0, at).trim()
      const value = pair!.slice(at + 1).trim()
      const expired = attributes.some(
        (attribute) =>
          /^\s*max-age=0\s*$/i.test(attribute) ||
          (/^\s*expires=/i.test(attribute) && Date.parse(attribute.split('=')[1]!) < Date.now()),
      )
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  close() {
    this.agent.destroy()
  }
}
