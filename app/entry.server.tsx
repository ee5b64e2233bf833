// Server rendering: pages with the request's CSP nonce; logs unexpected errors with the request id.
// A GET page that rendered fine is kept as a template by what it was rendered from and filled in
// for the next viewer of the same content (app/utils/page-templates.server.ts); the rest stream.
import { PassThrough } from 'node:stream'

import {
  type ActionFunctionArgs,
  type AppLoadContext,
  createReadableStreamFromReadable,
  type EntryContext,
  type LoaderFunctionArgs,
} from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { ServerMode } from '@remix-run/server-runtime/dist/mode.js'
import { encodeViaTurboStream } from '@remix-run/server-runtime/dist/single-fetch.js'
import { isbot } from 'isbot'
import { renderToPipeableStream, renderToString } from 'react-dom/server'
import { renderToReadableStream } from 'react-dom/server.browser'

import { DATABASE_RETRY_AFTER_SECONDS } from '#app/utils/database-errors.server'
import { env } from '#app/utils/env.server'
import { NonceProvider } from '#app/utils/nonce'
import { pageTemplates, viewerStringsOf } from '#app/utils/page-template-store.server'
import {
  fillPayload,
  fillTemplate,
  fillTemplateChunks,
  type PageTemplate,
  type PayloadTemplate,
  sentinel,
  STREAM_PLACEHOLDER,
  streamChunkLiteral,
  templateKey,
  toPayloadTemplate,
  toTemplate,
} from '#app/utils/page-templates.server'

export const streamTimeout = 5_000

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  // The "temporarily unavailable" page (the database is out of reach): tell clients when to retry.
  if (responseStatusCode === 503)
    responseHeaders.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
  const context = remixContext.staticHandlerContext
  const templatable =
    request.method === 'GET' &&
    responseStatusCode === 200 &&
    !remixContext.isSpaMode &&
    !context.actionData &&
    !context.errors &&
    remixContext.serverHandoffStream !== undefined &&
    env().PAGE_TEMPLATES
  if (templatable)
    return fromTemplate(
      request,
      responseHeaders,
      remixContext,
      loadContext.nonce,
      loadContext.keptRoute === true,
    )
  return streamed(request, responseStatusCode, responseHeaders, remixContext, loadContext.nonce)
}

async function streamed(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  nonce: string,
) {
  if (isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode) {
    // Waiting for everything anyway: the whole page at once, from the same renderer as the templates.
    const whole = await renderWhole(request, remixContext, nonce)
    return new Response(whole.html, {
      headers: responseHeaders,
      status: whole.failed ? 500 : responseStatusCode,
    })
  }
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={streamTimeout}
          nonce={nonce}
        />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true
          const body = new PassThrough()
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, streamTimeout + 1_000)
  })
}

/**
 * The whole page as one string (every Suspense boundary resolved), and whether React reported an
 * error. The page's data is read first and handed to Remix's <StreamTransfer> as already read (its
 * `renderMeta.streamCache`, by chunk number), so nothing suspends and React's string renderer gives
 * the page in one pass, without the web-streams renderer's encoding of every chunk to bytes and
 * back: ~4 ms a render instead of ~5.8 for the bench's authors' /my/ideas, when 200 of them come at
 * once (CPU profiles, docs/performance.md). The same bytes: a template is kept only when filling it
 * gives the streaming renderer's bytes (fromTemplate, below), and a test that sees a template
 * refused fails. Should anything still suspend (its fallback marked `<!--$!-->`) or throw, the page
 * is rendered by the web-streams renderer instead.
 */
async function renderWhole(request: Request, remixContext: EntryContext, nonce: string) {
  const chunks = await readChunks(remixContext.serverHandoffStream!)
  const html = renderAtOnce(request, remixContext, nonce, chunks)
  if (html !== null) return { html, failed: false }
  return renderStreamed(request, { ...remixContext, serverHandoffStream: streamOf(chunks) }, nonce)
}

