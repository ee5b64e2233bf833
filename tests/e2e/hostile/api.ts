// Hostile requests for the JSON API, driven by its OpenAPI document: a valid body built from each
// operation's schema, then fast-check variants with wrong types, missing and extra keys, huge and
// deeply nested values, invalid JSON, duplicate keys and wrong content types.
import { readdirSync } from 'node:fs'

import fc from 'fast-check'

import { hostileText, jsonWrongType } from './payloads'
import { uniqueMarker } from './submissions'

/** The API's own body limit (app/domain/api/api.server.ts). */
export const API_BODY_MAX_BYTES = 64 * 1024

type Schema = {
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  enum?: unknown[]
  format?: string
  default?: unknown
  minimum?: number
  $ref?: string
  items?: Schema
}

type ApiOperation = {
  method: string
  path: string
  bodySchema: Schema | null
  bodyType: string | null
  query: string[]
}

/** The API's routes, read from app/routes (so an undocumented route is still attacked). */
export function apiRoutePaths() {
  return readdirSync('app/routes')
    .filter((file) => file.startsWith('api.v1.'))
    .map(
      (file) =>
        `/${file
          .replace(/\.tsx?$/, '')
          .replace(/\[\.\]/g, '\u0001')
          .split('.')
          .map((segment) => (segment.startsWith('$') ? `{${segment.slice(1)}}` : segment))
          .join('/')
          .replace(/\u0001/g, '.')}`,
    )
}

/** The operations the OpenAPI document describes, with their JSON body schema. */
export function operationsOf(
  document: {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content?: Record<string, { schema?: Schema }> }
          parameters?: { name: string; in: string }[]
        }
      >
    >
  },
  prefix = '/api/v1',
) {
  const operations: ApiOperation[] = []
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      const content = operation.requestBody?.content ?? {}
      const bodyType = Object.keys(content)[0] ?? null
      operations.push({
        method: method.toUpperCase(),
        path: `${prefix}${path}`,
        bodySchema: bodyType ? (content[bodyType]?.schema ?? null) : null,
        bodyType,
        query: (operation.parameters ?? [])
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => parameter.name),
      })
    }
  }
  return operations
}

/** A valid value for a schema (the first enum value, a plausible string for each format). */
export function validValue(
  schema: Schema,
  name = '',
  overrides: Record<string, unknown> = {},
): unknown {
  if (name in overrides) return overrides[name]
  if (schema.enum?.length) return schema.default ?? schema.enum[0]
  const type = Array.isArray(schema.type)
    ? schema.type.find((entry) => entry !== 'null')
    : schema.type
  switch (type ?? '') {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, child]) => [
          key,
          validValue(child, key, overrides),
        ]),
      )
    case 'integer':
    case 'number':
      return schema.minimum ?? 1
    case 'boolean':
      return true
    case 'array':
      return []
    default:
      if (schema.format === 'email') return `api-${uniqueMarker()}@example.test`
      if (name === 'title') return `API probe ${uniqueMarker()}`
      return `API text ${uniqueMarker()}`
  }
}

/** Every key path of an object value, e.g. `customer.email`. */
export function keyPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return []
  return Object.entries(value).flatMap(([key, child]) => [
    [...prefix, key],
    ...keyPaths(child, [...prefix, key]),
  ])
}

function withPath(
  value: unknown,
  path: string[],
  replace: (old: unknown) => unknown | typeof REMOVE,
): unknown {
  if (!path.length) return replace(value)
  const copy = { ...(value as Record<string, unknown>) }
  const [head, ...rest] = path
  const next = withPath(copy[head!], rest, replace)
  if (next === REMOVE) delete copy[head!]
  else copy[head!] = next
  return copy
}
const REMOVE = Symbol('remove')

type JsonMutation =
  | { kind: 'wrong-type'; path: number; value: unknown }
  | { kind: 'hostile-string'; path: number; value: string }
  | { kind: 'missing'; path: number }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'huge'; path: number; size: number }

export type JsonBodyVariant =
  | { kind: 'mutated'; mutations: JsonMutation[] }
  | { kind: 'text'; text: string; label: string }
  | { kind: 'not-an-object'; value: unknown }

