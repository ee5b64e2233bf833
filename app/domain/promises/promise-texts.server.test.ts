// /admin/promises with real Requests: the admin sets days only; the published text follows them.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { promises } from '#app/db/schema'
import { createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { action } from '#app/routes/admin.promises'
import { loader as publicLoader } from '#app/routes/promises'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

describe('promise texts follow their days', () => {
  it('a channel promise added and changed by its days alone publishes matching text in English and Dutch', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    const cookie = cookieFrom((await startSession(admin.id)).cookie)
    const post = async (form: Record<string, string>) =>
      (await settle(() =>
        action({
          request: makeRequest({ path: '/admin/promises', method: 'POST', form, cookie }),
          params: {},
          context: makeContext(),
        }),
      )) as Response
    expect((await post({ intent: 'promise-add', channel: 'chat', targetDays: '3' })).status).toBe(
      303,
    )
    const [row] = await db()
      .select()
      .from(promises)
      .where(and(eq(promises.kind, 'first-response'), eq(promises.channel, 'chat')))
    expect(row).toMatchObject({
      targetDays: 3,
      textEn: 'Chat: every idea gets a first response within 3 working days.',
      textNl: 'Chat: elk idee krijgt binnen 3 werkdagen een eerste reactie.',
    })

    // Text fields sent by an old form are ignored: the words cannot disagree with the days.
    expect(
      (
        await post({
          intent: 'promise',
          id: String(row!.id),
          targetDays: '1',
          active: 'on',
          textEn: 'Within 9 days',
          textNl: 'Binnen 9 dagen',
        })
      ).status,
    ).toBe(303)
    const [changed] = await db().select().from(promises).where(eq(promises.id, row!.id))
    expect(changed).toMatchObject({
      targetDays: 1,
      textEn: 'Chat: every idea gets a first response within 1 working day.',
      textNl: 'Chat: elk idee krijgt binnen 1 werkdag een eerste reactie.',
    })

    const page = await publicLoader({
      request: makeRequest({ path: '/promises' }),
      params: {},
      context: makeContext(),
    })
    expect(page.promises.find((promise) => promise.id === row!.id)).toMatchObject({
      kind: 'first-response',
      channel: 'chat',
      targetDays: 1,
    })
    await db().delete(promises).where(eq(promises.id, row!.id))
  })
})
