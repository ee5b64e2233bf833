// Pages fetched as a crawler gets them (whole, from the renderer templates are made with), and what
// two answers of the same page may differ in: for tests that compare a kept answer with Remix's.
import { decode } from 'turbo-stream'
import { expect } from 'vitest'

import { pageTemplates } from '#app/utils/page-template-store.server'

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

const PAYLOAD_CHUNK = /window\.__remixContext\.streamController\.enqueue\(("(?:[^"\\]|\\.)*")\);/g

/** The data a page's payload chunks decode to, as the browser's Remix reads them. */
export async function decodedPayload(chunks: string[]) {
  const bytes = new TextEncoder().encode(chunks.join(''))
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })
  const decoded = await decode(stream)
  await decoded.done
  return decoded.value
}

/**
 * What two answers of the same page must agree on: the status, the headers and the HTML but for
 * what differs between any two requests (the nonce, the one-time form keys, the request id, the
 * date), and the data its payload decodes to. The payload's bytes may differ: a string of the
 * viewer's that the page also shows elsewhere is written again where Remix would refer back to it
 * (turbo-stream), which decodes to the same data (decision 043).
 */
export async function sameRequest(page: PageAnswer) {
  const chunks: string[] = []
  const html = page.html
    .replaceAll(page.nonce ?? '\0', 'NONCE')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'submission-key')
    .replace(PAYLOAD_CHUNK, (_, literal: string) => {
      chunks.push(JSON.parse(literal) as string)
      return 'window.__remixContext.streamController.enqueue(PAYLOAD);'
    })
  const headers = Object.fromEntries(
    [...page.headers.entries()]
      .filter(([name]) => !['date', 'x-request-id', 'content-length', 'etag'].includes(name))
      .map(([name, value]) => [name, value.replaceAll(page.nonce ?? '\0', 'NONCE')]),
  )
  return { status: page.status, html, headers, data: await decodedPayload(chunks) }
}

/**
 * Each viewer (the people, and a visitor unless `signedInOnly` says the page sends them to sign in)
 * asks for each page before the steps and after each, 200 every time, until it is given a kept
 * answer, three times at most: its template is made by the second and kept as an answer by then,
 * which the next viewer with the same key is given (and checked, when every kept answer is:
 * KEPT_ANSWER_CHECK_EVERY=1). A kept answer again for the same key would be the same bytes, checked
 * the same way. Then the last answers, kept, are what Remix renders for each viewer, byte for byte.
 */
export async function viewEveryPageAfterEachStep<Step>({
  get,
  steps,
  act,
  paths,
  cookies,
  signedInOnly = () => false,
}: {
  get: ReturnType<typeof pageFetcher>
  steps: Step[]
  act: (step: Step) => Promise<void>
  paths: string[]
  cookies: string[]
  signedInOnly?: (path: string) => boolean
}) {
  const viewAll = async () => {
    for (const cookie of [...cookies, undefined])
      for (const path of paths) {
        if (!cookie && signedInOnly(path)) continue
        for (let time = 0; time < 3; time++) {
          const given = pageTemplates.stats.keptAnswers
          const page = await get(path, cookie)
          expect(page.status, `${path} for ${cookie ?? 'a visitor'}`).toBe(200)
          if (pageTemplates.stats.keptAnswers > given) break
        }
      }
  }
  await viewAll()
  for (const next of steps) {
    await act(next)
    await viewAll()
  }
  for (const cookie of [...cookies, undefined])
    for (const path of paths) {
      if (!cookie && signedInOnly(path)) continue
      const given = pageTemplates.stats.keptAnswers
      const kept = await get(path, cookie)
      if (pageTemplates.stats.keptAnswers === given) continue
      pageTemplates.clear()
      expect(await sameRequest(kept)).toEqual(await sameRequest(await get(path, cookie)))
    }
}
