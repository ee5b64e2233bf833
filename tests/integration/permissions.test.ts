// The permission matrix: every back-office and account route's loader and action, called as every
// kind of person. The route list is read from app/routes, so a new /admin or /account route is
// covered the day it is added (and fails here until its rule is written down below).
import { readdirSync } from 'node:fs'
import path from 'node:path'

import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { users } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import {
  backOfficeHome,
  type PersonAction,
  personActions,
  type Role,
  roles,
} from '#app/domain/accounts/accounts.rules'
import { suspendPerson } from '#app/domain/accounts/people.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { saveUpdate } from '#app/domain/updates/updates.server'
import { action as personAction } from '#app/routes/admin.people.$userId'
import { makeContext, makeRequest, settle, statusOf } from '#tests/setup/request'

const ROUTES_DIR = path.resolve('app/routes')
const guardedRoutes = readdirSync(ROUTES_DIR)
  .filter((file) => /^(admin|account)(\.|$)/.test(file) && /\.tsx?$/.test(file))
  .sort()

/**
 * Who may use each route: anyone signed in (their own account), staff (the frame), the product
 * team, marketers (updates), or admins only.
 */
const rules: Record<string, Rule> = {
  'account.tsx': 'member',
  'account._index.tsx': 'member',
  'account.security.tsx': 'member',
  'account.notifications.tsx': 'member',
  'account.sessions.tsx': 'member',
  'account.data.tsx': 'member',
  'account.data.download.ts': 'member',
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
  'admin._index.tsx': 'team, others home',
  'admin.ideas._index.tsx': 'team',
  'admin.ideas.$ideaId.tsx': 'team',
  'admin.ideas.$ideaId.voters[.]csv.ts': 'team',
  'admin.approvals.tsx': 'team',
  'admin.reports.tsx': 'team',
  'admin.people._index.tsx': 'team',
  'admin.people.$userId.tsx': 'team',
  'admin.tags.tsx': 'team',
  'admin.settings.tsx': 'admin',
  'admin.audit.tsx': 'team',
}

const people = [
  'visitor',
  'customer',
  'agent',
  'marketer',
  'moderator',
  'admin',
  'suspended moderator',
] as const
type Person = (typeof people)[number]

type Rule = 'member' | 'staff' | 'team' | 'team, others home' | 'updates' | 'intake' | 'admin'

const allowed = (rule: Rule, person: Person) =>
  ({
    member: ['customer', 'agent', 'moderator', 'marketer', 'admin'],
    staff: ['agent', 'moderator', 'marketer', 'admin'],
    intake: ['agent', 'moderator', 'admin'],
    team: ['moderator', 'admin'],
    // The back office's address: the rest of the staff are sent to where their work starts.
    'team, others home': ['moderator', 'admin'],
    updates: ['marketer', 'admin'],
    admin: ['admin'],
  })[rule].includes(person)

type RouteModule = {
  loader?: (args: never) => Promise<unknown>
  action?: (args: never) => Promise<unknown>
}

describe('back-office and account permission matrix', () => {
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
    const update = await saveUpdate({
      actor: { id: someone.id, role: 'admin' },
      title: 'Matrix update',
      summary: '',
      body: 'Body',
    })
    params = {
      ideaId: String(idea.id),
      userId: String(someone.id),
      updateId: String(update.ok ? update.id : 0),
    }
  })

  it('knows a rule for every back-office and account route', () => {
    expect(guardedRoutes.length).toBeGreaterThan(5)
    expect(guardedRoutes.filter((file) => !(file in rules))).toEqual([])
  })

  for (const file of Object.keys(rules)) {
    for (const person of people) {
      it(`${file} × ${person}`, async () => {
        const module = (await import(`#app/routes/${file.replace(/\.tsx?$/, '')}`)) as RouteModule
        const rule = rules[file]!
        const pathname = `/${file
          .replace(/\.tsx?$/, '')
          .replace(/\._index$/, '')
          .replace(/\./g, '/')
          .replace('$ideaId', params.ideaId!)
          .replace('$userId', params.userId!)
          .replace('$updateId', params.updateId!)}`
        const cookie = cookies.get(person)
        const calls: [string, (args: never) => Promise<unknown>, Request][] = []
        if (module.loader)
          calls.push(['loader', module.loader, makeRequest({ path: pathname, cookie })])
        // An intent nobody sends: an allowed person gets a 400, never a change.
        if (module.action)
          calls.push([
            'action',
            module.action,
            makeRequest({
              path: pathname,
              method: 'POST',
              form: { intent: 'matrix-probe' },
              cookie,
            }),
          ])
        expect(calls.length).toBeGreaterThan(0)
        for (const [kind, handler, request] of calls) {
          const result = await settle(() =>
            handler({ request, params, context: makeContext() } as never),
          )
          const status = statusOf(result)
          const signInRedirect =
            result instanceof Response &&
            status === 302 &&
            (result.headers.get('Location') ?? '').startsWith('/login')
          if (allowed(rule, person)) {
            expect(status, `${kind} as ${person}`).not.toBe(403)
            expect(signInRedirect, `${kind} as ${person}`).toBe(false)
            expect(status, `${kind} as ${person}`).toBeLessThan(500)
          } else if (
            rule === 'team, others home' &&
            kind === 'loader' &&
            (person === 'agent' || person === 'marketer')
          ) {
            expect(status, `${kind} as ${person}`).toBe(302)
            const home = (result as Response).headers.get('Location')
            expect(home).toBe(backOfficeHome(person))
            // …and that page is theirs.
            const route = home!.slice(1).replace(/\//g, '.')
            const target = Object.entries(rules).find(([file]) =>
              [`${route}.tsx`, `${route}._index.tsx`].includes(file),
            )
            expect(target && allowed(target[1], person), home!).toBe(true)
          } else if (person === 'visitor' || person === 'suspended moderator') {
            expect(signInRedirect, `${kind} as ${person} goes to sign in (got ${status})`).toBe(
              true,
            )
          } else {
            expect(status, `${kind} as ${person}`).toBe(403)
          }
        }
      })
    }
  }
})

