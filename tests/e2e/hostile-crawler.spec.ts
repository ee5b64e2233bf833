// Hostile input, crawler-style. Signed in as every role, the crawler follows the site's links,
// collects every POST form and submits each with fast-check variants of hostile values (a fixed
// seed, HOSTILE_SEED in hostile/payloads.ts: a failure reproduces); the JSON API gets hostile
// bodies. Nothing may answer 5xx, nothing stored may run in a browser, every Markdown field renders
// an XSS corpus inert, cross-site posts are refused, `redirectTo` never leaves the site, and the
// sign-in limits hold under bursts. HOSTILE_DEBUG=1 prints the crawl, the form catalogue, every
// post's status and the slowest posts.
//
// Sharing the server with the other journeys (2 workers, fully parallel):
// - Every person here is a fresh account, signed up and promoted by the demo admin, posting from a
//   loopback address of its own (see hostile/http-client.ts): rate limits per address and per
//   account never touch the 127.0.0.1 the other journeys sign in from.
// - Forms aimed at one row are re-aimed at rows this test owns: a public idea of its own (comments,
//   votes, edits, reports), a hidden idea of its own for the back office (statuses, locks, merges,
//   answers), an update of its own, and a fresh "victim" account (roles, suspensions, bans). A form
//   aimed at any other row is not posted to.
// - Ids in hidden fields, checkboxes, submit buttons and id-named fields never name a row this test
//   does not own: they are replaced by ids no row has (hostile/submissions.ts `guardIds`).
// - Forms that change what everybody sees are listed in `sharedStatePolicies` (hostile/
//   submissions.ts) with the reason: site settings, new statuses and new categories, the working
//   calendar, channel promises, webhooks, mail retries, restoring the hidden idea and withdrawing
//   the public one. Their variants carry a value the schema refuses (every hostile value is still
//   parsed and validated; nothing is written). Holidays are added and removed on a far-future day.
// - Every idea title sent is made unique (the "Load more" journey checks the newest 40 differ).
// - Capability links (tokens in the address) found in the mailbox are not followed.

import type { Page } from '@playwright/test'
import fc from 'fast-check'

import { signInDelayRules } from '#app/domain/rate-limits/failure-delays.rules'

import { expect, test } from './fixtures'
import {
  type Actor,
  demoAdmin,
  freshActor,
  leaksInternals,
  postOwnIdea,
  shareSession,
  signUpFresh,
  uniqueMarker,
} from './hostile/actors'
import {
  API_BODY_MAX_BYTES,
  apiRoutePaths,
  duplicateKeysText,
  forgedCursors,
  hostileEmails,
  jsonBodyText,
  jsonBodyVariant,
  keyPaths,
  operationsOf,
  validValue,
} from './hostile/api'
import { crawl, type FormShape, pathPattern } from './hostile/crawler'
import {
  freshLoopbackAddress,
  HostileClient,
  loopbackRangeAvailable,
  percentEncode,
} from './hostile/http-client'
import {
  bogusIds,
  hostileText,
  invalidUtf8,
  redirectPayloads,
  seedFor,
  wrongNumbers,
  xssCorpus,
} from './hostile/payloads'
import {
  buildHugeRequest,
  buildRequest,
  type BuiltRequest,
  type Endpoint,
  endpointsOf,
  variantArbitrary,
} from './hostile/submissions'

/**
 * Random variants per form and submit button, plus the baseline, two valid variants carrying NUL
 * and an XSS payload, and body-limit probes per route; a form another role already went through
 * gets one more.
 */
const RUNS_PER_ENDPOINT = 5
const RUNS_PER_REPEATED_ENDPOINT = 1

type Failure = string

async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  const queue = [...items]
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (queue.length) await work(queue.shift()!)
    }),
  )
}

function describe(endpoint: Endpoint) {
  const intent = endpoint.submitter
    ? `${endpoint.submitter.name}=${endpoint.submitter.value}`
    : (endpoint.fields.find((field) => field.name === 'intent')?.value ?? '')
  return `${endpoint.role} POST ${endpoint.action}${intent ? ` [${intent}]` : ''}`
}

/** What each post got and how long it took (printed with HOSTILE_DEBUG=1, with the crawl's catalogue). */
const timings: { ms: number; endpoint: string; status: number; what: string }[] = []

/** Sends one built request and records what is wrong with the answer, if anything. */
async function send(
  client: HostileClient,
  endpoint: Endpoint,
  request: BuiltRequest,
  failures: Failure[],
) {
  const started = Date.now()
  const response = await client.request('POST', endpoint.action, {
    body: request.body,
    // An empty header value means "send no such header".
    headers: { 'Content-Type': request.contentType ?? '' },
  })
  const where = `${describe(endpoint)} ${request.summary}`
  timings.push({
    ms: Date.now() - started,
    endpoint: describe(endpoint),
    status: response.status,
    what: `${where} → ${response.status}`,
  })
  if (response.status === 0 && (!request.oversize || response.body.startsWith('unparseable')))
    failures.push(`${where} → no answer: ${response.body.slice(0, 100)}`)
  else if (response.status >= 500)
    failures.push(
      `${where} → ${response.status} ${response.body.replace(/\s+/g, ' ').slice(0, 160)}`,
    )
  else if (request.oversize && response.status !== 413 && response.status !== 0)
    failures.push(`${where} → ${response.status}, expected 413`)
  else if (leaksInternals(response.body))
    failures.push(`${where} → ${response.status} shows internals: ${response.body.slice(0, 160)}`)
  return response
}

/**
 * The trap: every payload of the corpus calls `__xss(n)` if it runs. Calls, dialogs (the `alert(1)`
 * of other payloads), uncaught errors and console errors of the page are recorded.
 */
async function trapContext(page: Page, hits: string[]) {
  await page.context().exposeFunction('__xss', (id: unknown) => {
    hits.push(`__xss(${String(id)}) on ${page.url()}`)
  })
  page.on('dialog', (dialog) => {
    hits.push(`dialog "${dialog.message()}" on ${page.url()}`)
    void dialog.dismiss().catch(() => {})
  })
  page.on('pageerror', (error) => hits.push(`page error on ${page.url()}: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text()))
      hits.push(`console error on ${page.url()}: ${message.text().slice(0, 200)}`)
  })
}

/** Nothing in the page can run what people typed: no stray scripts, handlers or script URLs. */
async function inertProblems(page: Page, html: string, csp: string | undefined) {
  const problems: string[] = []
  const nonce = /'nonce-([^']+)'/.exec(csp ?? '')?.[1]
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    if (!nonce || !tag.includes(`nonce="${nonce}"`))
      problems.push(`script tag without the page's nonce: ${tag.slice(0, 100)}`)
  }
  problems.push(
    ...(await page.evaluate(() => {
      const found: string[] = []
      const scriptUrl = /^(javascript:|vbscript:|data:text\/html)/i
      for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
          const name = attribute.name.toLowerCase()
          const value = attribute.value.replace(/[\u0000-\u001f\s]/g, '')
          if (name.startsWith('on'))
            found.push(
              `<${element.tagName.toLowerCase()} ${name}="${attribute.value.slice(0, 60)}">`,
            )
          if (
            [
              'href',
              'src',
              'action',
              'formaction',
              'xlink:href',
              'data',
              'srcdoc',
              'background',
              'poster',
            ].includes(name) &&
            (scriptUrl.test(value) || name === 'srcdoc')
          ) {
            found.push(
              `<${element.tagName.toLowerCase()} ${name}="${attribute.value.slice(0, 60)}">`,
            )
          }
        }
      }
      for (const element of document.body.querySelectorAll(
        'iframe, object, embed, base, meta, form [formaction], .prose script, .prose style, .prose form, .prose input, .prose svg, .prose math, .prose img',
      )) {
        found.push(`<${element.tagName.toLowerCase()}> inside the page body`)
      }
      return found
    })),
  )
  return problems
}