const rawTexts: { text: string; label: string }[] = [
  { text: '', label: 'empty body' },
  { text: '{', label: 'truncated' },
  { text: '{"title": "x",}', label: 'trailing comma' },
  { text: "{'title': 'x'}", label: 'single quotes' },
  { text: '{"n": NaN, "i": Infinity}', label: 'NaN' },
  { text: '/* c */ {"a": 1}', label: 'comment' },
  { text: '\ufeff{"a": 1}', label: 'BOM' },
  { text: '{"a": "\u0000"}', label: 'raw NUL in a string' },
  {
    text: '{"a": "\\u0000", "title": "\\u0000\\u0000\\u0000\\u0000\\u0000"}',
    label: 'escaped NUL',
  },
  { text: '{"a": "\\ud800"}', label: 'lone surrogate escape' },
  { text: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, label: 'nested 100,000 deep' },
  {
    text: `{"a":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
    label: 'objects nested 5,000 deep',
  },
  {
    text: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
    label: 'prototype keys',
  },
  { text: '1e999999', label: 'a number too big' },
  { text: 'null', label: 'null' },
  { text: '"just a string"', label: 'a string' },
]

/** Variants of a valid JSON body: mutations of its keys, raw invalid texts, non-objects. */
export const jsonBodyVariant: fc.Arbitrary<JsonBodyVariant> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('mutated' as const),
      mutations: fc.array(
        fc.oneof(
          fc.record({
            kind: fc.constant('wrong-type' as const),
            path: fc.nat(100),
            value: jsonWrongType,
          }),
          fc.record({
            kind: fc.constant('hostile-string' as const),
            path: fc.nat(100),
            value: hostileText,
          }),
          fc.record({ kind: fc.constant('missing' as const), path: fc.nat(100) }),
          fc.record({
            kind: fc.constant('extra' as const),
            key: fc.constantFrom(
              '__proto__',
              'constructor',
              'authorId',
              'role',
              'id',
              'isPublic',
              'createdAt',
            ),
            value: jsonWrongType,
          }),
          fc.record({
            kind: fc.constant('huge' as const),
            path: fc.nat(100),
            size: fc.constantFrom(60_000, 70_000),
          }),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...rawTexts)
      .map(({ text, label }) => ({ kind: 'text' as const, text, label })),
  },
  {
    weight: 1,
    arbitrary: jsonWrongType.map((value) => ({ kind: 'not-an-object' as const, value })),
  },
)

/** Duplicate keys cannot be built with JSON.stringify: the text is written by hand. */
export function duplicateKeysText(valid: Record<string, unknown>) {
  const entries = Object.entries(valid).map(
    ([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`,
  )
  const first = Object.keys(valid)[0]!
  return `{${entries.join(',')},${JSON.stringify(first)}:{"$gt":""},${JSON.stringify(first)}:"<script>__xss(0)</script>"}`
}

/** The text of a body variant, with a short description. */
export function jsonBodyText(
  valid: unknown,
  variant: JsonBodyVariant,
): { text: string; summary: string } {
  if (variant.kind === 'text') return { text: variant.text, summary: variant.label }
  if (variant.kind === 'not-an-object')
    return {
      text: JSON.stringify(variant.value) ?? 'undefined',
      summary: `body=${String(JSON.stringify(variant.value)).slice(0, 40)}`,
    }
  let body = valid
  const paths = keyPaths(valid)
  const summaries: string[] = []
  for (const mutation of variant.mutations) {
    if (mutation.kind === 'extra') {
      body = { ...(body as object), [mutation.key]: mutation.value }
      summaries.push(`+${mutation.key}`)
      continue
    }
    const path = paths[mutation.path % paths.length]!
    summaries.push(`${mutation.kind}:${path.join('.')}`)
    body = withPath(body, path, () =>
      mutation.kind === 'missing'
        ? REMOVE
        : mutation.kind === 'huge'
          ? 'x'.repeat(mutation.size)
          : mutation.value,
    )
  }
  // Titles become public idea titles: distinct, for the journey that checks the newest 40.
  const titled =
    body && typeof body === 'object' && typeof (body as { title?: unknown }).title === 'string'
      ? { ...(body as object), title: `${(body as { title: string }).title} ·${uniqueMarker()}` }
      : body
  return { text: JSON.stringify(titled) ?? 'null', summary: summaries.join(' ') }
}

