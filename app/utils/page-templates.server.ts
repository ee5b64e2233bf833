// Pages rendered once per content (docs/decisions/029-pages-rendered-once-per-content.md): the HTML
// React renders for a page is kept under the hash of what it was rendered from — the matched routes,
// the address, the status and the loaders' data with the viewer's own verbatim strings (display
// name, handle, the CSP nonce) replaced by sentinels. The data is read on every request, so a kept
// page is never stale for anyone and there is nothing to invalidate; only the viewer's strings are
// filled in, escaped as React would have. The loaders' data sent to the browser is never templated:
// it is the request's own turbo-stream payload, put where the page's one data script expects it.
// Bounded by size, least recently used out; a template is kept only after it was seen to give the
// very bytes React rendered for a real request.
import { createHash } from 'node:crypto'

const OPEN = '\uE000'
const CLOSE = '\uE001'

/** The placeholder for viewer string `index` in a template render (private-use characters). */
export function sentinel(index: number) {
  return `${OPEN}${index}${CLOSE}`
}

/** What the template render's data stream yields, once: replaced by the request's own payload. */
export const STREAM_PLACEHOLDER = `${OPEN}stream${CLOSE}`
const STREAM = -1

const slotPattern = new RegExp(`"${OPEN}stream${CLOSE}"|${OPEN}(\\d+)${CLOSE}`, 'g')

export type PageTemplate = {
  /**
   * The page cut at every slot, as the UTF-8 bytes sent (`parts.length === slots.length + 1`): a
   * page is copied, not encoded, and held once. As strings as well, a Dutch /my/ideas page (two-byte
   * characters) held three times its size; 200 authors' pages did not fit the store.
   */
  parts: Buffer[]
  /** What goes between parts: a viewer string's index, or STREAM for the data payload. */
  slots: number[]
  /** Its size in the store's characters (two bytes each): its parts' bytes, and its payloads. */
  chars: number
  /**
   * The data payload, ready to fill for a viewer: made when the page is kept for a visitor, or
   * when a second person asks for it (a person's own page, like /my/ideas, never needs one).
   */
  payload?: PayloadTemplate
  /** Whose page it was kept from (`viewerStringsOf(…).person`), and whether a payload was tried. */
  keptFor?: string
  payloadTried?: boolean
  /**
   * Payloads encoded for viewers whose strings the payload shares (a moderator's name in the list
   * of staff to assign to), by their strings: the same viewer's next visit reuses theirs.
   */
  ownPayloads?: Map<string, string>
  /**
   * For a page with a form's one-time key, payload templates of viewers whose strings the payload
   * shares, by their strings: only the one-time keys are cut out, their own strings stay as encoded.
   */
  personPayloads?: Map<string, PayloadTemplate>
  /**
   * The document headers Remix gave the page (Content-Type, a route's Cache-Control…), kept when its
   * loaders set none of their own: a page answered from its template outside Remix sends these.
   */
  headers?: [string, string][]
  /** How much of `chars` is viewers' own payloads (`ownPayloads`, `personPayloads`). */
  viewerChars?: number
  /** Out of the store: its viewers' payloads went with it. */
  evicted?: boolean
  /** Each viewer's payload's place in the store's list of them, by kind and viewer. */
  viewerTokens?: Map<string, object>
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
}

