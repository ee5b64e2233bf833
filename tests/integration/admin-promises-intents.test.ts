// /admin/promises: each intent is its own command; one it does not know answers 400 on the page.
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { holidays } from '#app/db/schema'
import { createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { listPromises } from '#app/domain/promises/promises.server'
import { action } from '#app/routes/admin.promises'
import { type MessageKey, translator } from '#app/utils/i18n/i18n'
import { cookieFrom, makeContext, makeRequest, settle, statusOf } from '#tests/setup/request'

let cookie = ''

beforeAll(async () => {
  const admin = await createTestUser({ role: 'admin', password: null })
  cookie = cookieFrom((await startSession(admin.id)).cookie)
})

const post = (form: Record<string, string>) =>
  settle(() =>
    action({
      request: makeRequest({ path: '/admin/promises', method: 'POST', form, cookie }),
      params: {},
      context: makeContext(),
    } as never),
  )

describe('the promises action', () => {
  const unknownIntents: Record<string, string>[] = [
    {},
    { intent: 'holiday' },
    { intent: 'hasOwnProperty' },
  ]
  it.each(unknownIntents)('answers 400 to the intent in %o', async (form) => {
    const answer = await post(form)
    expect(statusOf(answer)).toBe(400)
    expect(answer).toMatchObject({ data: { formError: 'error.badRequestText' } })
  })

  it('adds and removes a holiday by its two intents', async () => {
    const day = '2031-12-26'
    expect(statusOf(await post({ intent: 'holiday-add', day, name: 'Boxing Day' }))).toBe(303)
    expect(
      (await db().select().from(holidays).where(eq(holidays.day, day))).map((row) => row.name),
    ).toEqual(['Boxing Day'])
    expect(statusOf(await post({ intent: 'holiday-remove', day }))).toBe(303)
    expect(await db().select().from(holidays).where(eq(holidays.day, day))).toEqual([])
  })

  it('refuses a calendar without working days, at its form', async () => {
    const answer = await post({
      intent: 'calendar',
      timeZone: 'Europe/Amsterdam',
      dayStart: '09:00',
      dayEnd: '17:00',
    })
    expect(statusOf(answer)).toBe(400)
    expect(answer).toMatchObject({
      data: { form: 'calendar-', fieldErrors: { workingDay: ['admin.promises.daysRequired'] } },
    })
  })

  // Every days field on the page is shown only where a number is needed (a declined idea's reason
  // has none and posts no field): the message must not offer leaving it empty.
  it('asks for the number a target needs when its days are left empty, and says only that', async () => {
    const withDays = (await listPromises()).filter((promise) => promise.kind !== 'declined-reason')
    expect(withDays.length).toBeGreaterThan(0)
    const answers = [
      ...(await Promise.all(
        withDays.map((promise) =>
          post({ intent: 'promise', id: String(promise.id), targetDays: '', active: 'on' }),
        ),
      )),
      await post({ intent: 'promise-add', channel: 'phone', targetDays: '' }),
    ]
    for (const answer of answers) {
      expect(statusOf(answer)).toBe(400)
      const [key] = (answer as { data: { fieldErrors: { targetDays: MessageKey[] } } }).data
        .fieldErrors.targetDays
      expect(translator('en')(key!)).toBe('Use a whole number from 1 to 365.')
      expect(translator('nl')(key!)).toBe('Gebruik een heel getal van 1 tot 365.')
    }
  })
})
