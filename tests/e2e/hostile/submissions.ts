// From crawled forms to hostile submissions: one endpoint per form and submit button, a plausible
// baseline (what a person would send), and fast-check variants of it, built as exact bytes.
import fc from 'fast-check'

import type { FieldShape, FormShape } from './crawler'
import { pathPattern } from './crawler'
import { type FormPair, multipartBody, urlEncodedBody } from './http-client'
import { bogusIds, hostileFormatted, hostileText, invalidUtf8, wrongNumbers } from './payloads'

/** The server's body limit (app/server/http.server.ts MAX_BODY_BYTES). */
const MAX_BODY_BYTES = 2 * 1024 * 1024

export type Endpoint = {
  role: string
  key: string
  /** The same form as another role sees it has the same shape. */
  shape: string
  action: string
  enctype: string
  fields: FieldShape[]
  submitter: { name: string; value: string } | null
  /** Ids of rows this test owns that the form may keep (only for forms aimed at an own row). */
  ownIds: ReadonlySet<string>
  policy: SharedStatePolicy | null
  label: string
}

/**
 * Forms whose every accepted submission changes what all other journeys (running in parallel on
 * the same server) see. Their variants still go through parsing and validation with every hostile
 * value, but a `poison` value the schema is known to refuse rides along, so nothing is written;
 * `baseline` replaces page values that point at shared rows.
 */
type SharedStatePolicy = {
  action: RegExp
  intent: string
  poison?: Record<string, string>
  baseline?: Record<string, string>
  why: string
}

const sharedStatePolicies: SharedStatePolicy[] = [
  {
    action: /^\/admin\/settings$/,
    intent: 'site',
    poison: { accentColor: 'not-a-colour' },
    why: 'site name, logo, accent colour, default language, pre-moderation and down-votes apply to every page of every journey',
  },
  {
    action: /^\/admin\/settings$/,
    intent: 'status:new',
    poison: { color: 'red' },
    why: 'a new status shows in every status list, filter and roadmap; statuses cannot be taken back once used',
  },
  {
    action: /^\/admin\/settings$/,
    intent: 'category:new',
    poison: { kind: 'rocket' },
    why: 'a new category shows in every idea form and filter the other journeys choose from by label',
  },
  {
    action: /^\/admin\/promises$/,
    intent: 'calendar',
    poison: { dayStart: '25:00' },
    why: 'the working calendar drives every due date, e.g. "answered the same working day" in the cross-channel journey',
  },
  {
    action: /^\/admin\/promises$/,
    intent: 'promise-add',
    poison: { targetDays: '0' },
    why: 'a channel promise changes the due date the intake journey reads in its acknowledgement',
  },
  {
    action: /^\/admin\/promises$/,
    intent: 'holiday-add',
    baseline: { day: '2999-12-24' },
    why: 'a holiday near today shifts due dates; only a far-future day of this test is added',
  },
  {
    action: /^\/admin\/promises$/,
    intent: 'holiday-remove',
    baseline: { day: '2999-12-24' },
    why: "removing a demo holiday shifts due dates; only this test's far-future day is removed",
  },
  {
    action: /^\/admin\/webhooks$/,
    intent: 'create',
    poison: { url: 'not a url' },
    why: 'a webhook receives every later event of every journey through the shared outbox worker, slowing the email journeys',
  },
  {
    action: /^\/admin\/mail$/,
    intent: 'retry',
    poison: { intent: 'retry-refused' },
    why: 'retrying re-sends every failed message of every journey',
  },
  {
    action: /^\/admin\/ideas\/\d+$/,
    intent: 'restore',
    poison: { intent: 'restore-refused' },
    why: 'the staff target idea is hidden so its locks, merges and statuses stay out of the lists other journeys vote and comment from; restoring would publish it',
  },
  // The account's own forms act on the crawler's person, whose browser page and HTTP client share
  // one session (hostile/actors.ts shareSession): an accepted post would sign the crawl out halfway.
  {
    action: /^\/account\/security$/,
    intent: 'password',
    poison: { newPassword: 'short' },
    why: "a new password ends every other session of the person, the crawl's shared one included",
  },
  {
    action: /^\/account\/security$/,
    intent: 'email',
    poison: { email: 'not-an-email' },
    why: 'an email change mails the old and the new address through the outbox every email journey waits on',
  },
  {
    action: /^\/account\/sessions$/,
    intent: 'end-others',
    poison: { intent: 'end-others-refused' },
    why: "signing out everywhere else ends the session the crawl's browser page or HTTP client holds",
  },
  {
    action: /^\/account\/sessions$/,
    intent: 'end',
    poison: { intent: 'end-refused' },
    why: "ending one session may end the one the crawl's browser page or HTTP client holds",
  },
  {
    action: /^\/account\/data$/,
    intent: 'delete',
    poison: { currentPassword: '' },
    why: "deleting the account erases the crawl's person, its session and the rows it aims other forms at",
  },
  {
    action: /^\/ideas\/[^/]+\/edit$/,
    intent: 'withdraw',
    poison: { confirm: 'no' },
    why: 'a withdrawn idea in the public lists closes voting on a card other journeys may pick first',
  },
]