// Every test here sends from loopback addresses of its own (see hostile/http-client.ts).
test.beforeEach(async () => {
  test.skip(
    !(await loopbackRangeAvailable()),
    'needs the 127.0.0.0/8 loopback range (Linux; on macOS add lo0 aliases) to keep its rate limits apart from the other journeys',
  )
})

const phase = (name: string, started: number) => {
  if (process.env.HOSTILE_DEBUG) console.log(`phase ${name}: ${Date.now() - started} ms`)
  return Date.now()
}

test('the crawler submits every form as every role with hostile variants: no 5xx, cross-site posts refused, nothing stored runs', async ({
  page,
  browser,
  baseURL,
}) => {
  // About a minute alone; up to twice that while the other journeys share the two cores.
  test.setTimeout(240_000)
  const base = baseURL!
  await page.goto('about:blank')
  const failures: Failure[] = []
  let clock = Date.now()

  // People: the demo admin only promotes; everyone else is fresh.
  const promoter = await demoAdmin(base)
  const actors: Record<string, Actor> = {}
  for (const role of ['customer', 'agent', 'marketer', 'moderator', 'admin'] as const)
    actors[role] = await freshActor(base, role, promoter)
  const victim = await freshActor(base, 'customer', promoter)
  const customer = actors.customer!

  // Rows of our own: a public idea with a comment, a hidden idea with an answer for the back
  // office, and a draft update.
  const marker = uniqueMarker()
  const publicIdea = await postOwnIdea(customer.client, {
    title: `Crawler public idea ${marker}`,
    description: 'An idea the crawler comments on, votes for and edits.',
  })
  const staffIdea = await postOwnIdea(customer.client, {
    title: `Crawler back-office idea ${marker}`,
    description: 'An idea the crawler triages while it is hidden.',
  })
  const moderator = actors.moderator!.client
  expect(
    (
      await moderator.postForm(`/admin/ideas/${staffIdea.id}`, {
        intent: 'hide',
        reason: 'Hidden while the crawler works on it.',
      })
    ).status,
  ).toBe(303)
  expect(
    (
      await customer.client.postForm(publicIdea.path, {
        intent: 'post',
        body: 'A first comment of the crawler.',
      })
    ).status,
  ).toBe(303)
  // The answer goes on the hidden idea: on the public one it would close the author's edit form.
  expect(
    (
      await moderator.postForm(`/admin/ideas/${staffIdea.id}`, {
        intent: 'response',
        response: 'A first answer, for the feedback buttons.',
      })
    ).status,
  ).toBe(303)
  const draft = await actors.marketer!.client.postForm('/admin/updates?index', {
    intent: 'create',
    title: `Crawler update ${marker}`,
  })
  expect(draft.status).toBe(303)
  const updateId = Number(/\/admin\/updates\/(\d+)/.exec(draft.location ?? '')?.[1])
  const ownRows = `${(await customer.client.get(publicIdea.path)).body}${(await customer.client.get(staffIdea.path)).body}`
  const publicIds = new Set([
    String(publicIdea.id),
    ...[...ownRows.matchAll(/id="(?:comment|response)-(\d+)"/g)].map((match) => match[1]!),
  ])

  const own: { pattern: RegExp; path: (rest: string) => string; ids: ReadonlySet<string> }[] = [
    {
      pattern: /^\/ideas\/\d+(?:-[^/]*)?(\/.*)?$/,
      path: (rest) => `${publicIdea.path}${rest}`,
      ids: publicIds,
    },
    {
      pattern: /^\/admin\/ideas\/\d+()$/,
      path: () => `/admin/ideas/${staffIdea.id}`,
      ids: new Set([String(staffIdea.id)]),
    },
    {
      pattern: /^\/admin\/people\/\d+()$/,
      path: () => `/admin/people/${victim.id}`,
      ids: new Set([String(victim.id)]),
    },
    {
      pattern: /^\/admin\/updates\/\d+()$/,
      path: () => `/admin/updates/${updateId}`,
      ids: new Set([String(updateId), String(staffIdea.id)]),
    },
  ]
  const aim = (path: string) => {
    const url = new URL(path, 'http://x')
    for (const entry of own) {
      const match = entry.pattern.exec(url.pathname)
      if (match) return { action: `${entry.path(match[1] ?? '')}${url.search}`, ownIds: entry.ids }
    }
    // Any other address naming a row (a number in the path) is somebody else's: never posted to.
    if (/\/\d+(?:-[^/]*)?(?:\/|$)/.test(url.pathname)) return null
    return { action: path, ownIds: new Set<string>() }
  }

  // Crawl as every role, and as a visitor.
  const seeds = [
    '/',
    '/admin',
    '/admin/intake',
    '/admin/updates',
    '/account',
    '/account/security',
    '/account/sessions',
    '/account/data',
    '/ideas/new',
    publicIdea.path,
    `${publicIdea.path}/edit`,
    staffIdea.path,
    `/admin/ideas/${staffIdea.id}`,
    `/admin/people/${victim.id}`,
    `/admin/updates/${updateId}`,
  ]
  // The similar-ideas lookup is fetched by script, never linked: a seed.
  const visitorSeeds = [
    '/',
    '/login',
    '/signup',
    '/forgot-password',
    '/reset-password/hostile-crawler-bogus-token',
    '/unsubscribe?token=bogus',
    '/feedback?token=bogus',
    '/ideas/new',
    '/ideas/similar?q=oat+milk',
  ]
  const forms: { role: string; client: HostileClient | null; forms: FormShape[] }[] = []
  const queries = new Map<string, { client: HostileClient; path: string; keys: Set<string> }>()
  /** A page per address shape with a row in it (`/u/:slug`, `/admin/ideas/:id`), as the first role that reached it. */
  const rowPages = new Map<string, { client: HostileClient; path: string }>()
  let visitedPages = 0
  const visitor = new HostileClient(base)
  clock = phase('setup', clock)
  await test.step('crawl', async () => {
    const roles = ['visitor', 'customer', 'agent', 'marketer', 'moderator', 'admin']
    const results = await Promise.all(
      roles.map(async (role) => {
        const client = role === 'visitor' ? visitor : actors[role]!.client
        // The public pages are crawled as the visitor and the customer; staff crawl the back office
        // (and the seeds, which include the public pages of the ideas they act on).
        const staff = role !== 'visitor' && role !== 'customer'
        const rewrite = (path: string) =>
          staff && !path.startsWith('/admin') ? null : (aim(path)?.action ?? path)
        const result = await crawl({
          client,
          parser: page,
          seeds: role === 'visitor' ? visitorSeeds : seeds,
          maxPages: 60,
          rewrite,
        })
        return { role, client: role === 'visitor' ? null : client, result }
      }),
    )
    for (const { role, client, result } of results) {
      failures.push(...result.errors.map((error) => `${role} ${error}`))
      if (process.env.HOSTILE_DEBUG)
        console.log(
          `${role}: ${result.visited.map((visit) => `${visit.status} ${visit.path}`).join(', ')}`,
        )
      visitedPages += result.visited.length
      forms.push({ role, client, forms: result.forms })
      for (const { path, status } of result.visited) {
        if (
          status === 200 &&
          /:(id|slug)/.test(pathPattern(path)) &&
          !rowPages.has(pathPattern(path))
        )
          rowPages.set(pathPattern(path), {
            client: client ?? visitor,
            path: new URL(path, 'http://x').pathname,
          })
      }
      for (const [path, keys] of result.queries) {
        const entry = queries.get(pathPattern(path)) ?? {
          client: client ?? visitor,
          path,
          keys: new Set<string>(),
        }
        for (const key of keys) entry.keys.add(key)
        queries.set(pathPattern(path), entry)
      }
    }
  })

  const endpoints: { endpoint: Endpoint; client: HostileClient | null }[] = []
  const skipped: string[] = []
  for (const { role, client, forms: found } of forms) {
    const result = endpointsOf({ role, forms: found, reaim: aim })
    endpoints.push(...result.endpoints.map((endpoint) => ({ endpoint, client })))
    skipped.push(...result.skipped)
  }
  if (process.env.HOSTILE_DEBUG)
    console.log(
      endpoints
        .map(
          ({ endpoint }) =>
            `${describe(endpoint)} ${endpoint.fields.map((field) => field.name).join(',')}${endpoint.policy ? ' (shared state: poisoned)' : ''}`,
        )
        .join('\n'),
    )
  // The crawl must reach the back office and the public forms, or the test proves nothing.
  const reached = new Set(
    endpoints.map(({ endpoint }) => pathPattern(endpoint.action).replace(/\?.*/, '')),
  )
  for (const expected of [
    '/login',
    '/signup',
    '/ideas/new',
    '/ideas/:id',
    '/ideas/:id/vote',
    '/ideas/:id/edit',
    '/admin/ideas/:id',
    '/admin/people/:id',
    '/admin/settings',
    '/admin/updates/:id',
    '/admin/intake',
    '/admin/api',
    '/admin/promises',
    '/language',
    '/account',
    '/account/security',
    '/account/data',
  ]) {
    expect(reached, `the crawler found a form posting to ${expected}`).toContain(expected)
  }

  clock = phase('crawl', clock)
  await test.step('cross-site posts are refused and change nothing', async () => {
    // A sample: one form per route, as the role that found it; the baseline would be accepted.
    const sample = new Map<string, { endpoint: Endpoint; client: HostileClient | null }>()
    for (const entry of endpoints)
      sample.set(
        pathPattern(entry.endpoint.action),
        sample.get(pathPattern(entry.endpoint.action)) ?? entry,
      )
    for (const { endpoint, client: signedIn } of sample.values()) {
      const client = signedIn ?? new HostileClient(base)
      const request = buildRequest(endpoint, 'baseline')
      const foreign: Record<string, string>[] = [
        { Origin: 'https://evil.example' },
        { Origin: 'null' },
        { Origin: `http://localhost:1` },
        { Origin: '', Referer: 'https://evil.example/page' },
        { Origin: '' },
      ]
      for (const headers of foreign) {
        const response = await client.request('POST', endpoint.action, {
          body: request.body,
          headers: { 'Content-Type': request.contentType ?? '', ...headers },
          sameOrigin: false,
          keepCookies: false,
        })
        if (response.status !== 403)
          failures.push(
            `cross-site ${describe(endpoint)} with ${JSON.stringify(headers)} → ${response.status}, expected 403`,
          )
      }
      // Nothing changed: forms post to the page that shows what they write (decision 009), and
      // the text the refused post carried is not there.
      const shown = endpoint.action.replace(/\?.*/, '')
      if ((await client.get(shown)).body.includes(request.marker))
        failures.push(`cross-site ${describe(endpoint)} left "${request.marker}" on ${shown}`)
      if (!signedIn) client.close()
    }
    // Signing out from another site does not sign anybody out.
    const logout = await customer.client.request('POST', '/logout', {
      headers: { Origin: 'https://evil.example' },
      sameOrigin: false,
      keepCookies: false,
    })
    if (logout.status !== 403)
      failures.push(`cross-site POST /logout → ${logout.status}, expected 403`)
    const stillIn = await customer.client.get('/account')
    if (stillIn.status !== 200)
      failures.push(
        `after a cross-site POST /logout, /account → ${stillIn.status}: signed out from another site`,
      )
  })

  clock = phase('cross-site', clock)
  await test.step('hostile query strings and addresses on every page that reads one', async () => {
    const jobs: (() => Promise<void>)[] = []
    const check = async (client: HostileClient, address: string) => {
      const response = await client.get(address)
      const where = `GET ${address.slice(0, 120)}`
      if (response.status >= 500)
        failures.push(
          `${where} → ${response.status} ${response.body.replace(/\s+/g, ' ').slice(0, 120)}`,
        )
      else if (leaksInternals(response.body))
        failures.push(`${where} → ${response.status} shows internals`)
    }
    // The row in the address: NUL, bytes that are not UTF-8, quotes, overflowing and negative ids.
    const segments = [
      '%00',
      'x%00y',
      '%FF%FE',
      '%E0%A4%A',
      "'%20or%20'1'='1",
      '..%2F..%2Fadmin',
      '9'.repeat(30),
      '-1',
      '0',
      '%E2%80%AE',
      'a'.repeat(300),
    ]
    for (const { client, path } of rowPages.values()) {
      const parts = path.split('/')
      const at = pathPattern(path)
        .split('/')
        .findIndex((part) => part === ':id' || part === ':slug')
      for (const segment of segments)
        jobs.push(() =>
          check(client, [...parts.slice(0, at), segment, ...parts.slice(at + 1)].join('/')),
        )
    }
    for (const { client, path, keys } of queries.values()) {
      for (const key of keys) {
        const seed = seedFor(`${path}?${key}`)
        const values = [
          ...fc.sample(hostileText, { seed, numRuns: 3 }),
          ...fc.sample(fc.constantFrom(...wrongNumbers), { seed, numRuns: 1 }),
          ...(/cursor|before|after/i.test(key) ? forgedCursors : []),
        ]
        for (const query of [
          ...values.map((value) => `${percentEncode(key)}=${percentEncode(value)}`),
          `${percentEncode(key)}=%FF%FE%00%E0%A4%A`,
        ]) {
          jobs.push(() => check(client, `${path}?${query}`))
        }
      }
    }
    await inPool(jobs, 4, (job) => job())
    if (process.env.HOSTILE_DEBUG)
      console.log(
        `${jobs.length} hostile addresses: ${queries.size} pages with a query, ${rowPages.size} with a row in the address`,
      )
  })
  clock = phase('queries', clock)
  let sent = 0
  await test.step('hostile variants of every form', async () => {
    const jobs: (() => Promise<void>)[] = []
    const hugeDone = new Set<string>()
    const shapesDone = new Set<string>()
    for (const { endpoint, client } of endpoints) {
      const route = pathPattern(new URL(endpoint.action, 'http://x').pathname)
      const runs = shapesDone.has(endpoint.shape) ? RUNS_PER_REPEATED_ENDPOINT : RUNS_PER_ENDPOINT
      shapesDone.add(endpoint.shape)
      const variants = fc.sample(variantArbitrary, { seed: seedFor(endpoint.key), numRuns: runs })
      // Two variants that stay valid, so the hostile text is stored and shown: NUL and control
      // characters, and a payload of the XSS corpus, added to everything a person types.
      if (runs === RUNS_PER_ENDPOINT) {
        const payload = xssCorpus[Math.abs(seedFor(endpoint.key)) % xssCorpus.length]!
        variants.push(
          {
            mutations: [{ kind: 'suffix', value: 'nul\u0000 bell\u0007 esc\u001b' }],
            encoding: 'urlencoded',
          },
          { mutations: [{ kind: 'suffix', value: payload }], encoding: 'urlencoded' },
        )
      }
      const requests: (() => BuiltRequest)[] = [
        ...(endpoint.policy ? [] : [() => buildRequest(endpoint, 'baseline')]),
        ...variants.map((variant) => () => buildRequest(endpoint, variant)),
      ]
      if (!hugeDone.has(route)) {
        hugeDone.add(route)
        // Over the limit is refused before anything reads it (cheap); just under is parsed in
        // full (about a second of server time each), so a fixed quarter of the routes get it.
        requests.push(() => buildHugeRequest(endpoint, true))
        if (seedFor(route) % 4 === 0) requests.push(() => buildHugeRequest(endpoint, false))
      }
      for (const build of requests) {
        jobs.push(async () => {
          // A visitor is anyone: a new address for every request, so per-address limits never
          // stop the crawl before the validation it is aiming at.
          const sender = client ?? new HostileClient(base, freshLoopbackAddress())
          await send(sender, endpoint, build(), failures)
          sent += 1
          if (!client) sender.close()
        })
      }
    }
    const started = Date.now()
    await inPool(jobs, 4, (job) => job())
    if (process.env.HOSTILE_DEBUG) {
      const statuses = new Map<string, number[]>()
      for (const timing of timings)
        statuses.set(timing.endpoint, [...(statuses.get(timing.endpoint) ?? []), timing.status])
      console.log(
        [...statuses].map(([endpoint, list]) => `${endpoint}: ${list.sort().join(' ')}`).join('\n'),
      )
      console.log(`${jobs.length} posts in ${Date.now() - started} ms; slowest:`)
      console.log(
        timings
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 25)
          .map((timing) => `${timing.ms} ms ${timing.what.slice(0, 200)}`)
          .join('\n'),
      )
    }
  })

  clock = phase('variants', clock)
  await test.step('nothing stored runs in a browser', async () => {
    const hits: string[] = []
    const pages: [Actor, string[]][] = [
      // Where what the crawler sent shows up: lists, its ideas, profiles, notifications, the back office.
      [
        customer,
        [
          '/',
          '/ideas?sort=new',
          publicIdea.path,
          staffIdea.path,
          '/notifications',
          `/u/${customer.handle}`,
          '/updates',
        ],
      ],
      [
        actors.admin!,
        [
          '/admin',
          `/admin/ideas/${staffIdea.id}`,
          `/admin/ideas/${publicIdea.id}`,
          `/admin/people/${victim.id}`,
          '/admin/reports',
          '/admin/approvals',
          '/admin/tags',
          `/admin/updates/${updateId}`,
          '/admin/audit',
          '/admin/mail',
          '/admin/api',
        ],
      ],
    ]
    await Promise.all(
      pages.map(async ([actor, paths]) => {
        const context = await browser.newContext({ bypassCSP: true })
        await shareSession(context, actor.client)
        const viewer = await context.newPage()
        await trapContext(viewer, hits)
        for (const path of paths) {
          const response = await viewer.goto(path)
          if (!response || response.status() >= 500)
            failures.push(`${path} as ${actor.email} → ${response?.status()}`)
          if (!response) continue
          for (const problem of await inertProblems(
            viewer,
            await response.text(),
            response.headers()['content-security-policy'],
          ))
            failures.push(`${path} as ${actor.email}: ${problem}`)
        }
        await context.close()
      }),
    )
    failures.push(...hits.map((hit) => `in the browser: ${hit}`))
  })

  phase('browser', clock)
  for (const actor of [...Object.values(actors), victim]) actor.client.close()
  promoter.close()
  visitor.close()
  test.info().annotations.push({
    type: 'crawl',
    description: `${visitedPages} pages, ${endpoints.length} form endpoints, ${sent} hostile posts; not posted to: ${[...new Set(skipped)].length} forms of rows this test does not own`,
  })
  expect(failures, `${failures.length} problems`).toEqual([])
})