/** Raw RFC 822 messages that are malformed, oversized, mis-encoded or carry script. */
export function hostileEmails(marker: string): { body: Buffer; label: string }[] {
  const message = (headers: string, body: string) =>
    Buffer.from(`${headers}\r\n\r\n${body}`, 'utf8')
  const from = `From: Mail Probe <mail-${marker}@example.test>\r\nTo: ideas@example.test\r\nMessage-ID: <${marker}-${Math.random().toString(36).slice(2)}@example.test>`
  return [
    {
      label: 'a plain message',
      body: message(`${from}\r\nSubject: Oat milk for every size ${marker}`, 'Please.'),
    },
    { label: 'no From', body: message(`Subject: nobody ${marker}`, 'text') },
    { label: 'no subject, no text', body: message(from, '') },
    {
      label: 'script in subject and body',
      body: message(
        `${from}\r\nSubject: <script>__xss(100)</script> ${marker}`,
        '<img src=x onerror=__xss(101)> [x](javascript:__xss(102))',
      ),
    },
    {
      label: 'NUL in subject and body',
      body: message(`${from}\r\nSubject: nul\u0000byte ${marker}`, 'body\u0000with\u0000nul'),
    },
    {
      label: 'encoded NUL in subject',
      body: message(
        `${from}\r\nSubject: =?utf-8?B?${Buffer.from(`a\u0000b ${marker}`).toString('base64')}?=`,
        'x',
      ),
    },
    {
      label: 'NUL in the sender name',
      body: message(
        `From: =?utf-8?B?${Buffer.from('Ev\u0000il').toString('base64')}?= <nul-${marker}@example.test>\r\nSubject: sender ${marker}`,
        'x',
      ),
    },
    {
      label: 'invalid UTF-8',
      body: Buffer.concat([
        Buffer.from(`${from}\r\nSubject: `),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        Buffer.from(`\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`),
        Buffer.from([0xed, 0xa0, 0x80, 0xc0, 0xaf]),
      ]),
    },
    {
      label: 'an unknown charset',
      body: message(
        `${from}\r\nSubject: charset ${marker}\r\nContent-Type: text/plain; charset=x-klingon`,
        'qapla',
      ),
    },
    {
      label: 'a broken multipart',
      body: message(
        `${from}\r\nSubject: multipart ${marker}\r\nContent-Type: multipart/mixed; boundary="zz"`,
        '--zz\r\nContent-Type: text/html\r\n\r\n<script>__xss(103)</script><p onclick=__xss(104)>hi</p>\r\n--zz',
      ),
    },
    {
      label: 'HTML only',
      body: message(
        `${from}\r\nSubject: html ${marker}\r\nContent-Type: text/html`,
        '<style>*{}</style><iframe src=javascript:__xss(105)></iframe><a href="javascript:__xss(106)">x</a>',
      ),
    },
    {
      label: 'base64 garbage',
      body: message(
        `${from}\r\nSubject: b64 ${marker}\r\nContent-Transfer-Encoding: base64`,
        '!!!not base64$$$',
      ),
    },
    {
      label: 'a very long header',
      body: message(`${from}\r\nSubject: ${'long '.repeat(20_000)}`, 'x'),
    },
    {
      label: 'a sender address that is not one',
      body: message(
        `From: "<script>__xss(107)</script>" <'; drop table users; --@example.test>\r\nSubject: odd sender ${marker}`,
        'x',
      ),
    },
    {
      label: 'JSON instead of a message',
      body: Buffer.from(JSON.stringify({ from: 'a@b.c', subject: 'json' })),
    },
    {
      label: 'binary noise',
      body: Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256)),
    },
  ]
}

/** Cursors a client might forge: valid base64 of JSON that is not what the server wrote. */
export const forgedCursors = [
  ['not-a-date', 1],
  ['2026-01-01', -1],
  ['', 0],
  ['9999999-01-01', 1],
  ["'; drop table ideas; --", 1],
  ['1e309', 9_007_199_254_740_991],
  [null, 1],
  [1, 'x'],
].map((value) => Buffer.from(JSON.stringify(value)).toString('base64url'))
