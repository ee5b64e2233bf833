import { isDeepStrictEqual } from 'node:util'

import { ServerMode } from '@remix-run/server-runtime/dist/mode.js'
import { encodeViaTurboStream } from '@remix-run/server-runtime/dist/single-fetch.js'
import fc from 'fast-check'
import { createElement as h } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { HIGHLIGHT_END, HIGHLIGHT_START } from '#app/utils/highlight-marks'
import { decodedPayload } from '#tests/setup/page-answers'

import {
  charsOf,
  createTemplateStore,
  escapeHtml,
  fillPayload,
  fillTemplate,
  type PageTemplate,
  sentinel,
  STREAM_PLACEHOLDER,
  streamChunkLiteral,
  templateKey,
  toPayloadTemplate,
  toTemplate,
  TRUST_AFTER,
  VERIFY_EVERY,
  VIEWER_PAYLOAD_SHARE,
} from './page-templates.server'

/** Names people could give themselves, with the characters that need escaping made likely. */
const names = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      '<',
      '>',
      '&',
      '"',
      "'",
      '/',
      'a',
      ' ',
      '\u2028',
      '\u202e',
      '😀',
      '\uE000',
      '\uE001',
      '1',
    ),
    maxLength: 30,
  }),
  fc.constantFrom(
    '</script><script>alert(1)</script>',
    '&amp;',
    '"><img src=x>',
    '\uE0001\uE001',
    '\uE000stream\uE001',
    'x'.repeat(5_000),
    'שלום',
    '$&$1',
  ),
)

/** A small page like the header's: the name as text and in attributes, and Remix's data script. */
function Page({
  name,
  initial,
  handle,
  nonce,
  payload,
}: {
  name: string
  initial: string
  handle: string
  nonce: string
  payload: string
}) {
  return h(
    'html',
    { lang: 'en' },
    h(
      'body',
      null,
      h(
        'details',
        null,
        h(
          'summary',
          { 'aria-label': `Account menu for ${name}` },
          h('span', { className: 'avatar', 'data-initial': initial }),
          h('bdi', null, name),
        ),
        h('a', { href: `/u/${handle}` }, 'Profile'),
      ),
      h('script', {
        nonce,
        dangerouslySetInnerHTML: {
          __html: `window.__remixContext.streamController.enqueue(${streamChunkLiteral(payload)});`,
        },
      }),
    ),
  )
}
const page = (props: Parameters<typeof Page>[0]) => renderToStaticMarkup(Page(props))