test('every Markdown field renders the XSS corpus inert', async ({ browser, baseURL }) => {
  test.setTimeout(120_000)
  const base = baseURL!
  const promoter = await demoAdmin(base)
  const writer = await freshActor(base, 'customer', promoter)
  const moderator = await freshActor(base, 'moderator', promoter)
  const marketer = await freshActor(base, 'marketer', promoter)
  promoter.close()
  const marker = uniqueMarker()
  // Three documents of fourteen payloads, a paragraph each; a sentinel line proves each document
  // was rendered.
  const chunks = Array.from({ length: Math.ceil(xssCorpus.length / 14) }, (_, index) =>
    xssCorpus.slice(index * 14, index * 14 + 14),
  )
  const sentinel = (field: string, index: number) => `Probe ${field} ${index + 1} ${marker}`
  const documentFor = (field: string, index: number) =>
    `${sentinel(field, index)}\n\n${chunks[index]!.join('\n\n')}`
  const expectations: { path: string; as: Actor; sentinels: string[] }[] = []

  // Idea descriptions (one idea per document), comments, official and status answers, notes.
  const ideas = []
  for (const [index] of chunks.entries())
    ideas.push(
      await postOwnIdea(writer.client, {
        title: `XSS probe ${marker} ${index + 1}`,
        description: documentFor('description', index),
      }),
    )
  const first = ideas[0]!
  const adminPage = await moderator.client.get(`/admin/ideas/${first.id}`)
  const statusOptions = [
    ...adminPage.body.matchAll(/<option value="(\d+)"[^>]*>(Under review|Planned)<\/option>/g),
  ].map((match) => match[1]!)
  expect(statusOptions, 'the "Under review" and "Planned" statuses').toHaveLength(2)
  for (const [index] of chunks.entries()) {
    const steps: [HostileClient, string, Record<string, string>][] = [
      [writer.client, first.path, { intent: 'post', body: documentFor('comment', index) }],
      [
        moderator.client,
        `/admin/ideas/${first.id}`,
        { intent: 'response', response: documentFor('response', index) },
      ],
      [
        moderator.client,
        `/admin/ideas/${first.id}`,
        {
          intent: 'status',
          statusId: statusOptions[index % 2]!,
          response: documentFor('status', index),
        },
      ],
      [
        moderator.client,
        `/admin/ideas/${first.id}`,
        { intent: 'note', body: documentFor('note', index) },
      ],
    ]
    for (const [client, path, form] of steps) {
      const response = await client.postForm(path, form)
      expect(response.status, `${path} ${form.intent}: ${response.body.slice(0, 200)}`).toBe(303)
    }
  }
  for (const [index, idea] of ideas.entries())
    expectations.push({ path: idea.path, as: writer, sentinels: [sentinel('description', index)] })
  expectations.push({
    path: first.path,
    as: writer,
    sentinels: chunks.flatMap((_, index) => [
      sentinel('comment', index),
      sentinel('response', index),
      sentinel('status', index),
    ]),
  })
  expectations.push({
    path: `/admin/ideas/${first.id}`,
    as: moderator,
    sentinels: [
      sentinel('description', 0),
      ...chunks.flatMap((_, index) => [
        sentinel('response', index),
        sentinel('status', index),
        sentinel('note', index),
      ]),
    ],
  })

  // Updates (one draft per document); the first is published to the public page and the feeds.
  let publishedSlug = ''
  for (const [index] of chunks.entries()) {
    const created = await marketer.client.postForm('/admin/updates?index', {
      intent: 'create',
      title: `XSS update ${marker} ${index + 1}`,
    })
    expect(created.status).toBe(303)
    const path = created.location!
    const saved = await marketer.client.postForm(path, {
      intent: 'save',
      title: `XSS update ${marker} ${index + 1}`,
      summary: 'Probe.',
      body: documentFor('update', index),
    })
    expect(saved.status, saved.body.slice(0, 200)).toBe(303)
    expectations.push({ path, as: marketer, sentinels: [sentinel('update', index)] })
    if (index === 0) {
      // Publishing sends what is on screen (the editor's fields), as the page's button does.
      expect(
        (
          await marketer.client.postForm(path, {
            intent: 'publish',
            title: `XSS update ${marker} ${index + 1}`,
            summary: 'Probe.',
            body: documentFor('update', index),
          })
        ).status,
      ).toBe(303)
      publishedSlug =
        /href="\/updates\/([^"]+)"/.exec((await marketer.client.get(path)).body)?.[1] ?? ''
      expect(publishedSlug, 'the published update links to its public page').not.toBe('')
      expectations.push({
        path: `/updates/${publishedSlug}`,
        as: writer,
        sentinels: [sentinel('update', 0)],
      })
    }
  }

  const hits: string[] = []
  const problems: string[] = []
  const contexts = new Map<Actor, Page>()
  for (const actor of [writer, moderator, marketer]) {
    const context = await browser.newContext({ bypassCSP: true })
    await shareSession(context, actor.client)
    const viewer = await context.newPage()
    await trapContext(viewer, hits)
    contexts.set(actor, viewer)
  }
  await Promise.all(
    [writer, moderator, marketer].map(async (actor) => {
      const viewer = contexts.get(actor)!
      for (const { path, sentinels } of expectations.filter((entry) => entry.as === actor)) {
        const response = await viewer.goto(path)
        expect(response?.status(), path).toBe(200)
        // Each document is really on the page (a refused post would make the check vacuous).
        for (const text of sentinels)
          await expect(
            viewer.locator('.prose', { hasText: text }).first(),
            `${text} on ${path}`,
          ).toBeAttached()
        problems.push(
          ...(
            await inertProblems(
              viewer,
              await response!.text(),
              response!.headers()['content-security-policy'],
            )
          ).map((problem) => `${path}: ${problem}`),
        )
      }
    }),
  )

  // The previews render the same Markdown from the form, before anything is saved.
  const viewer = contexts.get(writer)!
  await viewer.goto('/ideas/new')
  for (const [index] of chunks.entries()) {
    await viewer.getByLabel('Title').fill(`XSS preview ${marker} ${index + 1}`)
    await viewer.getByLabel('Description').fill(documentFor('preview', index))
    await viewer.getByRole('button', { name: 'Preview' }).click()
    await expect(
      viewer.locator('.preview .prose', { hasText: sentinel('preview', index) }),
    ).toBeAttached()
    // The page's own scripts were checked above; here only what the preview put in the page counts.
    problems.push(
      ...(await inertProblems(viewer, '', undefined)).map(
        (problem) => `/ideas/new preview: ${problem}`,
      ),
    )
  }

  // The feeds carry the update's HTML to feed readers: escaped, and as inert as the page.
  for (const [feed, expected] of [
    ['/updates.rss', `XSS update ${marker} 1`],
    ['/updates.atom', sentinel('update', 0)],
  ] as const) {
    const text = (await writer.client.get(feed)).body
    expect(text, feed).toContain(expected)
    const html = text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
    for (const pattern of [
      /<script/i,
      /<iframe/i,
      /<svg/i,
      /\son\w+\s*=/i,
      /(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):/i,
    ]) {
      if (pattern.test(html))
        problems.push(
          `${feed}: ${pattern} in ${/.{0,60}$/.exec(html.slice(0, html.search(pattern) + 20))?.[0]}`,
        )
    }
  }
  for (const context of contexts.values()) await context.context().close()
  for (const actor of [writer, moderator, marketer]) actor.client.close()
  expect([...hits, ...problems]).toEqual([])
})

