// Real Request objects for calling route loaders and actions directly in integration tests.
import type { AppLoadContext } from '@remix-run/node'

export function makeRequest({
  path,
  method = 'GET',
  form,
  cookie,
  headers = {},
}: {
  path: string
  method?: string
  form?: Record<string, string>
  cookie?: string
  headers?: Record<string, string>
}) {
  const init: RequestInit = {
    method,
    headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}) },
  }
  if (form) {
    init.body = new URLSearchParams(form)
    ;(init.headers as Record<string, string>)['Content-Type'] = 'application/x-www-form-urlencoded'
  }
  return new Request(`http://localhost${path}`, init)
}

export function makeContext(overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return {
    nonce: 'test-nonce',
    requestId: 'test-request',
    clientIp: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    ...overrides,
  }
}

/** The name=value part of a Set-Cookie header, ready to send back as a Cookie header. */
export function cookieFrom(setCookie: string | null) {
  return setCookie?.split(';')[0] ?? ''
}

/** Calls a loader or action, returning a thrown Response as if it were returned. */
export async function settle(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run()
  } catch (error) {
    return error
  }
}

/** What came back: a status for thrown/returned Responses and data(), 200 for plain data. */
export function statusOf(result: unknown) {
  if (result instanceof Response) return result.status
  if (result && typeof result === 'object' && 'init' in result)
    return (result as { init?: { status?: number } | null }).init?.status ?? 200
  if (result instanceof Error) throw result
  return 200
}

/**
 * The Cookie header a browser sends after `response`, as a browser keeps cookies: each one it sets
 * replaces the one of that name, and one set to expire (Max-Age=0) is forgotten.
 */
export function cookiesAfter(cookie: string, response: Response) {
  const jar = new Map(
    cookie
      .split(';')
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) => [pair.split('=')[0]!, pair] as const),
  )
  for (const line of response.headers.getSetCookie()) {
    const pair = cookieFrom(line)
    const name = pair.split('=')[0]!
    if (/;\s*Max-Age=0\b/i.test(line)) jar.delete(name)
    else jar.set(name, pair)
  }
  return [...jar.values()].join('; ')
}