const isSubmit = (field: FieldShape) =>
  (field.tag === 'button' || field.tag === 'input') && ['submit', 'image'].includes(field.type)

function intentOf(form: FormShape, submitter: { name: string; value: string } | null) {
  if (submitter?.name === 'intent') return submitter.value
  return (
    form.fields.find((field) => field.name === 'intent' && !isSubmit(field))?.value ??
    (submitter ? `${submitter.name}=…` : '')
  )
}

/** Every (form, submit button) pair, de-duplicated by the shape of the action, intent and fields. */
export function endpointsOf({
  role,
  forms,
  reaim,
}: {
  role: string
  forms: FormShape[]
  /** Points an action at an own row (or null: never submitted) and says which ids are ours there. */
  reaim: (action: string) => { action: string; ownIds: ReadonlySet<string> } | null
}) {
  const endpoints = new Map<string, Endpoint>()
  const skipped: string[] = []
  for (const form of forms) {
    if (form.action.startsWith('external:') || /^\/logout\b/.test(form.action)) continue
    const target = reaim(form.action)
    if (!target) {
      skipped.push(`${form.action} (a row this test does not own)`)
      continue
    }
    const submitters = form.fields.filter(
      (field) => isSubmit(field) && field.name && !field.disabled,
    )
    const choices: ({ name: string; value: string } | null)[] = submitters.length
      ? submitters.map(({ name, value }) => ({ name, value }))
      : [null]
    for (const submitter of choices) {
      const fields = form.fields.filter((field) => !isSubmit(field))
      const intent = intentOf(form, submitter)
      const hasId = fields.some((field) => field.name === 'id')
      const names = [...new Set(fields.map((field) => field.name))].sort().join(',')
      // The query only matters to Remix when it picks the index route (`?index`).
      const route = `${pathPattern(new URL(target.action, 'http://x').pathname)}${new URL(target.action, 'http://x').searchParams.has('index') ? '?index' : ''}`
      const shape = `${route} ${intent} ${names}`
      const key = `${role} ${shape}`
      if (endpoints.has(key)) continue
      const actionPath = new URL(target.action, 'http://x').pathname
      const policyIntent =
        (['status', 'category'].includes(intent) && !hasId ? `${intent}:new` : intent) || ''
      const policy =
        sharedStatePolicies.find(
          (entry) => entry.action.test(actionPath) && entry.intent === policyIntent,
        ) ?? null
      endpoints.set(key, {
        role,
        key,
        shape,
        action: target.action,
        enctype: form.enctype,
        fields,
        submitter,
        ownIds: target.ownIds,
        policy,
        label: form.label,
      })
    }
  }
  return { endpoints: [...endpoints.values()], skipped }
}

/** A field people type text into (not a honeypot). */
const isTyped = (field: FieldShape) =>
  !field.hiddenFromPeople &&
  (field.tag === 'textarea' ||
    (field.tag === 'input' &&
      ['text', 'search'].includes(field.type) &&
      !idLikeName.test(field.name)))

const idLikeName = /(^id$|Id$|Ids$|^voteFor$)/

/** Is this field a pointer at a row (so it must never carry the id of a row this test does not own)? */
function isIdLike(field: FieldShape) {
  if (field.tag === 'select') return false
  return (
    idLikeName.test(field.name) ||
    (['hidden', 'checkbox', 'radio', 'submit'].includes(field.type) && /^\d+$/.test(field.value))
  )
}

let uniqueCounter = 0
/** A run-unique marker for plausible values. */
export function uniqueMarker() {
  uniqueCounter += 1
  return `${Date.now().toString(36)}${process.pid.toString(36)}${uniqueCounter.toString(36)}`
}