test('the JSON API answers hostile requests with 4xx JSON errors, never a 5xx', async ({
  baseURL,
}) => {
  test.setTimeout(90_000)
  const base = baseURL!
  const promoter = await demoAdmin(base)
  const admin = await freshActor(base, 'admin', promoter)
  const author = await freshActor(base, 'customer', promoter)
  promoter.close()
  const failures: Failure[] = []
  const idea = await postOwnIdea(author.client, {
    title: `API target ${uniqueMarker()}`,
    description: 'Supporters arrive through the API.',
  })

  // Tokens: three with every scope (the limit is 120 requests a minute each), one read-only, one revoked.
  const createToken = async (name: string, scopes: string[]) => {
    const response = await admin.client.postForm('/admin/api', [
      ['intent', 'create'],
      ['name', name],
      ...scopes.map((scope): [string, string] => ['scope', scope]),
    ])
    const token = /ibx_[\w-]{20,80}/.exec(response.body)?.[0]
    expect(token, `token ${name}: ${response.status}`).toBeTruthy()
    return token!
  }
  const everything = ['ideas:read', 'ideas:write', 'votes:write', 'inbound:email']
  const marker = uniqueMarker()
  const tokens = [
    await createToken(`hostile a ${marker}`, everything),
    await createToken(`hostile b ${marker}`, everything),
    await createToken(`hostile c ${marker}`, everything),
  ]
  const readOnly = await createToken(`hostile read ${marker}`, ['ideas:read'])
  const revokedName = `hostile revoked ${marker}`
  const revoked = await createToken(revokedName, everything)
  const listing = (await admin.client.get('/admin/api')).body
  const revokedId = new RegExp(
    `name="id" value="(\\d+)"/?>\\s*<button[^>]*aria-label="[^"]*${revokedName}`,
  ).exec(listing)?.[1]
  expect(revokedId, 'the revoke button of the token to revoke').toBeTruthy()
  await admin.client.postForm('/admin/api', { intent: 'revoke', id: revokedId! })

  const api = new HostileClient(base)
  let turn = 0
  const call = async (
    method: string,
    path: string,
    {
      body,
      contentType = 'application/json',
      token = tokens[turn++ % tokens.length]!,
      summary,
    }: {
      body?: Buffer | string
      contentType?: string | null
      token?: string | null
      summary: string
    },
  ) => {
    const response = await api.request(method, path, {
      body,
      headers: {
        ...(token === null
          ? {}
          : { Authorization: token.startsWith('ibx_') ? `Bearer ${token}` : token }),
        'Content-Type': contentType ?? '',
      },
      sameOrigin: false,
    })
    const where = `${method} ${path} ${summary}`
    const size = body === undefined ? 0 : Buffer.byteLength(body)
    // Answered before the body is read (over the API's 64 KB): the server may close the connection
    // while the client is still sending, and the client never sees the 413.
    const refusedUnread = response.status === 0 && size > API_BODY_MAX_BYTES
    // Refusals of the HTTP layer in front of the app (bodies over the server-wide 2 MiB, addresses
    // that are not valid percent-encoded UTF-8) are JSON on the API too.
    if (refusedUnread) return response
    if (response.status >= 500 || response.status === 0)
      failures.push(`${where} → ${response.status} ${response.body.slice(0, 160)}`)
    else if (response.status >= 400) {
      let error: unknown
      try {
        error = (JSON.parse(response.body) as { error?: unknown }).error
      } catch {
        error = undefined
      }
      if (
        !String(response.headers['content-type']).startsWith('application/json') ||
        typeof error !== 'string'
      )
        failures.push(
          `${where} → ${response.status} is not a JSON error: ${String(response.headers['content-type'])} ${response.body.slice(0, 120)}`,
        )
    }
    if (leaksInternals(response.body))
      failures.push(`${where} → ${response.status} shows internals: ${response.body.slice(0, 160)}`)
    return response
  }

  const document = JSON.parse((await api.get('/api/v1/openapi.json')).body) as Parameters<
    typeof operationsOf
  >[0]
  const operations = operationsOf(document)
  const documented = new Set(operations.map((operation) => operation.path))
  // Routes the document does not describe are attacked too (the raw-email intake takes RFC 822).
  const routes = apiRoutePaths().filter((path) => !path.endsWith('openapi.json'))
  for (const path of routes.filter((route) => !documented.has(route)))
    operations.push({
      method: 'POST',
      path,
      bodySchema: null,
      bodyType: 'message/rfc822',
      query: [],
    })
  expect(operations.length).toBeGreaterThanOrEqual(5)

  const pathIds = [
    String(idea.id),
    'abc',
    '-1',
    '0',
    '1e309',
    '99999999999',
    '%00',
    '1%2F2',
    '..%2F..',
    '%20%201',
    '%D9%A1',
    '%FF',
  ]
  const withId = (path: string, id: string) => path.replace(/\{[^}]+\}/g, id)
  for (const operation of operations) {
    const path = withId(operation.path, String(idea.id))
    // Who is asking: nobody, a malformed or unknown token, a revoked one, one without the scope.
    for (const [token, summary] of [
      [null, 'no token'],
      ['Bearer', 'empty bearer'],
      ['Basic YWRtaW46YWRtaW4=', 'basic auth'],
      [`Bearer ibx_${'x'.repeat(81)}`, 'overlong token'],
      [`ibx_${'A'.repeat(40)}`, 'unknown token'],
      [revoked, 'revoked token'],
      [readOnly, 'read-only token'],
    ] as const) {
      await call(operation.method, path, {
        token,
        body: operation.method === 'GET' ? undefined : '{}',
        summary,
      })
    }
    for (const id of operation.path.includes('{') ? pathIds : [])
      await call(operation.method, withId(operation.path, id), {
        body: operation.method === 'GET' ? undefined : '{}',
        summary: `id ${id}`,
      })

    if (operation.method === 'GET') {
      const values = [
        ...fc.sample(hostileText, { seed: seedFor(operation.path), numRuns: 12 }),
        ...forgedCursors,
        ...wrongNumbers,
      ]
      for (const [index, value] of values.entries()) {
        const name = operation.query.length ? operation.query[index % operation.query.length]! : 'q'
        const query = `${percentEncode(name)}=${percentEncode(value)}`
        await call('GET', `${path}?${query}`, {
          summary: `?${name}=${JSON.stringify(value.slice(0, 30))}`,
        })
      }
      await call('GET', `${path}?q=%FF%FE&status=%00&cursor=%E0%A4%A&limit=%`, {
        summary: 'raw bytes in the query',
      })
      continue
    }
    if (operation.bodyType === 'message/rfc822') {
      for (const { body, label } of hostileEmails(uniqueMarker()))
        await call('POST', path, { body, contentType: 'message/rfc822', summary: label })
      await call('POST', path, {
        body: Buffer.alloc(2 * 1024 * 1024 - 4096, 'a'),
        contentType: 'message/rfc822',
        summary: 'just under 2 MiB',
      })
      await call('POST', path, {
        body: Buffer.alloc(2 * 1024 * 1024 + 1, 'a'),
        contentType: 'message/rfc822',
        summary: 'over 2 MiB',
      })
      continue
    }
    const valid = validValue(operation.bodySchema ?? {}, '', {
      categoryId: 1,
      phone: '+31 20 123 4567',
    }) as Record<string, unknown>
    const baseline = await call('POST', path, {
      body: jsonBodyText(valid, { kind: 'mutated', mutations: [] }).text,
      summary: 'baseline',
    })
    expect(
      baseline.status,
      `${operation.method} ${path} baseline: ${baseline.body.slice(0, 200)}`,
    ).toBeLessThan(300)
    // Valid bodies whose every string carries NUL and control characters: stored, so they must
    // reach the database in a form it takes.
    for (const path of keyPaths(valid).filter(
      (keys) =>
        typeof keys.reduce<unknown>(
          (value, key) => (value as Record<string, unknown>)[key],
          valid,
        ) === 'string',
    )) {
      const body = JSON.parse(
        jsonBodyText(valid, { kind: 'mutated', mutations: [] }).text,
      ) as Record<string, unknown>
      const parent = path
        .slice(0, -1)
        .reduce<Record<string, unknown>>(
          (value, key) => value[key] as Record<string, unknown>,
          body,
        )
      const last = path.at(-1)!
      parent[last] =
        last === 'email'
          ? `nul\u0000${String(parent[last])}`
          : `${String(parent[last])} nul\u0000 bell\u0007`
      await call('POST', withId(operation.path, String(idea.id)), {
        body: JSON.stringify(body),
        summary: `NUL in ${path.join('.')}`,
      })
    }
    for (const variant of fc.sample(jsonBodyVariant, {
      seed: seedFor(operation.path),
      numRuns: 30,
    })) {
      const { text, summary } = jsonBodyText(valid, variant)
      await call('POST', path, { body: text, summary })
    }
    const text = JSON.stringify(valid)
    for (const [body, contentType, summary] of [
      [duplicateKeysText(valid), 'application/json', 'duplicate keys'],
      [text, 'text/plain', 'JSON as text/plain'],
      [text, null, 'no content type'],
      [
        new URLSearchParams({ title: 'x' }).toString(),
        'application/x-www-form-urlencoded',
        'a form',
      ],
      [Buffer.from(text, 'utf16le'), 'application/json; charset=utf-16', 'UTF-16'],
      [
        Buffer.concat([
          Buffer.from(text.slice(0, -1)),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('}'),
        ]),
        'application/json',
        'invalid UTF-8',
      ],
      [`${text}${' '.repeat(70_000)}`, 'application/json', 'over the 64 KB API limit'],
      [Buffer.alloc(2 * 1024 * 1024 + 1, ' '), 'application/json', 'over the 2 MiB server limit'],
    ] as const) {
      await call('POST', path, { body, contentType, summary })
    }
  }
  api.close()
  admin.client.close()
  author.client.close()
  expect(failures, `${failures.length} problems`).toEqual([])
})