describe('page templates', () => {
  it('fill in exactly what React renders for any viewer, and the data payload as Remix writes it', () => {
    const template = toTemplate(
      page({
        name: sentinel(1),
        initial: sentinel(2),
        handle: sentinel(3),
        nonce: sentinel(0),
        payload: STREAM_PLACEHOLDER,
      }),
      4,
    )
    expect(template).not.toBeNull()
    fc.assert(
      fc.property(
        names,
        fc.stringMatching(/^[a-z0-9-]{1,30}$/),
        fc.base64String({ minLength: 4, maxLength: 24 }),
        names,
        (name, handle, nonce, payload) => {
          const initial = name.slice(0, 1)
          const direct = page({ name, initial, handle, nonce, payload })
          expect(
            fillTemplate(template!, [nonce, name, initial, handle], streamChunkLiteral(payload)),
          ).toEqual(Buffer.from(direct))
        },
      ),
    )
  })

  it('escape text as React does', () => {
    fc.assert(
      fc.property(names, (text) => {
        expect(`<p>${escapeHtml(text)}</p>`).toBe(renderToStaticMarkup(h('p', null, text)))
        expect(`<p title="${escapeHtml(text)}"></p>`).toBe(
          renderToStaticMarkup(h('p', { title: text })),
        )
      }),
    )
  })

  it('write a data chunk as a JSON string that reads back the same and cannot end its script', () => {
    fc.assert(
      fc.property(names, (chunk) => {
        const literal = streamChunkLiteral(chunk)
        expect(literal).not.toMatch(/[<>&\u2028\u2029]/)
        expect(JSON.parse(literal)).toBe(chunk)
      }),
    )
    expect(streamChunkLiteral('</script>&')).toBe('"\\u003c/script\\u003e\\u0026"')
  })

  it('fill in the data payload as Remix encodes it for the viewer: the same data, the same bytes unless one of their strings is shared', async () => {
    /** Remix's encoding of a document's data (one chunk: the data holds no promise). */
    const encoded = async (loaderData: Record<string, unknown>) =>
      await new Response(
        encodeViaTurboStream(
          { loaderData, actionData: null, errors: null },
          new AbortController().signal,
          1_000,
          ServerMode.Production,
        ),
      ).text()
    const pageData = (
      user: { displayName: string; initial: string; handle: string },
      titles: string[],
      key: string,
    ) => ({
      root: { user: { ...user }, unread: 3, locale: 'nl' },
      'routes/ideas._index': {
        ideas: titles.map((title, id) => ({
          id,
          title,
          createdAt: new Date(id * 1000),
          mine: false,
        })),
        submissionKey: key,
      },
    })
    const strings = fc.oneof(names, fc.constantFrom('title', 'id', 'nl', 'Ann', 'A', 'ann'))
    await fc.assert(
      fc.asyncProperty(
        fc.record({ displayName: strings, initial: strings, handle: strings }),
        fc.array(strings, { maxLength: 4 }),
        fc.base64String({ minLength: 4, maxLength: 16 }),
        async (user, titles, key) => {
          // Data with sentinel characters is never templated (templateKey refuses it).
          fc.pre(
            ![user.displayName, user.initial, user.handle, key, ...titles].some((text) =>
              /[\uE000\uE001]/.test(text),
            ),
          )
          const viewerStrings = ['nonce', user.displayName, user.initial, user.handle, key]
          const sentinelData = pageData(
            { displayName: sentinel(1), initial: sentinel(2), handle: sentinel(3) },
            titles,
            sentinel(4),
          )
          const payload = toPayloadTemplate(await encoded(sentinelData), viewerStrings.length)
          expect(payload).not.toBeNull()
          const filled = fillPayload(payload!, viewerStrings)
          const real = streamChunkLiteral(await encoded(pageData(user, titles, key)))
          // The same data, whatever the viewer's strings.
          const decoded = (literal: string) => decodedPayload([JSON.parse(literal) as string])
          expect(await decoded(filled)).toEqual(await decoded(real))
          // The very bytes, unless turbo-stream shares one of their strings with another.
          const others = new Set<string>()
          const collect = (value: unknown): void => {
            if (typeof value === 'string') others.add(value)
            else if (value && typeof value === 'object') Object.values(value).forEach(collect)
          }
          collect(JSON.parse(await encoded(sentinelData)))
          const own = viewerStrings.slice(1)
          if (new Set(own).size === own.length && !own.some((text) => others.has(text)))
            expect(filled).toBe(real)
        },
      ),
    )
  })

  it('refuse a payload whose sentinel is not a whole string', () => {
    expect(toPayloadTemplate(`[{"_1":2},"name","x${sentinel(1)}"]\n`, 2)).toBeNull()
    expect(toPayloadTemplate(`[{"_1":2},"name","${sentinel(3)}"]\n`, 2)).toBeNull()
    expect(toPayloadTemplate(`[{"_1":2},"name","${sentinel(1)}"]\n`, 2)).not.toBeNull()
  })

  it('refuse a page where a viewer string lands inside a script, or the data payload is missing', () => {
    expect(
      toTemplate(
        `<p>${sentinel(1)}</p><script>var name="${sentinel(1)}"</script>"${STREAM_PLACEHOLDER}"`,
        2,
      ),
    ).toBeNull()
    expect(toTemplate(`<p>${sentinel(1)}</p>`, 2)).toBeNull()
    expect(
      toTemplate(`<script nonce="${sentinel(0)}">x("${STREAM_PLACEHOLDER}")</script>`, 1),
    ).not.toBeNull()
  })

  it('key pages by everything in their data, and refuse data that cannot be told apart or looks like a sentinel', () => {
    const key = (loaderData: unknown, sentinels = 0) =>
      templateKey({
        build: 'b',
        url: 'http://x/ideas',
        status: 200,
        routeIds: ['root'],
        loaderData,
        sentinels,
      })
    expect(key({ a: 1 })).toBe(key({ a: 1 }))
    expect(key({ a: 1 })).not.toBe(key({ a: 2 }))
    expect(key({ a: undefined })).not.toBe(key({}))
    expect(key({ a: new Date(0) })).not.toBe(key({ a: new Date(0).toISOString() }))
    expect(key({ a: [undefined] })).not.toBe(key({ a: [null] }))
    expect(key({ vote: 'up' })).not.toBe(key({ vote: 'none' }))
    expect(key({ x: undefined })).not.toBe(key({ y: undefined }))
    expect(key({ a: Number.NaN })).not.toBe(key({ a: null }))
    expect(key({ a: -0 })).not.toBe(key({ a: 0 }))
    expect(key({ a: [new Date(0)] })).not.toBe(key({ a: [new Date(0).toISOString()] }))
    expect(key({ a: { toJSON: () => 1 } })).toBeNull()
    expect(key({ a: new (class Thing {})() })).toBeNull()
    expect(key({ title: '\uE0001\uE001' })).toBeNull()
    // A search's highlights are not fill-ins: a page of search results is kept like any other.
    expect(key({ title: `${HIGHLIGHT_START}oat${HIGHLIGHT_END} milk` })).not.toBeNull()
    expect(key({ user: { name: sentinel(1) } }, 1)).not.toBeNull()
    expect(key({ user: { name: sentinel(1) } }, 0)).toBeNull()
    expect(key({ a: new Map() })).toBeNull()
    expect(
      templateKey({
        build: 'b',
        url: 'http://x/ideas?page=2',
        status: 200,
        routeIds: ['root'],
        loaderData: {},
        sentinels: 0,
      }),
    ).not.toBe(key({}))
  })

  it('trust a route after TRUST_AFTER verified templates, still sampling every VERIFY_EVERY-th page, and never again once refused', () => {
    const store = createTemplateStore({ maxChars: 100, maxSeenKeys: 10 })
    for (let n = 1; n < TRUST_AFTER; n++) store.verified('routes/a')
    expect(store.trust('routes/a')).toBe('verify')
    store.verified('routes/a')
    const ways = Array.from({ length: 2 * VERIFY_EVERY }, () => store.trust('routes/a'))
    expect(ways.filter((way) => way === 'sample')).toHaveLength(2)
    expect(ways.filter((way) => way === 'trusted')).toHaveLength(2 * VERIFY_EVERY - 2)
    expect(store.trust('routes/b')).toBe('verify')
    store.refuse('some key', 'routes/a')
    expect(store.trust('routes/a')).toBe('verify')
    store.verified('routes/a')
    expect(store.trust('routes/a')).toBe('verify')
    store.clear()
    expect(store.trust('routes/a')).toBe('verify')
  })

  it('give two kinds of data the same key only when they are the same data', () => {
    const key = (loaderData: unknown) =>
      templateKey({ build: 'b', url: 'u', status: 200, routeIds: [], loaderData, sentinels: 0 })
    const data = fc.anything({
      withDate: true,
      withBigInt: true,
      withSparseArray: true,
      withNullPrototype: false,
      maxDepth: 3,
    })
    fc.assert(
      fc.property(data, data, (one, other) => {
        const [a, b] = [key({ one }), key({ one: other })]
        if (a !== null && a === b) expect(isDeepStrictEqual(one, other)).toBe(true)
        if (a !== null) expect(key({ one: structuredClone(one) })).toBe(a)
      }),
      { numRuns: 2_000 },
    )
  })

  it('keep a page only from its second sighting, forget the least recently used past its size, and never keep a refused key', () => {
    const store = createTemplateStore({ maxChars: 100, maxSeenKeys: 10 })
    // A page's bytes count as characters of two bytes each.
    const page = (chars: number) => ({
      parts: [Buffer.from('x'.repeat(2 * chars))],
      slots: [],
      chars,
    })
    expect(store.worthTemplating('a')).toBe(false)
    expect(store.worthTemplating('a')).toBe(true)
    store.store('a', page(40))
    store.store('b', page(40))
    expect(store.get('a')).toBeDefined()
    store.store('c', page(40))
    expect(store.get('b')).toBeUndefined()
    expect(store.get('a')).toBeDefined()
    expect(store.heldChars).toBeLessThanOrEqual(100)
    store.refuse('d', 'routes/d')
    expect(store.worthTemplating('d')).toBe(false)
    expect(store.worthTemplating('d')).toBe(false)

    // Payloads kept for viewers count in the size too, at most four per page, the oldest out.
    const sized = createTemplateStore({ maxChars: 160, maxSeenKeys: 10 })
    const kept: PageTemplate = page(10)
    sized.store('e', kept)
    for (const viewer of ['v1', 'v2', 'v3', 'v4', 'v5'])
      sized.keepOwnPayload(kept, viewer, 'y'.repeat(5))
    expect([...kept.ownPayloads!.keys()]).toEqual(['v2', 'v3', 'v4', 'v5'])
    expect(kept.chars).toBe(10 + 4 * 7)
    expect(sized.heldChars).toBe(1 + 10 + 4 * 7)
    // Never more than their share of the store: a page's template matters more.
    sized.keepOwnPayload(kept, 'v6', 'y'.repeat(70))
    expect(kept.ownPayloads!.has('v6')).toBe(false)
    sized.store('f', page(125))
    expect(sized.get('e')).toBeUndefined()
    expect(sized.heldChars).toBe(126)

    // A payload's parts kept as bytes, and the payload templates of commenters' namesakes, count too.
    const grown = createTemplateStore({ maxChars: 100, maxSeenKeys: 10 })
    const first: PageTemplate = page(30)
    grown.store('g', first)
    grown.store('h', page(30))
    grown.grew(first, 40)
    expect(grown.heldChars).toBe(2 + 30 + 20 + 30)
    // Kept even when the store is full of pages (the oldest page out), within the viewers' share.
    grown.keepPersonPayload(first, 'p1', { parts: [''], slots: [], chars: 5 })
    expect(first.personPayloads?.has('p1')).toBe(true)
    expect(grown.heldChars).toBeLessThanOrEqual(100)
    grown.grew(first, 40)
    expect(grown.get('g')).toBeUndefined() // the least recently used goes first
    expect(grown.heldChars).toBeLessThanOrEqual(100)
  })

  it("keep viewers' payloads within their share of the store, the oldest out, and count every character once", () => {
    const maxChars = 400
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('page' as const),
        key: fc.integer({ min: 0, max: 5 }),
        chars: fc.integer({ min: 1, max: 120 }),
      }),
      fc.record({
        kind: fc.constantFrom('own' as const, 'person' as const),
        key: fc.integer({ min: 0, max: 5 }),
        viewer: fc.integer({ min: 0, max: 9 }),
        chars: fc.integer({ min: 1, max: 60 }),
      }),
      fc.record({
        kind: fc.constant('bytes' as const),
        key: fc.integer({ min: 0, max: 5 }),
        viewer: fc.integer({ min: 0, max: 9 }),
      }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const store = createTemplateStore({ maxChars, maxSeenKeys: 10 })
        const made = new Map<string, PageTemplate>()
        for (const next of ops) {
          const key = `k${next.key}`
          if (next.kind === 'page') {
            const parts = [Buffer.from('x'.repeat(2 * next.chars))]
            const template: PageTemplate = { parts, slots: [], chars: charsOf(parts) }
            store.store(key, template)
            if (store.get(key) === template) made.set(key, template)
            continue
          }
          const template = store.get(key)
          if (!template) continue
          const viewer = `v${next.viewer}`
          if (next.kind === 'own') store.keepOwnPayload(template, viewer, 'y'.repeat(next.chars))
          else if (next.kind === 'person')
            store.keepPersonPayload(template, viewer, {
              parts: ['z'.repeat(next.chars)],
              slots: [],
              chars: next.chars,
            })
          else {
            // A person payload answered as bytes for the first time (filledAsBytes).
            const payload = template.personPayloads?.get(viewer)
            if (payload && !payload.partBytes) {
              payload.partBytes = payload.parts.map((part) => Buffer.from(part))
              store.grew(
                template,
                payload.partBytes.reduce((sum, part) => sum + part.length, 0),
              )
            }
          }
        }
        // Every page still kept, with what it holds, adds up to what the store counts.
        let held = 0
        let viewers = 0
        let listed = 0
        for (const [key, template] of made) {
          if (store.get(key) !== template) continue
          let own = 0
          for (const [viewer, literal] of template.ownPayloads ?? [])
            own += viewer.length + literal.length
          for (const [viewer, payload] of template.personPayloads ?? [])
            own += viewer.length + payload.chars
          const bytes = [...(template.personPayloads?.values() ?? [])].reduce(
            (sum, payload) =>
              sum +
              Math.ceil((payload.partBytes ?? []).reduce((all, part) => all + part.length, 0) / 2),
            0,
          )
          expect(template.chars).toBe(charsOf(template.parts) + own + bytes)
          held += template.chars + key.length
          listed += (template.ownPayloads?.size ?? 0) + (template.personPayloads?.size ?? 0)
          viewers += own
        }
        expect(store.heldChars).toBe(held)
        // Listed once each, and only while their page is kept (an entry would keep it alive).
        expect(store.viewerPayloadsListed).toBe(listed)
        expect(store.heldChars).toBeLessThanOrEqual(maxChars)
        expect(viewers).toBeLessThanOrEqual(maxChars * VIEWER_PAYLOAD_SHARE)
      }),
      { numRuns: 500 },
    )
  })
})