/** The page rendered at once with its data already read, or null if anything suspended or threw. */
function renderAtOnce(
  request: Request,
  remixContext: EntryContext,
  nonce: string,
  chunks: readonly string[],
) {
  // As <StreamTransfer> keeps what it read: chunk n, then the end (a read's value decoded, '').
  const streamCache: Record<number, { result: { done: boolean; value: string } }> = {}
  chunks.forEach((value, index) => (streamCache[index] = { result: { done: false, value } }))
  streamCache[chunks.length] = { result: { done: true, value: '' } }
  try {
    const html = renderToString(
      <NonceProvider value={nonce}>
        <RemixServer
          context={{
            ...remixContext,
            // Unread: <RemixServer> takes a reader of it, <StreamTransfer> reads the cache instead.
            serverHandoffStream: streamOf([]),
            renderMeta: { streamCache } as EntryContext['renderMeta'],
          }}
          url={request.url}
          abortDelay={streamTimeout}
          nonce={nonce}
        />
      </NonceProvider>,
    )
    // The string renderer leaves out the doctype the streaming renderers put before <html>.
    return html.includes('<!--$!-->') ? null : `<!DOCTYPE html>${html}`
  } catch {
    return null
  }
}

/**
 * The whole page from React's web-streams renderer (react-dom 18's Node renderer can pad its output
 * with NUL bytes where a multi-byte character meets the end of its buffer).
 */
async function renderStreamed(request: Request, remixContext: EntryContext, nonce: string) {
  let failed = false
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), streamTimeout + 1_000)
  try {
    const stream = await renderToReadableStream(
      <NonceProvider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={streamTimeout}
          nonce={nonce}
        />
      </NonceProvider>,
      {
        nonce,
        signal: controller.signal,
        onError(error: unknown) {
          failed = true
          console.error(error)
        },
      },
    )
    await stream.allReady
    return { html: await new Response(stream).text(), failed }
  } finally {
    clearTimeout(timer)
  }
}

async function readChunks(stream: ReadableStream<Uint8Array>) {
  const decoder = new TextDecoder()
  const chunks: string[] = []
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return chunks
    chunks.push(decoder.decode(value, { stream: true }))
  }
}

function streamOf(chunks: readonly string[]) {
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      controller.close()
    },
  })
}

const refusalsLogged = new Set<string>()