/** A redirect stays on the site: a path that starts with one slash (never `//` or `/\`), resolving here. */
function leavesSite(location: string | undefined, base: string) {
  if (location === undefined) return 'no Location'
  const origin = new URL(base).origin
  if (!/^\/(?![/\\])/.test(location) || /[\u0000-\u001f\\]/.test(location))
    return `not a plain path: ${JSON.stringify(location)}`
  return new URL(location, base).origin === origin
    ? null
    : `leaves for ${new URL(location, base).origin}`
}

test("the vote button's JSON endpoint answers hostile requests with a 4xx JSON error, never a 5xx", async ({
  baseURL,
}) => {
  const base = baseURL!
  const voter = await signUpFresh(base, 'json-voter')
  const idea = await postOwnIdea(voter.client, {
    title: `Vote endpoint target ${uniqueMarker()}`,
    description: 'Hostile votes arrive here.',
  })
  const anonymous = new HostileClient(base)
  const failures: string[] = []
  let counted = 0
  const send = async (
    client: HostileClient,
    path: string,
    body: Buffer | string,
    {
      summary,
      contentType = 'application/x-www-form-urlencoded',
      sameOrigin = true,
    }: { summary: string; contentType?: string; sameOrigin?: boolean },
  ) => {
    const response = await client.request('POST', path, {
      body,
      headers: { Accept: 'application/json', 'Content-Type': contentType },
      sameOrigin,
    })
    const where = `POST ${path} ${summary}`
    if (response.status >= 500 || response.status === 0)
      failures.push(`${where} → ${response.status} ${response.body.slice(0, 160)}`)
    let answer: { ok?: unknown; error?: unknown } = {}
    try {
      answer = JSON.parse(response.body) as typeof answer
    } catch {
      failures.push(`${where} → ${response.status} is not JSON: ${response.body.slice(0, 120)}`)
    }
    if (response.status >= 400 && typeof answer.error !== 'string')
      failures.push(
        `${where} → ${response.status} has no error code: ${response.body.slice(0, 120)}`,
      )
    if (response.status === 200 && answer.ok === true) counted += 1
    if (leaksInternals(response.body))
      failures.push(`${where} → ${response.status} shows internals: ${response.body.slice(0, 160)}`)
    return response
  }
  const path = `/ideas/${idea.id}/vote`
  const field = (value: string | Buffer) => percentEncode(value)

  // Hostile values in each field, one at a time and together; duplicated and unknown fields.
  const values = [
    ...fc.sample(hostileText, { seed: seedFor('vote-json'), numRuns: 40 }),
    ...wrongNumbers,
    ...redirectPayloads,
  ]
  for (const [index, value] of values.entries()) {
    await send(voter.client, path, `direction=${field(value)}`, {
      summary: `direction=${JSON.stringify(value.slice(0, 30))}`,
    })
    if (index % 4 === 0)
      await send(
        voter.client,
        path,
        `direction=none&redirectTo=${field(value)}&${field(value.slice(0, 40))}=1`,
        { summary: `redirectTo=${JSON.stringify(value.slice(0, 30))}` },
      )
  }
  for (const bytes of fc.sample(invalidUtf8, { seed: seedFor('vote-json-bytes'), numRuns: 8 })) {
    await send(voter.client, path, Buffer.concat([Buffer.from('direction='), bytes]), {
      summary: `raw bytes ${bytes.toString('hex')}`,
    })
    await send(voter.client, path, `direction=${field(bytes)}`, {
      summary: `encoded bytes ${bytes.toString('hex')}`,
    })
  }
  await send(voter.client, path, 'direction=up&direction=down&direction=sideways', {
    summary: 'duplicated field',
  })
  await send(voter.client, path, '%%%&&&===', { summary: 'not urlencoded' })
  await send(voter.client, path, '{"direction":"up"}', {
    summary: 'JSON body',
    contentType: 'application/json',
  })
  await send(voter.client, path, 'direction=up', {
    summary: 'multipart claimed',
    contentType: 'multipart/form-data; boundary=x',
  })
  await send(voter.client, path, `direction=up&redirectTo=${'x'.repeat(20_000)}`, {
    summary: 'oversize body',
  })
  // Unknown and malformed ideas, nobody signed in, a forged session, a cross-site post.
  for (const id of [
    ...bogusIds.filter(Boolean).map((id) => percentEncode(id)),
    '%00',
    '..%2F..',
    '%FF',
    '1%2Fvote',
  ])
    await send(voter.client, `/ideas/${id}/vote`, 'direction=up', { summary: `idea ${id}` })
  await send(anonymous, path, 'direction=up', { summary: 'nobody signed in' })
  anonymous.cookies.set('ideabox_session', "x' or '1'='1")
  await send(anonymous, path, 'direction=up', { summary: 'forged session' })
  const crossSite = await send(voter.client, path, 'direction=up', {
    summary: 'cross-site',
    sameOrigin: false,
  })
  expect(crossSite.status).toBe(403)

  expect(failures).toEqual([])
  // And it still takes a real vote.
  const answer = await send(voter.client, path, 'direction=up', { summary: 'a real vote' })
  expect(
    answer.status === 200 || answer.status === 429,
    `a real vote: ${answer.status} ${answer.body}`,
  ).toBe(true)
  expect(counted).toBeGreaterThan(0)
})

