// /admin/promises: each intent is its own command; one it does not know answers 400 on the page.
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { holidays } from '#app/db/schema'
import { createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { action } from '#app/routes/admin.promises'
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
})