/** React's escaping of text and attribute values (react-dom's escapeTextForBrowser). */
export function escapeHtml(value: string) {
  return /[&<>"']/.test(value) ? value.replace(/[&<>"']/g, (char) => htmlEscapes[char]!) : value
}

const scriptEscapes: Record<string, string> = {
  '&': '\\u0026',
  '>': '\\u003e',
  '<': '\\u003c',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
}

/** A chunk of the data stream as Remix writes it into its inline script: a JSON string, made safe for HTML. */
export function streamChunkLiteral(chunk: string) {
  return JSON.stringify(chunk).replace(/[&><\u2028\u2029]/g, (char) => scriptEscapes[char]!)
}

/**
 * Cuts a page rendered with sentinels into a template, or null when a viewer string landed where
 * HTML escaping is not what the renderer applied (inside a script), or the data stream is not there once.
 */
export function toTemplate(html: string, viewerStrings: number): PageTemplate | null {
  const parts: string[] = []
  const slots: number[] = []
  let last = 0
  let streams = 0
  for (const match of html.matchAll(slotPattern)) {
    const at = match.index
    if (match[1] === undefined) {
      streams += 1
      slots.push(STREAM)
    } else {
      const index = Number(match[1])
      if (index >= viewerStrings || insideScript(html, at)) return null
      slots.push(index)
    }
    parts.push(html.slice(last, at))
    last = at + match[0].length
  }
  if (streams !== 1) return null
  parts.push(html.slice(last))
  const bytes = parts.map((part) => Buffer.from(part, 'utf8'))
  return { parts: bytes, slots, chars: charsOf(bytes) }
}

/** Bytes counted as the store's characters (two bytes each). */
export function charsOf(bytes: readonly Buffer[]) {
  return Math.ceil(bytes.reduce((sum, part) => sum + part.length, 0) / 2)
}

function insideScript(html: string, at: number) {
  const open = html.lastIndexOf('<script', at)
  if (open < 0 || open < html.lastIndexOf('</script', at)) return false
  const tagEnd = html.indexOf('>', open)
  return tagEnd >= 0 && tagEnd < at
}

/**
 * The page for this viewer, as the UTF-8 bytes sent: their strings escaped as React escapes text,
 * and the data payload as Remix writes it into its script (`streamChunkLiteral` of the request's own
 * chunk, or `fillPayload`).
 */
export function fillTemplate(
  template: PageTemplate,
  viewerStrings: readonly string[],
  payloadLiteral: string,
): Buffer {
  const { parts, slots } = template
  const chunks: Buffer[] = [parts[0]!]
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index]!
    chunks.push(
      slot === STREAM ? Buffer.from(payloadLiteral) : htmlBytes(viewerStrings[slot]!),
      parts[index + 1]!,
    )
  }
  return Buffer.concat(chunks)
}

/**
 * The data payload of a kept page with the viewer's strings cut out: what Remix's turbo-stream
 * encoding of the data with sentinels gave, already written as the script's string literal. Filled
 * in, it is the encoding of the data with the viewer's own strings, byte for byte, as long as none of
 * them is a string the payload also holds (turbo-stream writes a repeated string once and refers to
 * it: `strings` holds every string of the payload, so such a viewer is encoded afresh instead).
 */
export type PayloadTemplate = {
  parts: string[]
  slots: number[]
  chars: number
  /** The parts as UTF-8, made when first answered as bytes (`fillTemplateChunks`). */
  partBytes?: Buffer[]
}

const payloadSlotPattern = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g')

/** A script literal's inside: a string as JSON writes it, made safe for HTML (streamChunkLiteral). */
function literalInside(text: string) {
  return streamChunkLiteral(text).slice(1, -1)
}

/**
 * Cuts the payload Remix encoded from the data with sentinels (one turbo-stream chunk) into a
 * payload template; null when a sentinel is not a whole string of the payload or not a viewer's.
 */
export function toPayloadTemplate(
  sentinelChunk: string,
  viewerStrings: number,
): PayloadTemplate | null {
  const parts: string[] = []
  const slots: number[] = []
  let last = 0
  for (const match of sentinelChunk.matchAll(payloadSlotPattern)) {
    const index = Number(match[1])
    const at = match.index
    const whole = sentinelChunk[at - 1] === '"' && sentinelChunk[at + match[0].length] === '"'
    if (index < 1 || index >= viewerStrings || !whole) return null
    parts.push(literalInside(sentinelChunk.slice(last, at)))
    slots.push(index)
    last = at + match[0].length
  }
  parts.push(literalInside(sentinelChunk.slice(last)))
  return { parts, slots, chars: parts.reduce((sum, part) => sum + part.length, 0) }
}