test('redirectTo never leaves the site: sign-in, sign-up, language, votes and signed-in visits to the sign-in page', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000)
  const base = baseURL!
  const problems: string[] = []
  const check = (
    where: string,
    payload: string,
    response: { status: number; location: string | undefined },
  ) => {
    if (response.status < 300 || response.status >= 400)
      problems.push(`${where} ${JSON.stringify(payload)} → ${response.status}, expected a redirect`)
    const wrong = leavesSite(response.location, base)
    if (wrong) problems.push(`${where} ${JSON.stringify(payload)} → ${wrong}`)
  }
  const person = await signUpFresh(base, 'redirect')
  const idea = await postOwnIdea(person.client, {
    title: `Redirect target ${uniqueMarker()}`,
    description: 'Votes come back here.',
  })

  // Sign-up runs the same check as sign-in; a sample of the targets keeps the password hashing short.
  const signUpSample = new Set(redirectPayloads.filter((_, index) => index % 4 === 0))
  await inPool(redirectPayloads, 4, async (payload) => {
    // Each sign-in and sign-up from an address of its own: the per-address limits stay clear.
    const signingIn = new HostileClient(base)
    check(
      'sign-in',
      payload,
      await signingIn.postForm('/login', {
        email: person.email,
        password: person.password,
        redirectTo: payload,
      }),
    )
    // Signed in, the sign-in and sign-up pages send people on to where they were going.
    check(
      'signed-in GET /login',
      payload,
      await signingIn.get(`/login?${new URLSearchParams({ redirectTo: payload })}`),
    )
    check(
      'signed-in GET /signup',
      payload,
      await signingIn.get(`/signup?${new URLSearchParams({ redirectTo: payload })}`),
    )
    check(
      'language',
      payload,
      await signingIn.postForm('/language', { locale: 'en', redirectTo: payload }),
    )
    check(
      'vote without JavaScript',
      payload,
      await signingIn.postForm(`${idea.path}/vote`, { direction: 'none', redirectTo: payload }),
    )
    signingIn.close()
    if (!signUpSample.has(payload)) return
    const signingUp = new HostileClient(base)
    const marker = uniqueMarker()
    check(
      'sign-up',
      payload,
      await signingUp.postForm('/signup', {
        displayName: 'Rita Redirect',
        email: `redirect-${marker}@example.test`,
        password: `a sturdy passphrase ${marker}`,
        redirectTo: payload,
      }),
    )
    signingUp.close()
  })

  // In Chromium: the address bar stays on the site, whether the browser follows the redirect
  // itself (no JavaScript) or the page's script does.
  const origin = new URL(base).origin
  const context = await browser.newContext()
  const withoutScript = await browser.newContext({ javaScriptEnabled: false })
  for (const each of [context, withoutScript]) await shareSession(each, person.client)
  const page = await context.newPage()
  const plain = await withoutScript.newPage()
  // Any request the browser makes off the site is the redirect leaving it (whatever page it ends on).
  for (const each of [context, withoutScript]) {
    each.on('request', (request) => {
      if (/^https?:/.test(request.url()) && new URL(request.url()).origin !== origin)
        problems.push(`browser went to ${request.url()}`)
    })
  }
  // A navigation that fails is one that left for evil.example (which does not resolve).
  const stays = async (where: string, viewer: Page, navigate: () => Promise<unknown>) => {
    try {
      await navigate()
      await viewer.waitForLoadState()
      if (new URL(viewer.url()).origin !== origin) problems.push(`${where} → ${viewer.url()}`)
    } catch (error) {
      problems.push(`${where} → ${(error as Error).message.split('\n')[0]}`)
    }
  }
  for (const payload of [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    '/%09/evil.example',
  ]) {
    await stays(`browser, signed in, /login?redirectTo=${payload}`, page, () =>
      page.goto(`/login?${new URLSearchParams({ redirectTo: payload })}`),
    )
    // The language switcher posts its hidden redirectTo; a tampered one must not take the page away.
    await plain.goto('/ideas')
    await plain
      .locator('form[action="/language"] input[name="redirectTo"]')
      .evaluate((input, value) => ((input as HTMLInputElement).value = value), payload)
    await stays(`browser, language switch with redirectTo=${payload}`, plain, () =>
      plain.getByRole('button', { name: 'Nederlands' }).click(),
    )
    await plain.goto('/ideas')
    await plain.getByRole('button', { name: 'English' }).click()
  }
  await withoutScript.close()
  await context.close()
  person.client.close()
  expect(problems).toEqual([])
})