async function fromTemplate(
  request: Request,
  responseHeaders: Headers,
  remixContext: EntryContext,
  nonce: string,
  /** Its kept-answer key was read: a page meant to be kept (`AppLoadContext.keptRoute`). */
  keptRoute: boolean,
) {
  const context = remixContext.staticHandlerContext
  const viewer = viewerStringsOf(context.loaderData)
  const strings = [nonce, ...viewer.strings]
  const routeIds = context.matches.map((match) => match.route.id)
  const key = templateKey({
    build: remixContext.manifest.version,
    url: request.url,
    status: 200,
    routeIds,
    loaderData: viewer.loaderData,
    sentinels: viewer.inData,
  })
  const respond = (html: string | Buffer, status = 200) =>
    new Response(typeof html === 'string' ? html : new Uint8Array(html), {
      headers: responseHeaders,
      status,
    })
  /** The page streamed as usual, from the data chunks already read off its stream. */
  const streamedFrom = (chunks: readonly string[]) =>
    streamed(
      request,
      200,
      responseHeaders,
      { ...remixContext, serverHandoffStream: streamOf(chunks) },
      nonce,
    )
  // An empty string renders no text node at all (React then joins its neighbours differently): not templated.
  if (key === null || viewer.strings.includes('')) {
    pageTemplates.stats.notTemplatable += 1
    return streamed(request, 200, responseHeaders, remixContext, nonce)
  }
  const template = pageTemplates.get(key)
  if (template) {
    const chunks = await readChunks(remixContext.serverHandoffStream!)
    if (chunks.length === 1) {
      pageTemplates.stats.hits += 1
      return respond(fillTemplate(template, strings, streamChunkLiteral(chunks[0]!)))
    }
    return streamedFrom(chunks)
  }
  pageTemplates.stats.misses += 1
  const route = routeIds.at(-1) ?? 'unknown'
  const templateContext: EntryContext = {
    ...remixContext,
    staticHandlerContext: { ...context, loaderData: viewer.loaderData },
    serverHandoffStream: streamOf([STREAM_PLACEHOLDER]),
    renderMeta: {},
  }
  const keep = async (made: PageTemplate, payloadChunk: string | undefined) => {
    // A visitor's page is the same for every visitor: its payload is kept at once. A person's only
    // when another person asks for it, or it has a one-time key (answerFromKeptTemplate).
    const payload =
      viewer.person === '[]'
        ? await payloadTemplate(request, context.loaderData, viewer.loaderData, strings)
        : undefined
    pageTemplates.store(key, {
      ...made,
      payload,
      payloadTried: payload !== undefined,
      keptFor: viewer.person,
      chars: made.chars + (payload?.chars ?? 0),
      headers: keptHeaders(context, responseHeaders),
    })
    // A person's payload without one-time keys is theirs whenever the page is: kept with it at once,
    // so that their next request is answered after one statement (issue 19: each author's own page
    // ran its loaders twice before, then once more for their payload).
    const stored = pageTemplates.get(key)
    if (stored && payload === undefined && !viewer.oneTime && payloadChunk !== undefined)
      await keepPersonPayload(
        stored,
        viewer,
        strings,
        request,
        context.loaderData,
        streamChunkLiteral(payloadChunk),
      )
  }

  // A route whose templates were verified many times: the template is made at once and is the
  // answer (one render, not two), except for a sample still compared below.
  const trust = pageTemplates.trust(route)
  if (trust === 'trusted') {
    const chunks = await readChunks(remixContext.serverHandoffStream!)
    const rendered = await renderWhole(request, templateContext, sentinel(0))
    const made = rendered.failed ? null : toTemplate(rendered.html, strings.length)
    if (made && chunks.length === 1) {
      await keep(made, chunks[0])
      pageTemplates.stats.madeAtOnce += 1
      return respond(fillTemplate(made, strings, streamChunkLiteral(chunks[0]!)))
    }
    return streamedFrom(chunks)
  }
  // A page of a route answered again after one statement is templated at first sight: each of the
  // bench's 200 authors' /my/ideas was rendered once plainly, then twice to verify, before their
  // route was trusted (20 verified) and made its templates at once.
  if (trust === 'verify' && !keptRoute && !pageTemplates.worthTemplating(key))
    return streamed(request, 200, responseHeaders, remixContext, nonce)

  // Seen before, meant to be kept, or a trusted route's sample: render the page for real (that is
  // the answer) and once more with sentinels, and keep the template only if it gives the very same
  // bytes.
  const [forPage, forCheck] = remixContext.serverHandoffStream!.tee()
  // The answer from React's streaming renderer; the template from the string renderer: a template
  // kept is one that gives the streaming renderer's very bytes.
  const real = await renderStreamed(
    request,
    { ...remixContext, serverHandoffStream: forPage },
    nonce,
  )
  const chunks = await readChunks(forCheck)
  if (real.failed) return respond(real.html, 500)
  const rendered = await renderWhole(request, templateContext, sentinel(0))
  const made = rendered.failed ? null : toTemplate(rendered.html, strings.length)
  const filled =
    made && chunks.length === 1 ? fillTemplate(made, strings, streamChunkLiteral(chunks[0]!)) : null
  // The very bytes sent (a lone surrogate React renders is sent as U+FFFD either way).
  if (made && filled?.equals(Buffer.from(real.html))) {
    await keep(made, chunks.length === 1 ? chunks[0] : undefined)
    pageTemplates.verified(route)
  } else {
    pageTemplates.refuse(key, route)
    if (!refusalsLogged.has(route)) {
      refusalsLogged.add(route)
      const offset = filled === null ? -1 : firstDifference(filled.toString(), real.html)
      console.warn(
        `[page templates] ${route}: a template did not give the rendered page (first difference at ${offset}); this page renders normally`,
      )
    }
  }
  return respond(real.html)
}