/** What a person would plausibly type into an empty field of this kind. */
function plausibleValue(field: FieldShape, marker: string) {
  if (isIdLike(field)) return '2147483000'
  switch (field.type) {
    case 'email':
      return `crawler-${marker}@example.test`
    case 'password':
      return `a sturdy passphrase ${marker}`
    case 'number':
      return '7'
    case 'date':
      return '2999-12-24'
    case 'datetime-local':
      return '2999-12-24T09:00'
    case 'time':
      return '09:00'
    case 'color':
      return '#123456'
    case 'url':
      return 'https://example.test/hook'
    case 'tel':
      return '+31 20 123 4567'
    case 'search':
      return 'coffee'
  }
  if (field.tag === 'textarea')
    return `Crawler text ${marker}, with **Markdown** and a [link](https://example.test).`
  if (/title/i.test(field.name)) return `Crawler probe ${marker}`
  if (/days|count|limit/i.test(field.name)) return '7'
  if (/name/i.test(field.name)) return `Crawler ${marker}`
  return `crawler ${marker}`
}

type Pair = { name: string | Buffer; value: string | Buffer; field?: FieldShape }

/** The form as a person would send it: page values kept, empty fields filled in plausibly. */
function baselinePairs(endpoint: Endpoint, marker = uniqueMarker()): Pair[] {
  const pairs: Pair[] = []
  const radioGroups = new Set<string>()
  for (const field of endpoint.fields) {
    if (field.disabled) continue
    const override = endpoint.policy?.baseline?.[field.name]
    if (override !== undefined) {
      pairs.push({ name: field.name, value: override, field })
      continue
    }
    if (field.type === 'radio') {
      if (radioGroups.has(field.name)) continue
      const group = endpoint.fields.filter(
        (candidate) => candidate.type === 'radio' && candidate.name === field.name,
      )
      radioGroups.add(field.name)
      pairs.push({
        name: field.name,
        value: (group.find((candidate) => candidate.checked) ?? group[0]!).value,
        field,
      })
      continue
    }
    if (field.type === 'checkbox') {
      if (field.checked) pairs.push({ name: field.name, value: field.value || 'on', field })
      continue
    }
    if (field.type === 'file') {
      pairs.push({ name: field.name, value: Buffer.alloc(0), field })
      continue
    }
    if (field.tag === 'select') {
      pairs.push({
        name: field.name,
        value: field.selected[0] || field.options.find((option) => option !== '') || '',
        field,
      })
      continue
    }
    if (field.hiddenFromPeople) {
      pairs.push({ name: field.name, value: '', field })
      continue
    }
    const value =
      field.value !== ''
        ? field.value
        : field.type === 'hidden'
          ? ''
          : plausibleValue(field, marker)
    pairs.push({ name: field.name, value, field })
  }
  if (endpoint.submitter)
    pairs.push({
      name: endpoint.submitter.name,
      value: endpoint.submitter.value,
      field: {
        name: endpoint.submitter.name,
        tag: 'button',
        type: 'submit',
        value: endpoint.submitter.value,
        checked: false,
        disabled: false,
        options: [],
        optionLabels: [],
        selected: [],
        hiddenFromPeople: false,
      },
    })
  return pairs
}

type Mutation =
  | { kind: 'replace'; field: number; value: string }
  | { kind: 'typed'; field: number; value: string }
  | { kind: 'raw'; field: number; bytes: Buffer }
  | { kind: 'drop'; field: number }
  | { kind: 'duplicate'; field: number; value: string; first: boolean }
  | { kind: 'extra'; name: string; value: string }
  | { kind: 'rename'; field: number; suffix: string }
  | { kind: 'everything'; value: string }
  /** Appended to every text a person types (the form stays valid, so the value is stored). */
  | { kind: 'suffix'; value: string }

type Encoding =
  'urlencoded' | 'multipart' | 'json' | 'text' | 'none' | 'broken-percent' | 'raw-bytes'

export type Variant = { mutations: Mutation[]; encoding: Encoding }

const field = fc.nat(10_000)
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({ kind: fc.constant('replace' as const), field, value: hostileText }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('typed' as const),
      field,
      value: fc.oneof(fc.constantFrom(...wrongNumbers), hostileFormatted),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('raw' as const), field, bytes: invalidUtf8 }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('drop' as const), field }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('duplicate' as const),
      field,
      value: hostileText,
      first: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      name: fc.oneof(
        hostileText,
        fc.constantFrom(
          '__proto__',
          'constructor',
          '__proto__[admin]',
          'role',
          'authorId',
          'isAdmin',
        ),
      ),
      value: hostileText,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rename' as const),
      field,
      suffix: fc.constantFrom('[]', '[0]', '.x', ' ', '\u0000', 'X'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('everything' as const), value: hostileText }),
  },
)

