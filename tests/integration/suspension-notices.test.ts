// Suspending, banning and lifting on a person's page (/admin/people/:id), as the form posts them: the
// answer is a redirect back to the page with a one-time notice (utils/notices.ts), and the page it
// leads to tells the moderator what happened, in their language, and whether the person was told by
// email: an account's holder is, a captured customer (decision 016) is not.
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { auditLog, users } from '#app/db/schema'
import { createTestIdea, createTestUser, unique } from '#app/demo/factories.server'
import { type Locale, roles } from '#app/domain/accounts/accounts.rules'
import { startSession } from '#app/domain/accounts/sessions.server'
import { findOrCaptureCustomer } from '#app/domain/intake/intake.server'
import * as personPage from '#app/routes/admin.people.$userId'
import { translator } from '#app/utils/i18n/i18n'
import { appBuild, pageReader, pageText } from '#tests/setup/app-build'
import { readingIn } from '#tests/setup/language'
import { cookieFrom, makeContext, settle } from '#tests/setup/request'

const reader = pageReader(
  appBuild([
    { id: 'routes/admin.people.$userId', path: 'admin/people/:userId', module: personPage },
  ]),
)

let cookie = ''
let adminCookie = ''
beforeAll(async () => {
  const moderator = await createTestUser({ role: 'moderator', password: null })
  cookie = cookieFrom((await startSession(moderator.id)).cookie)
  const admin = await createTestUser({ role: 'admin', password: null })
  adminCookie = cookieFrom((await startSession(admin.id)).cookie)
})

/** The person's page's form, posted as a browser without JavaScript posts it: the redirect's target. */
async function press(userId: number, fields: Record<string, string>, as = cookie) {
  const answer = (await settle(() =>
    personPage.action({
      request: new Request(`http://localhost/admin/people/${userId}`, {
        method: 'POST',
        headers: { Cookie: as, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      }),
      params: { userId: String(userId) },
      context: makeContext(),
    }),
  )) as Response
  expect(answer.status).toBe(303)
  return answer.headers.get('Location')!
}

/** The page the redirect leads to, in `locale`: its notice, and nothing else said about it. */
async function noticeOn(location: string, locale: Locale, as = cookie) {
  const { status, html } = await reader.page(location, await readingIn(as, locale))
  expect(status, location).toBe(200)
  const notices = [...html.matchAll(/<p class="notice" role="status">(.*?)<\/p>/gs)]
  expect(notices, 'one notice').toHaveLength(1)
  return pageText(notices[0]![1]!)
}

const accountHolder = () => createTestUser({ password: null })
async function capturedCustomer() {
  await createTestIdea()
  const captured = await findOrCaptureCustomer({
    customer: { email: `${unique('caller')}@example.test`, name: 'Caller', phone: '' },
  })
  return (await db().select().from(users).where(eq(users.id, captured.id)))[0]!
}

const cases = [
  { who: 'an account holder', person: accountHolder, told: true },
  { who: 'a captured customer', person: capturedCustomer, told: false },
] as const

describe('the moderator is told what a suspension, a ban or lifting one did', () => {
  for (const { who, person, told } of cases) {
    for (const locale of ['en', 'nl'] as const) {
      const t = translator(locale)
      const key = (done: 'suspend' | 'ban' | 'lift') =>
        `admin.people.done.${done}${told ? 'Told' : ''}` as const

      it(`suspended and lifted: ${who} (${locale})`, async () => {
        const target = await person()
        const suspended = await press(target.id, {
          intent: 'suspend',
          days: '7',
          reason: 'Posting the same advert again',
        })
        expect(suspended).toBe(`/admin/people/${target.id}?notice=${key('suspend')}`)
        expect(await noticeOn(suspended, locale)).toBe(t(key('suspend')))

        const lifted = await press(target.id, { intent: 'lift' })
        expect(lifted).toBe(`/admin/people/${target.id}?notice=${key('lift')}`)
        expect(await noticeOn(lifted, locale)).toBe(t(key('lift')))
      })

      it(`banned and lifted: ${who} (${locale})`, async () => {
        const target = await person()
        const banned = await press(target.id, { intent: 'suspend', days: 'ban', reason: 'Threats' })
        expect(banned).toBe(`/admin/people/${target.id}?notice=${key('ban')}`)
        expect(await noticeOn(banned, locale)).toBe(t(key('ban')))
        const lifted = await press(target.id, { intent: 'lift' })
        expect(await noticeOn(lifted, locale)).toBe(t(key('lift')))
      })
    }
  }

  it('says so in both languages, and says a person told by email is told', () => {
    for (const done of ['suspend', 'ban', 'lift'] as const) {
      const [en, nl] = [translator('en'), translator('nl')]
      expect(en(`admin.people.done.${done}`)).not.toBe(nl(`admin.people.done.${done}`))
      expect(en(`admin.people.done.${done}Told`)).toMatch(/by email/)
      expect(nl(`admin.people.done.${done}Told`)).toMatch(/per e-mail/)
      expect(en(`admin.people.done.${done}`)).not.toMatch(/email/)
      expect(nl(`admin.people.done.${done}`)).not.toMatch(/e-mail/)
    }
  })
})

describe('the admin is told what a role change did', () => {
  for (const locale of ['en', 'nl'] as const) {
    it(`names the new role, from the person's next page on (${locale})`, async () => {
      const t = translator(locale)
      const person = await accountHolder()
      for (const role of [...roles.filter((role) => role !== 'customer'), 'customer'] as const) {
        const changed = await press(person.id, { intent: 'role', role }, adminCookie)
        expect(changed).toBe(`/admin/people/${person.id}?notice=admin.people.done.role.${role}`)
        const notice = await noticeOn(changed, locale, adminCookie)
        expect(notice).toBe(t(`admin.people.done.role.${role}`))
        expect(notice).toContain(t(`role.${role}`))
        const [row] = await db()
          .select({ role: users.role })
          .from(users)
          .where(eq(users.id, person.id))
        expect(row!.role).toBe(role)
      }
    })

    it(`says when nothing changed, and changes nothing (${locale})`, async () => {
      const person = await accountHolder()
      const audited = async () =>
        (await db().select().from(auditLog).where(eq(auditLog.targetId, person.id))).filter(
          (row) => row.action === 'user.role',
        ).length
      const unchanged = await press(person.id, { intent: 'role', role: 'customer' }, adminCookie)
      expect(unchanged).toBe(`/admin/people/${person.id}?notice=admin.people.done.roleUnchanged`)
      expect(await noticeOn(unchanged, locale, adminCookie)).toBe(
        translator(locale)('admin.people.done.roleUnchanged'),
      )
      expect(await audited()).toBe(0)
    })
  }

  it('says so in both languages', () => {
    for (const key of [
      ...roles.map((role) => `admin.people.done.role.${role}` as const),
      'admin.people.done.roleUnchanged' as const,
    ]) {
      expect(translator('en')(key)).not.toBe(translator('nl')(key))
    }
  })
})
