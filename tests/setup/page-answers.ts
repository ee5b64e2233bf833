// Pages fetched as a crawler gets them (whole, from the renderer templates are made with), and what
// two answers of the same page may differ in: for tests that compare a kept answer with Remix's.
import { crawler } from './app-build'

export type PageAnswer = Awaited<ReturnType<ReturnType<typeof pageFetcher>>>

/** GET `path` from the app at `base()`, with the session cookie if given; redirects not followed. */
export function pageFetcher(base: () => string) {
  return async (path: string, cookie?: string) => {
    const response = await fetch(`${base()}${path}`, {
      headers: { ...crawler, Accept: 'text/html', ...(cookie ? { Cookie: cookie } : {}) },
      redirect: 'manual',
    })
    const html = await response.text()
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1]
    return { status: response.status, headers: response.headers, html, nonce }
  }
}

/** What differs between any two requests: the nonce, the one-time form keys, the request id, the date. */
export function sameRequest(page: PageAnswer) {
  const html = page.html
    .replaceAll(page.nonce ?? '\0', 'NONCE')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'submission-key')
  const headers = Object.fromEntries(
    [...page.headers.entries()]
      .filter(([name]) => !['date', 'x-request-id', 'content-length', 'etag'].includes(name))
      .map(([name, value]) => [name, value.replaceAll(page.nonce ?? '\0', 'NONCE')]),
  )
  return { status: page.status, html, headers }
}