/**
 * The payload's script literal for this viewer (`viewerStrings` as for `fillTemplate`). A string of
 * theirs that is also elsewhere in the payload (a commenter's namesake), or two of theirs that are
 * equal, are written again where turbo-stream would refer back to the first: other bytes than
 * Remix's encoding, the same data once decoded (decision 043; it took a page's namesakes, one
 * viewer in eight on the bench's idea page, through their own loaders and encoding).
 */
export function fillPayload(payload: PayloadTemplate, viewerStrings: readonly string[]) {
  const pieces = payloadPieces(payload, viewerStrings)
  const { parts } = payload
  let literal = '"' + parts[0]!
  for (let index = 0; index < pieces.length; index++) literal += pieces[index]! + parts[index + 1]!
  return literal + '"'
}

/** What goes between the payload's parts for this viewer. */
function payloadPieces(payload: PayloadTemplate, viewerStrings: readonly string[]) {
  return payload.slots.map((slot) =>
    literalInside(JSON.stringify(viewerStrings[slot]!).slice(1, -1)),
  )
}

const QUOTE = Buffer.from('"')

/**
 * `fillTemplate` with `fillPayload`'s literal, as bytes: the payload's parts are kept encoded too
 * (made when first answered this way), so a page answered again is copied, not encoded (decision
 * 040); only the viewer's strings are. Given as the kept parts and the filled-in strings in order,
 * for a response to write as they are: a kept page of 157 KB (the triage queue) is not copied into
 * a buffer of its own for every request.
 */
export function fillTemplateChunks(
  template: PageTemplate,
  viewerStrings: readonly string[],
  payload: PayloadTemplate,
): Buffer[] {
  const pieces = payloadPieces(payload, viewerStrings)
  const { parts } = template
  const payloadParts = (payload.partBytes ??= payload.parts.map((part) => Buffer.from(part)))
  const chunks: Buffer[] = [parts[0]!]
  for (let index = 0; index < template.slots.length; index++) {
    const slot = template.slots[index]!
    if (slot === STREAM) {
      chunks.push(QUOTE, payloadParts[0]!)
      for (let piece = 0; piece < pieces.length; piece++)
        chunks.push(Buffer.from(pieces[piece]!), payloadParts[piece + 1]!)
      chunks.push(QUOTE)
    } else chunks.push(htmlBytes(viewerStrings[slot]!))
    chunks.push(parts[index + 1]!)
  }
  return chunks
}

/** Short strings filled in often (a vote button's "up", "true"; an initial) as bytes, made once. */
const shortBytes = new Map<string, Buffer>()

/** A viewer string as the page's bytes: escaped as React escapes it, as UTF-8. */
function htmlBytes(value: string) {
  if (value.length > 5) return Buffer.from(escapeHtml(value))
  let bytes = shortBytes.get(value)
  if (bytes === undefined) {
    bytes = Buffer.from(escapeHtml(value))
    if (shortBytes.size < 1000) shortBytes.set(value, bytes)
  }
  return bytes
}

/**
 * The key of a page's template, or null when the data cannot be keyed safely (a value JSON cannot
 * tell apart, or a string that looks like a sentinel where none was put). The data's JSON (V8's
 * own serialiser, fast) and, for what JSON cannot tell apart — undefined, dates, numbers JSON
 * writes as null — a tag with its place in the walk (`dataTags`).
 */
export function templateKey(input: {
  build: string
  url: string
  status: number
  routeIds: readonly string[]
  loaderData: unknown
  sentinels: number
}) {
  const tags = dataTags(input.loaderData)
  if (tags === null || tags.sentinels !== input.sentinels) return null
  return createHash('sha256')
    .update(JSON.stringify([input.build, input.url, input.status, input.routeIds]))
    .update('\0')
    .update(JSON.stringify(input.loaderData) ?? '')
    .update('\0')
    .update(tags.text)
    .digest('base64url')
}