/** One to three mutations of the baseline, sent in one of several encodings (mostly the form's own). */
export const variantArbitrary: fc.Arbitrary<Variant> = fc.record({
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
  encoding: fc.oneof(
    { weight: 12, arbitrary: fc.constant('urlencoded' as const) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Encoding>(
        'multipart',
        'json',
        'text',
        'none',
        'broken-percent',
        'raw-bytes',
      ),
    },
  ),
})

function describeMutation(item: Mutation, names: string[]) {
  const name = 'field' in item ? names[item.field % Math.max(1, names.length)] : undefined
  const preview = (value: string) =>
    JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…(${value.length})` : value)
  switch (item.kind) {
    case 'replace':
    case 'typed':
      return `${name}=${preview(item.value)}`
    case 'raw':
      return `${name}=<bytes ${item.bytes.toString('hex').slice(0, 16)}>`
    case 'drop':
      return `-${name}`
    case 'duplicate':
      return `${name}×2 ${preview(item.value)}`
    case 'extra':
      return `+${preview(item.name)}=${preview(item.value)}`
    case 'rename':
      return `${name}→${name}${JSON.stringify(item.suffix)}`
    case 'everything':
      return `all=${preview(item.value)}`
    case 'suffix':
      return `typed text+${preview(item.value)}`
  }
}

export type BuiltRequest = {
  body: Buffer
  contentType: string | null
  summary: string
  oversize: boolean
  marker: string
}

/** The final safety net: an id-like field never carries a value that could name a row we do not own. */
function guardIds(pairs: Pair[], ownIds: ReadonlySet<string>) {
  return pairs.map((pair) => {
    // Extra fields have no shape: their name decides (an extra `id` or `targetId` is a pointer too).
    const pointer = pair.field
      ? isIdLike(pair.field)
      : typeof pair.name === 'string' && idLikeName.test(pair.name)
    if (!pointer || typeof pair.value !== 'string') return pair
    if (ownIds.has(pair.value)) return pair
    if (bogusIds.includes(pair.value) || !/\d/.test(pair.value) || pair.value.length > 64)
      return pair
    return { ...pair, value: '2147483647' }
  })
}

/**
 * Titles become idea titles in the public lists, and the "Load more" journey checks that the 40
 * newest titles are distinct: every title this test sends is made unique.
 */
function uniqueTitles(pairs: Pair[]) {
  return pairs.map((pair) =>
    typeof pair.name === 'string' &&
    pair.name === 'title' &&
    typeof pair.value === 'string' &&
    pair.value.length < 200
      ? { ...pair, value: `${pair.value} ·${uniqueMarker()}` }
      : pair,
  )
}

/** Applies a variant to the baseline and encodes it. */
export function buildRequest(
  endpoint: Endpoint,
  variant: Variant | 'baseline',
  marker = uniqueMarker(),
): BuiltRequest {
  let pairs = baselinePairs(endpoint, marker)
  const names = [...new Set(pairs.map((pair) => String(pair.name)))]
  const summaries: string[] = []
  const at = (index: number) => names[index % Math.max(1, names.length)]
  const poison = endpoint.policy?.poison ?? {}
  if (variant !== 'baseline') {
    for (const item of variant.mutations) {
      summaries.push(describeMutation(item, names))
      const name = 'field' in item ? at(item.field) : undefined
      if (name !== undefined && name in poison) continue
      switch (item.kind) {
        case 'replace':
        case 'typed':
          pairs = pairs.map((pair) => (pair.name === name ? { ...pair, value: item.value } : pair))
          if (!pairs.some((pair) => pair.name === name) && name)
            pairs.push({ name, value: item.value })
          break
        case 'raw':
          pairs = pairs.map((pair) => (pair.name === name ? { ...pair, value: item.bytes } : pair))
          break
        case 'drop':
          pairs = pairs.filter((pair) => pair.name !== name)
          break
        case 'duplicate': {
          const original = pairs.find((pair) => pair.name === name)
          if (!original) break
          const copy = { ...original, value: item.value }
          pairs = item.first ? [copy, ...pairs] : [...pairs, copy]
          break
        }
        case 'extra':
          pairs.push({ name: item.name, value: item.value })
          break
        case 'rename':
          pairs = pairs.map((pair) =>
            pair.name === name ? { ...pair, name: `${name}${item.suffix}` } : pair,
          )
          break
        case 'everything':
          pairs = pairs.map((pair) =>
            pair.field && isSubmit(pair.field) ? pair : { ...pair, value: item.value },
          )
          break
        case 'suffix':
          pairs = pairs.map((pair) =>
            pair.field && isTyped(pair.field) && typeof pair.value === 'string'
              ? { ...pair, value: `${pair.value} ${item.value}` }
              : pair,
          )
          break
      }
    }
  }
  for (const [name, value] of Object.entries(poison)) {
    pairs = pairs.filter((pair) => pair.name !== name)
    pairs.push({ name, value })
  }
  pairs = uniqueTitles(guardIds(pairs, endpoint.ownIds))
  const summary =
    variant === 'baseline'
      ? 'baseline'
      : `${variant.encoding !== 'urlencoded' ? `[${variant.encoding}] ` : ''}${summaries.join(' ')}`
  const list: FormPair[] = pairs.map((pair) => [pair.name, pair.value])
  const encoding =
    variant === 'baseline'
      ? endpoint.enctype.includes('multipart')
        ? 'multipart'
        : 'urlencoded'
      : variant.encoding
  const files = new Set(
    endpoint.fields
      .filter((candidate) => candidate.type === 'file')
      .map((candidate) => candidate.name),
  )
  switch (encoding) {
    case 'multipart': {
      const { body, contentType } = multipartBody(list, files)
      return { body, contentType, summary, marker, oversize: body.length > MAX_BODY_BYTES }
    }
    case 'json': {
      const body = Buffer.from(
        JSON.stringify(
          Object.fromEntries(list.map(([name, value]) => [String(name), String(value)])),
        ),
      )
      return {
        body,
        contentType: 'application/json',
        summary,
        marker,
        oversize: body.length > MAX_BODY_BYTES,
      }
    }
    case 'text':
    case 'none': {
      const body = urlEncodedBody(list)
      return {
        body,
        contentType: encoding === 'text' ? 'text/plain' : null,
        summary,
        marker,
        oversize: body.length > MAX_BODY_BYTES,
      }
    }
    case 'broken-percent': {
      const body = Buffer.concat([
        urlEncodedBody(list),
        Buffer.from('&broken=%E0%A4%A&half=%&bad=%zz&%00=%00'),
      ])
      return {
        body,
        contentType: 'application/x-www-form-urlencoded',
        summary,
        marker,
        oversize: body.length > MAX_BODY_BYTES,
      }
    }
    case 'raw-bytes': {
      // Unescaped bytes that are not UTF-8, straight in the body.
      const body = Buffer.concat([
        urlEncodedBody(list),
        Buffer.from('&raw='),
        Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0xa0, 0xa1]),
      ])
      return {
        body,
        contentType: 'application/x-www-form-urlencoded',
        summary,
        marker,
        oversize: body.length > MAX_BODY_BYTES,
      }
    }
    case 'urlencoded': {
      const body = urlEncodedBody(list)
      return {
        body,
        contentType: 'application/x-www-form-urlencoded',
        summary,
        marker,
        oversize: body.length > MAX_BODY_BYTES,
      }
    }
  }
}

/** The baseline with its longest text field padded so the body lands just under, or just over, the limit. */
export function buildHugeRequest(endpoint: Endpoint, over: boolean): BuiltRequest {
  const base = buildRequest(endpoint, 'baseline')
  const pairs = baselinePairs(endpoint, base.marker)
  const target =
    pairs.find(
      (pair) => pair.field && (pair.field.tag === 'textarea' || pair.field.type === 'text'),
    ) ?? pairs.find((pair) => pair.field && !isSubmit(pair.field))
  const room = MAX_BODY_BYTES - base.body.length - 64 + (over ? 1024 : 0)
  const filler = 'A'.repeat(Math.max(0, room))
  const poison = endpoint.policy?.poison ?? {}
  const padded: Pair[] = target
    ? pairs.map((pair) => (pair === target ? { ...pair, value: filler } : pair))
    : [...pairs, { name: 'filler', value: filler }]
  const list = [
    ...padded.filter((pair) => !(String(pair.name) in poison)),
    ...Object.entries(poison).map(([name, value]) => ({ name, value })),
  ]
  const body = urlEncodedBody(
    guardIds(list, endpoint.ownIds).map((pair): FormPair => [pair.name, pair.value]),
  )
  return {
    body,
    contentType: 'application/x-www-form-urlencoded',
    marker: base.marker,
    summary: `${over ? 'over' : 'just under'} the 2 MiB limit (${body.length} bytes in ${target ? String(target.name) : 'filler'})`,
    oversize: body.length > MAX_BODY_BYTES,
  }
}