/** The free failures of a sign-in rule in app/domain/rate-limits/failure-delays.rules.ts, read from the source (the test process has no app modules). */
function freeFailures(name: string) {
  const rule = Object.values(signInDelayRules).find((candidate) => candidate.name === name)
  expect(rule?.freeFailures, `the ${name} rule in failure-delays.rules.ts`).toBeGreaterThan(0)
  return rule!.freeFailures
}

test('the sign-in limits hold under bursts of parallel attempts, and then slow down the right password from an unknown device too', async ({
  baseURL,
}) => {
  test.setTimeout(90_000)
  const base = baseURL!
  // Failures count per account (from devices that never signed in to it) and per address.
  const perAccount = freeFailures('sign-in-failures:account')
  const perAddress = freeFailures('sign-in-failures:address')
  const person = await signUpFresh(base, 'burst')
  person.client.close()

  // One account, 40 attempts at once from 40 addresses, the email in different cases.
  const attempts = 40
  const emails = [
    person.email,
    person.email.toUpperCase(),
    ` ${person.email} `,
    person.email.replace(/^./, (c) => c.toUpperCase()),
  ]
  const burst = await Promise.all(
    Array.from({ length: attempts }, async (_, index) => {
      const client = new HostileClient(base)
      const response = await client.postForm('/login', {
        email: emails[index % emails.length]!,
        password: `wrong password ${index}`,
      })
      client.close()
      return response.status
    }),
  )
  const evaluated = burst.filter((status) => status === 400).length
  const refused = burst.filter((status) => status === 429).length
  expect(
    { evaluated, refused, other: attempts - evaluated - refused },
    `statuses: ${burst.join(',')}`,
  ).toEqual({ evaluated: perAccount, refused: attempts - perAccount, other: 0 })
  const rightPassword = new HostileClient(base)
  const locked = await rightPassword.postForm('/login', {
    email: person.email,
    password: person.password,
  })
  expect(locked.status).toBe(429)
  expect(locked.body).toContain('Too many attempts')
  expect(rightPassword.cookies.size, 'no session for a refused sign-in').toBe(0)
  rightPassword.close()

  // One address, 40 attempts at once at 40 different accounts: the per-address limit holds too.
  const attacker = new HostileClient(base)
  const sweep = await Promise.all(
    Array.from({ length: attempts }, (_, index) =>
      attacker
        .postForm('/login', {
          email: `nobody-${index}-${uniqueMarker()}@example.test`,
          password: 'guess',
        })
        .then((response) => response.status),
    ),
  )
  expect(
    {
      evaluated: sweep.filter((status) => status === 400).length,
      refused: sweep.filter((status) => status === 429).length,
    },
    `statuses: ${sweep.join(',')}`,
  ).toEqual({ evaluated: perAddress, refused: attempts - perAddress })
  attacker.close()
})