const MARKS = /[\uE000-\uE002]/
const SENTINEL = /^\uE000\d+\uE001$/

/**
 * What JSON does not say of the data, in the order JSON writes it (each value numbered as it is
 * visited, with its key): undefined, dates, non-finite numbers and -0; the sentinels seen; null
 * when a value cannot be keyed (a class instance or Map, a bigint, a function, a symbol, a string with
 * sentinel characters that is not a sentinel).
 */
function dataTags(data: unknown) {
  let text = ''
  let sentinels = 0
  let visited = 0
  let unsafe = false
  const visit = (value: unknown, key: string) => {
    visited += 1
    switch (typeof value) {
      case 'string':
        if (MARKS.test(value)) {
          if (SENTINEL.test(value)) sentinels += 1
          else unsafe = true
        }
        return
      case 'number':
        if (!Number.isFinite(value) || Object.is(value, -0))
          text += `${visited}:${JSON.stringify(key)}=${String(value)};`
        return
      case 'boolean':
        return
      case 'undefined':
        text += `${visited}:${JSON.stringify(key)}=undefined;`
        return
      case 'object': {
        if (value === null) return
        if (Array.isArray(value)) {
          for (let index = 0; index < value.length; index++) visit(value[index], String(index))
          return
        }
        if (value instanceof Date) {
          text += `${visited}:${JSON.stringify(key)}=date;`
          return
        }
        const prototype = Object.getPrototypeOf(value) as unknown
        if (prototype !== Object.prototype && prototype !== null) {
          unsafe = true
          return
        }
        for (const own of Object.keys(value)) visit((value as Record<string, unknown>)[own], own)
        return
      }
      case 'bigint':
      case 'function':
      case 'symbol':
        unsafe = true
    }
  }
  visit(data, '')
  return unsafe ? null : { text, sentinels }
}

const OWN_PAYLOADS = 4

/**
 * The share of the store viewers' own payloads may hold at most, the oldest out past it; the rest is
 * the pages' templates (and payload templates), least recently used out. In the bench, a quarter
 * held too few of the 60-comment idea page's namesakes' payloads (signed in: 0.11 of the baseline
 * against 0.20 at 0.4; since decision 043 namesakes fill the page's payload template instead); half
 * took the server's RSS to 292 MB (286 at 0.4).
 */
export const VIEWER_PAYLOAD_SHARE = 0.4
/** Payload templates of viewers of a page that has none of its own (only they see it), per template. */
const PERSON_PAYLOADS = 256

/**
 * A route whose templates were verified this many times (and never refused) is trusted: its next
 * new pages are answered from a template made at once, without rendering the page a second time to
 * compare, except every VERIFY_EVERY-th, which is still compared; a refusal ends the trust.
 */
export const TRUST_AFTER = 20
export const VERIFY_EVERY = 8

