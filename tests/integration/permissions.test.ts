// The permission matrix: every back-office route's loader and action, called as every kind of
// person. The route list is read from app/routes, so a new /admin route is covered the day it is
// added (and fails here until its rule is written down below).
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { suspendPerson } from '#app/domain/accounts/people.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { saveUpdate } from '#app/domain/updates/updates.server'
import { createTestIdea, createTestUser } from '#tests/factories'
import { makeContext, makeRequest, settle } from '#tests/setup/request'

const ROUTES_DIR = path.resolve('app/routes')
const adminRoutes = readdirSync(ROUTES_DIR)
  .filter((file) => /^admin(\.|$)/.test(file) && /\.tsx?$/.test(file))
  .sort()

/** Who may use each route: staff (the frame), the product team, marketers (updates), or admins only. */
const rules: Record<string, Rule> = {
  'admin.tsx': 'staff',
  'admin.updates._index.tsx': 'updates',
  'admin.updates.$updateId.tsx': 'updates',
  'admin.mail.tsx': 'admin',
  'admin.intake.tsx': 'intake',
  'admin.promises.tsx': 'admin',
  'admin.api.tsx': 'admin',
  'admin.webhooks.tsx': 'admin',
  'admin.insights.tsx': 'team',
  'admin.insights[.]csv.ts': 'team',
  'admin._index.tsx': 'team',
  'admin.ideas._index.tsx': 'team',
  'admin.ideas.$ideaId.tsx': 'team',
  'admin.ideas.$ideaId.voters[.]csv.ts': 'team',
  'admin.approvals.tsx': 'team',
  'admin.reports.tsx': 'team',
  'admin.people._index.tsx': 'team',
  'admin.people.$userId.tsx': 'team',
  'admin.tags.tsx': 'team',
  'admin.settings.tsx': 'admin',
  'admin.audit.tsx': 'admin',
}

const people = ['visitor', 'customer', 'agent', 'marketer', 'moderator', 'admin', 'suspended moderator'] as const
type Person = (typeof people)[number]

type Rule = 'staff' | 'team' | 'updates' | 'intake' | 'admin'

const allowed = (rule: Rule, person: Person) =>
  ({
    staff: ['agent', 'moderator', 'marketer', 'admin'],
    intake: ['agent', 'moderator', 'admin'],
    team: ['moderator', 'admin'],
    updates: ['marketer', 'admin'],
    admin: ['admin'],
  })[rule].includes(person)

type RouteModule = { loader?: (args: never) => Promise<unknown>; action?: (args: never) => Promise<unknown> }

/** What came back: a status for thrown/returned Responses and data(), 200 for plain data. */
function statusOf(result: unknown) {
  if (result instanceof Response) return result.status
  if (result && typeof result === 'object' && 'init' in result) return (result as { init?: { status?: number } | null }).init?.status ?? 200
  if (result instanceof Error) throw result
  return 200
}

describe('back-office permission matrix', () => {
  const cookies = new Map<Person, string | undefined>()
  let params: Record<string, string> = {}

  beforeAll(async () => {
    cookies.set('visitor', undefined)
    for (const person of ['customer', 'agent', 'marketer', 'moderator', 'admin'] as const) {
      const user = await createTestUser({ role: person, password: null })
      cookies.set(person, (await startSession(user.id)).cookie.split(';')[0])
    }
    const suspended = await createTestUser({ role: 'moderator', password: null })
    const admin = await createTestUser({ role: 'admin', password: null })
    const session = await startSession(suspended.id)
    await suspendPerson({ actor: admin, userId: suspended.id, days: 7, reason: 'Matrix test' })
    cookies.set('suspended moderator', session.cookie.split(';')[0])
    const idea = await createTestIdea()
    const someone = await createTestUser({ password: null })
    const update = await saveUpdate({ actor: { id: someone.id, role: 'admin' }, title: 'Matrix update', summary: '', body: 'Body' })
    params = { ideaId: String(idea.id), userId: String(someone.id), updateId: String(update.ok ? update.id : 0) }
  })

  it('knows a rule for every back-office route', () => {
    expect(adminRoutes.length).toBeGreaterThan(5)
    expect(adminRoutes.filter((file) => !(file in rules))).toEqual([])
  })

  for (const file of Object.keys(rules)) {
    for (const person of people) {
      it(`${file} × ${person}`, async () => {
        const module = (await import(`#app/routes/${file.replace(/\.tsx?$/, '')}`)) as RouteModule
        const rule = rules[file]!
        const pathname = `/${file.replace(/\.tsx?$/, '').replace(/\._index$/, '').replace(/\./g, '/').replace('$ideaId', params.ideaId!).replace('$userId', params.userId!).replace('$updateId', params.updateId!)}`
        const cookie = cookies.get(person)
        const calls: [string, (args: never) => Promise<unknown>, Request][] = []
        if (module.loader) calls.push(['loader', module.loader, makeRequest({ path: pathname, cookie })])
        // An intent nobody sends: an allowed person gets a 400, never a change.
        if (module.action) calls.push(['action', module.action, makeRequest({ path: pathname, method: 'POST', form: { intent: 'matrix-probe' }, cookie })])
        expect(calls.length).toBeGreaterThan(0)
        for (const [kind, handler, request] of calls) {
          const result = await settle(() => handler({ request, params, context: makeContext() } as never))
          const status = statusOf(result)
          const signInRedirect = result instanceof Response && status === 302 && (result.headers.get('Location') ?? '').startsWith('/login')
          if (allowed(rule, person)) {
            expect(status, `${kind} as ${person}`).not.toBe(403)
            expect(signInRedirect, `${kind} as ${person}`).toBe(false)
            expect(status, `${kind} as ${person}`).toBeLessThan(500)
          } else if (person === 'visitor' || person === 'suspended moderator') {
            expect(signInRedirect, `${kind} as ${person} goes to sign in (got ${status})`).toBe(true)
          } else {
            expect(status, `${kind} as ${person}`).toBe(403)
          }
        }
      })
    }
  }
})