/** The data as Remix encodes a document's data (handleDocumentRequest), when it is one chunk. */
async function encodedPayload(request: Request, loaderData: Record<string, unknown>) {
  const chunks = await readChunks(
    encodeViaTurboStream(
      { loaderData, actionData: null, errors: null },
      request.signal,
      streamTimeout,
      ServerMode.Production,
    ),
  )
  return chunks.length === 1 ? chunks[0]! : null
}

/**
 * The page's data payload with the viewer's strings cut out, kept only when filling it in gives the
 * very payload Remix encodes: checked with stand-ins for the viewer's strings (so that a viewer whose
 * own strings are shared in the payload, and are encoded afresh, does not stop it being kept).
 */
async function payloadTemplate(
  request: Request,
  loaderData: Record<string, unknown>,
  sentinelData: Record<string, unknown>,
  strings: readonly string[],
): Promise<PayloadTemplate | undefined> {
  const chunk = await encodedPayload(request, sentinelData)
  const payload = chunk === null ? null : toPayloadTemplate(chunk, strings.length)
  if (!payload) return undefined
  const standIn = (index: number) => `\u0002viewer string ${index}\u0003`
  const check = viewerStringsOf(loaderData, standIn)
  const expected = await encodedPayload(request, check.loaderData)
  const standIns = [strings[0]!, ...check.strings.map((_, index) => standIn(index + 1))]
  if (expected === null || fillPayload(payload, standIns) !== streamChunkLiteral(expected))
    return undefined
  return payload
}

/**
 * The payload's script literal for this viewer: filled in from the page's payload template; or the
 * one encoded for this very viewer before; or encoded afresh — then the payload template is made
 * once the page is seen by another person than the one it was kept from, or has a form's one-time
 * key; otherwise the person's own payload is kept if there is room.
 */
async function payloadLiteral(
  template: PageTemplate,
  viewer: ReturnType<typeof viewerStringsOf>,
  strings: readonly string[],
  request: Request,
  loaderData: Record<string, unknown>,
) {
  // The page's payload template, or (`person`: the viewer's strings but the one-time keys) the one
  // kept for this person when the page had none.
  const payload = template.payload ?? template.personPayloads?.get(viewer.person)
  if (payload) {
    pageTemplates.stats.payloadsFilled += 1
    return { literal: fillPayload(payload, strings), fromTemplate: true }
  }
  const own = JSON.stringify(strings.slice(1))
  const kept = template.ownPayloads?.get(own)
  if (kept !== undefined) {
    pageTemplates.stats.ownPayloads += 1
    return { literal: kept, fromTemplate: false }
  }
  // Made for a page a second person sees, or one with a form's one-time key (its payload differs
  // on every request, so only a template of it can be reused).
  if (!template.payloadTried && (viewer.person !== template.keptFor || viewer.oneTime)) {
    template.payloadTried = true
    const payload = await payloadTemplate(request, loaderData, viewer.loaderData, strings)
    if (payload) {
      pageTemplates.addPayload(template, payload)
      pageTemplates.stats.payloadsFilled += 1
      return { literal: fillPayload(payload, strings), fromTemplate: true }
    }
  }
  const chunk = await encodedPayload(request, loaderData)
  if (chunk === null) return null
  const literal = streamChunkLiteral(chunk)
  if (await keepPersonPayload(template, viewer, strings, request, loaderData, literal))
    return { literal, fromTemplate: true }
  // Only strings that are not new on every request (a form's key) come back the same.
  if (!viewer.oneTime) pageTemplates.keepOwnPayload(template, own, literal)
  return { literal, fromTemplate: false }
}