/** A store of verified templates, least recently used out past `maxChars`, and of keys seen once. */
export function createTemplateStore({
  maxChars,
  maxSeenKeys,
}: {
  maxChars: number
  maxSeenKeys: number
}) {
  const templates = new Map<string, PageTemplate>()
  const seen = new Set<string>()
  const refused = new Set<string>()
  let heldChars = 0
  const verifiedByRoute = new Map<string, number>()
  const missesByRoute = new Map<string, number>()
  const distrusted = new Set<string>()
  const evictPastLimit = () => {
    for (const [oldKey, old] of templates) {
      if (heldChars <= maxChars) break
      templates.delete(oldKey)
      heldChars -= old.chars + oldKey.length
      viewerChars -= old.viewerChars ?? 0
      old.evicted = true
      // Its viewers' payloads leave the list too: an entry there would keep the whole page alive.
      for (const token of old.viewerTokens?.values() ?? []) viewerPayloads.delete(token)
    }
  }
  // Viewers' own payloads, oldest first, in a share of the store of their own (VIEWER_PAYLOAD_SHARE):
  // kept only into room to spare, they were never kept once the store was full, as it always is after
  // a while (a moderator's triage queue, whose payload names them, ran its loaders for good).
  let viewerChars = 0
  const viewerPayloads = new Map<object, { template: PageTemplate; viewer: string; own: boolean }>()
  /** What a payload template's parts as bytes added to its page's size (`grew`: two a character). */
  const bytesCharsOf = (payload: string | PayloadTemplate) =>
    typeof payload === 'string'
      ? 0
      : Math.ceil((payload.partBytes ?? []).reduce((sum, part) => sum + part.length, 0) / 2)
  /**
   * Counts a viewer's payload of `size` characters in (or, negative, out of) `template`; `bytes`:
   * its parts as bytes, counted in the page's size by `grew`, out with it.
   */
  const countViewerPayload = (template: PageTemplate, size: number, bytes = 0) => {
    template.chars += size + bytes
    template.viewerChars = (template.viewerChars ?? 0) + size
    heldChars += size + bytes
    viewerChars += size
  }
  const tokenName = (own: boolean, viewer: string) => `${own ? 'own' : 'person'} ${viewer}`
  /** Enters a viewer's payload, just kept in `template`, in the list, the newest last. */
  const listViewerPayload = (template: PageTemplate, viewer: string, own: boolean) => {
    const token = {}
    ;(template.viewerTokens ??= new Map()).set(tokenName(own, viewer), token)
    viewerPayloads.set(token, { template, viewer, own })
  }
  const dropViewerPayload = ({
    template,
    viewer,
    own,
  }: {
    template: PageTemplate
    viewer: string
    own: boolean
  }) => {
    if (template.evicted) return
    const held = own ? template.ownPayloads : template.personPayloads
    const payload = held?.get(viewer)
    if (payload === undefined) return
    held!.delete(viewer)
    const name = tokenName(own, viewer)
    viewerPayloads.delete(template.viewerTokens?.get(name) ?? {})
    template.viewerTokens?.delete(name)
    const size = viewer.length + (typeof payload === 'string' ? payload.length : payload.chars)
    countViewerPayload(template, -size, -bytesCharsOf(payload))
  }
  /** Room for a viewer's payload of `size` characters in their share: the oldest out. */
  const roomForViewerPayload = (size: number) => {
    const share = maxChars * VIEWER_PAYLOAD_SHARE
    if (size > share) return false
    for (const [token, entry] of viewerPayloads) {
      if (viewerChars + size <= share) break
      viewerPayloads.delete(token)
      dropViewerPayload(entry)
    }
    return viewerChars + size <= share
  }
  const stats = {
    hits: 0,
    outsideRemix: 0,
    /** Pages answered after one statement, without their loaders (decision 040). */
    keptAnswers: 0,
    misses: 0,
    firstSight: 0,
    stored: 0,
    refused: 0,
    notTemplatable: 0,
    /** Pages whose data payload was filled in from their template rather than encoded. */
    payloadsFilled: 0,
    /** Templates verified against a real render, and made at once for a trusted route. */
    verified: 0,
    madeAtOnce: 0,
    /** Pages given the payload encoded for the same viewer before (their strings are shared). */
    ownPayloads: 0,
  }

  return {
    stats,
    get(key: string) {
      const template = templates.get(key)
      if (template) {
        templates.delete(key)
        templates.set(key, template)
      }
      return template
    },
    /** True the second time a key is asked about: render its template only for pages that come back. */
    worthTemplating(key: string) {
      if (refused.has(key)) return false
      if (seen.has(key)) return true
      seen.add(key)
      if (seen.size > maxSeenKeys) seen.delete(seen.values().next().value!)
      stats.firstSight += 1
      return false
    },
    store(key: string, template: PageTemplate) {
      if (templates.has(key) || template.chars > maxChars) return
      templates.set(key, template)
      heldChars += template.chars + key.length
      stats.stored += 1
      evictPastLimit()
    },
    /**
     * Keeps a payload encoded for one viewer (`viewer`: their strings) with the template, counted in
     * its size; at most OWN_PAYLOADS per template, the oldest out.
     */
    keepOwnPayload(template: PageTemplate, viewer: string, literal: string) {
      if (template.evicted || !roomForViewerPayload(viewer.length + literal.length)) return
      const own = (template.ownPayloads ??= new Map())
      if (own.has(viewer)) return
      if (own.size >= OWN_PAYLOADS)
        dropViewerPayload({ template, viewer: own.keys().next().value!, own: true })
      own.set(viewer, literal)
      listViewerPayload(template, viewer, true)
      countViewerPayload(template, viewer.length + literal.length)
      evictPastLimit()
    },
    /**
     * How a new page of `route` is answered (TRUST_AFTER): `trusted`, from a template made at once;
     * `sample`, every VERIFY_EVERY-th miss of a trusted route, verified against a real render
     * whether seen before or not; `verify` for any other route (from its second sighting).
     */
    trust(route: string): 'trusted' | 'sample' | 'verify' {
      if (distrusted.has(route) || (verifiedByRoute.get(route) ?? 0) < TRUST_AFTER) return 'verify'
      const misses = (missesByRoute.get(route) ?? 0) + 1
      missesByRoute.set(route, misses)
      return misses % VERIFY_EVERY === 0 ? 'sample' : 'trusted'
    },
    /** A template of `route` gave React's very bytes. */
    verified(route: string) {
      verifiedByRoute.set(route, (verifiedByRoute.get(route) ?? 0) + 1)
      stats.verified += 1
    },
    /**
     * Keeps a payload template made for one viewer (`viewer`: their strings) with the template,
     * counted in its size; only into room to spare, at most PERSON_PAYLOADS per template.
     */
    keepPersonPayload(template: PageTemplate, viewer: string, payload: PayloadTemplate) {
      const kept = (template.personPayloads ??= new Map())
      if (template.evicted || kept.size >= PERSON_PAYLOADS || kept.has(viewer)) return
      if (!roomForViewerPayload(viewer.length + payload.chars)) return
      kept.set(viewer, payload)
      listViewerPayload(template, viewer, false)
      countViewerPayload(template, viewer.length + payload.chars)
      evictPastLimit()
    },
    /**
     * Counts what a kept page holds beyond its text in its size (its parts kept as UTF-8 bytes,
     * `fillTemplateChunks`), as characters of the same weight (two bytes each).
     */
    grew(template: PageTemplate, bytes: number) {
      const chars = Math.ceil(bytes / 2)
      template.chars += chars
      heldChars += chars
      evictPastLimit()
    },
    /** Adds the data payload to a kept page, counted in its size. */
    addPayload(template: PageTemplate, payload: PayloadTemplate) {
      template.payload = payload
      template.chars += payload.chars
      heldChars += payload.chars
      evictPastLimit()
    },
    /** A template that did not give React's bytes: this key renders normally from now on. */
    refuse(key: string, route: string) {
      distrusted.add(route)
      refused.add(key)
      if (refused.size > maxSeenKeys) refused.delete(refused.values().next().value!)
      stats.refused += 1
    },
    get heldChars() {
      return heldChars
    },
    /** How many viewers' payloads the store lists (each of a page still kept). */
    get viewerPayloadsListed() {
      return viewerPayloads.size
    },
    clear() {
      templates.clear()
      seen.clear()
      refused.clear()
      verifiedByRoute.clear()
      missesByRoute.clear()
      distrusted.clear()
      heldChars = 0
      viewerChars = 0
      viewerPayloads.clear()
    },
  }
}