// Every action on a person's account (accounts.rules.ts `personActions`), sent through the person
// page as every role, to a person of every role. Written out here, not derived from the rule: the
// team (moderators, admins) acts on customers; only admins act on staff and on roles.
describe('person actions: action × actor role × target role', () => {
  const mayExpect = (action: PersonAction, actor: Role, target: Role) =>
    actor === 'admin' || (actor === 'moderator' && target === 'customer' && action !== 'role')

  /** The form that asks for each action, the state the target needs first, and whether it happened. */
  type Row = { role: Role; suspendedUntil: Date | null; bannedAt: Date | null }
  const cases = {
    role: {
      form: (target: Role) => ({
        intent: 'role',
        role: target === 'customer' ? 'agent' : 'customer',
      }),
      before: {},
      happened: (before: Row, after: Row) => after.role !== before.role,
    },
    suspend: {
      form: () => ({ intent: 'suspend', days: '7', reason: 'Matrix suspension' }),
      before: {},
      happened: (_: Row, after: Row) => after.suspendedUntil !== null,
    },
    ban: {
      form: () => ({ intent: 'suspend', days: 'ban', reason: 'Matrix ban' }),
      before: {},
      happened: (_: Row, after: Row) => after.bannedAt !== null,
    },
    lift: {
      form: () => ({ intent: 'lift' }),
      before: { bannedAt: new Date(), suspensionReason: 'Banned before the test' },
      happened: (_: Row, after: Row) => after.bannedAt === null,
    },
  } satisfies Record<PersonAction, unknown>

  const actors = new Map<Role, string>()
  beforeAll(async () => {
    for (const role of roles) {
      const user = await createTestUser({ role, password: null })
      actors.set(role, (await startSession(user.id)).cookie.split(';')[0]!)
    }
  })

  const row = async (id: number) =>
    (
      await db()
        .select({
          role: users.role,
          suspendedUntil: users.suspendedUntil,
          bannedAt: users.bannedAt,
        })
        .from(users)
        .where(eq(users.id, id))
    )[0]!

  for (const action of personActions) {
    for (const actorRole of roles) {
      it(`${action} as ${actorRole} on every role`, async () => {
        for (const targetRole of roles) {
          const target = await createTestUser({ role: targetRole, password: null })
          const setup = cases[action]
          if (Object.keys(setup.before).length)
            await db().update(users).set(setup.before).where(eq(users.id, target.id))
          const before = await row(target.id)
          const request = makeRequest({
            path: `/admin/people/${target.id}`,
            method: 'POST',
            form: setup.form(targetRole),
            cookie: actors.get(actorRole),
          })
          const result = await settle(() =>
            personAction({
              request,
              params: { userId: String(target.id) },
              context: makeContext(),
            } as never),
          )
          const after = await row(target.id)
          const label = `${action} by ${actorRole} on ${targetRole}`
          if (mayExpect(action, actorRole, targetRole)) {
            expect(statusOf(result), label).toBe(303)
            expect(setup.happened(before, after), label).toBe(true)
          } else {
            expect(statusOf(result), label).toBe(403)
            expect(after, label).toEqual(before)
          }
        }
      })
    }
  }

  it('refuses every action on oneself, for admins too', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    const cookie = (await startSession(admin.id)).cookie.split(';')[0]!
    for (const action of personActions) {
      const request = makeRequest({
        path: `/admin/people/${admin.id}`,
        method: 'POST',
        form: cases[action].form('admin'),
        cookie,
      })
      const result = await settle(() =>
        personAction({
          request,
          params: { userId: String(admin.id) },
          context: makeContext(),
        } as never),
      )
      expect(statusOf(result), action).toBe(409)
      expect((await row(admin.id)).role).toBe('admin')
    }
  })
})