/**
 * For a viewer whose page has no payload template (nobody else has seen it yet, as an author's own
 * /my/ideas): a payload template with only the form's one-time keys cut
 * out, kept with the page when filling it in gives the payload just encoded for them (decision 040;
 * without one-time keys, that payload as it is, decision 041). True when one is kept (or was already).
 */
async function keepPersonPayload(
  template: PageTemplate,
  viewer: ReturnType<typeof viewerStringsOf>,
  strings: readonly string[],
  request: Request,
  loaderData: Record<string, unknown>,
  literal: string,
) {
  const { person } = viewer
  if (template.personPayloads?.has(person)) return true
  // Without one-time keys the payload just encoded is theirs whenever the page is (same template,
  // same strings: the same data): kept as it is, a template without slots.
  if (!viewer.oneTime) {
    const inside = literal.slice(1, -1)
    pageTemplates.keepPersonPayload(template, person, {
      parts: [inside],
      slots: [],
      chars: inside.length,
    })
    return template.personPayloads?.has(person) === true
  }
  const firstOneTime = strings.length - viewer.oneTimeStrings
  // The one-time keys as sentinels at their places; the viewer's own strings as they are.
  const cut = viewerStringsOf(loaderData, (index) =>
    index >= firstOneTime ? sentinel(index) : strings[index]!,
  )
  const chunk = await encodedPayload(request, cut.loaderData)
  const payload = chunk === null ? null : toPayloadTemplate(chunk, strings.length)
  if (!payload || fillPayload(payload, strings) !== literal) return false
  pageTemplates.keepPersonPayload(template, person, payload)
  return template.personPayloads?.get(person) === payload
}

/**
 * The page's headers, for answering it outside Remix (app/server/page-endpoint.server.ts): only when
 * no loader set headers of its own, so that they follow from the matched routes alone and carry
 * nothing of this request (no Set-Cookie).
 */
function keptHeaders(context: EntryContext['staticHandlerContext'], headers: Headers) {
  const loaderSetHeaders = Object.values(context.loaderHeaders).some(
    (own) => [...own.keys()].length > 0,
  )
  if (loaderSetHeaders || headers.has('Set-Cookie')) return undefined
  return [...headers.entries()]
}

/**
 * What answers the same page again after one statement (app/server/kept-answers.server.ts, decision
 * 040): the key of the template it was filled from and the viewer's lasting strings; the form's
 * one-time keys (the last `oneTimeStrings` of them) are made afresh for each answer.
 */
export type KeptAnswerSource = { templateKey: string; strings: string[]; oneTimeStrings: number }

/** A page's request and its loaders' data, as Remix's static handler gives them. */
type RenderedPage = {
  request: Request
  buildVersion: string
  routeIds: string[]
  loaderData: Record<string, unknown>
}

function keyed(input: RenderedPage) {
  const viewer = viewerStringsOf(input.loaderData)
  if (viewer.strings.includes('')) return null
  const key = templateKey({
    build: input.buildVersion,
    url: input.request.url,
    status: 200,
    routeIds: input.routeIds,
    loaderData: viewer.loaderData,
    sentinels: viewer.inData,
  })
  return key === null ? null : { key, viewer }
}

function sourceOf(key: string, viewer: ReturnType<typeof viewerStringsOf>): KeptAnswerSource {
  const { oneTimeStrings } = viewer
  return {
    templateKey: key,
    strings: viewer.strings.slice(0, viewer.strings.length - oneTimeStrings),
    oneTimeStrings,
  }
}

/**
 * A GET page answered from its kept template without Remix's request handling
 * (app/server/page-endpoint.server.ts): the loaders have run there, with the results Remix would
 * have put in its context. Null when no template with headers is kept for this content, or the
 * page is not one to template; then the request goes to Remix, which renders and may keep it.
 * `source` is set when the page was filled from templates alone (the page's and its payload's):
 * then it can be answered again without its loaders (`answerFromKeptSource`).
 */
export async function answerFromKeptTemplate({
  request,
  buildVersion,
  routeIds,
  loaderData,
  nonce,
}: {
  request: Request
  buildVersion: string
  routeIds: string[]
  loaderData: Record<string, unknown>
  nonce: string
}): Promise<{
  html: Buffer
  headers: [string, string][]
  source: KeptAnswerSource | null
} | null> {
  if (!env().PAGE_TEMPLATES) return null
  const found = keyed({ request, buildVersion, routeIds, loaderData })
  const template = found && pageTemplates.get(found.key)
  if (!found || !template?.headers) return null
  const { viewer } = found
  const strings = [nonce, ...viewer.strings]
  const payload = await payloadLiteral(template, viewer, strings, request, loaderData)
  if (payload === null) return null
  pageTemplates.stats.hits += 1
  pageTemplates.stats.outsideRemix += 1
  return {
    html: fillTemplate(template, strings, payload.literal),
    headers: template.headers,
    source: payload.fromTemplate ? sourceOf(found.key, viewer) : null,
  }
}

/**
 * `fillTemplateChunks`, counting the parts it keeps as bytes the first time (the page's, the
 * payload template's) in the store's size.
 */
function filledAsBytes(
  template: PageTemplate,
  strings: readonly string[],
  payload: PayloadTemplate,
) {
  const encoding = payload.partBytes === undefined
  const body = fillTemplateChunks(template, strings, payload)
  if (encoding)
    pageTemplates.grew(
      template,
      payload.partBytes!.reduce((sum, part) => sum + part.length, 0),
    )
  return body
}

/** The source a page's loaders' data would be answered from now (checking a kept answer). */
export function keptAnswerSourceOf(input: RenderedPage): KeptAnswerSource | null {
  const found = keyed(input)
  return found && sourceOf(found.key, found.viewer)
}

/**
 * After Remix answered a page from its loaders' data (and kept its template, and the viewer's
 * payload, as it went): the source it can be answered again from, when its templates are kept with
 * a payload for this viewer; null otherwise.
 */
export function keptAnswerSourceAfterRender(input: RenderedPage): KeptAnswerSource | null {
  const found = keyed(input)
  const template = found && pageTemplates.get(found.key)
  if (!found || !template?.headers) return null
  const source = sourceOf(found.key, found.viewer)
  const payload = template.payload ?? template.personPayloads?.get(JSON.stringify(source.strings))
  return payload ? source : null
}

/**
 * The page again from a kept answer's source, for a new nonce and new one-time keys; null when its
 * templates are no longer kept (or the fresh strings cannot be filled in): then the loaders run.
 */
export function answerFromKeptSource({
  source,
  nonce,
}: {
  source: KeptAnswerSource
  nonce: string
}): { body: Buffer[]; headers: [string, string][] } | null {
  if (!env().PAGE_TEMPLATES) return null
  const template = pageTemplates.get(source.templateKey)
  if (!template?.headers) return null
  const strings = [nonce, ...source.strings]
  // A form's one-time key, as the routes make it (crypto.randomUUID()).
  for (let index = 0; index < source.oneTimeStrings; index++) strings.push(crypto.randomUUID())
  // The page's payload template, or this viewer's own when the page had none.
  const payload = template.payload ?? template.personPayloads?.get(JSON.stringify(source.strings))
  if (!payload) return null
  const body = filledAsBytes(template, strings, payload)
  pageTemplates.stats.hits += 1
  pageTemplates.stats.keptAnswers += 1
  return { body, headers: template.headers }
}

function firstDifference(a: string, b: string) {
  const length = Math.min(a.length, b.length)
  for (let index = 0; index < length; index++) if (a[index] !== b[index]) return index
  return length
}

export function handleError(
  error: unknown,
  { request, context }: LoaderFunctionArgs | ActionFunctionArgs,
) {
  if (request.signal.aborted) return
  const requestId = (context as Partial<AppLoadContext>).requestId ?? 'unknown'
  console.error(`[request ${requestId}] ${request.method} ${new URL(request.url).pathname}`, error)
}
