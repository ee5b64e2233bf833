// @mentions in an idea's internal notes, for every role: only people who can open the notes are
// notified (and their email and notification open the notes for them), the writer is told which
// mentions reached no one, the mention email says why it came, and the note form offers exactly
// the colleagues who can be mentioned.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { notifications } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { roles } from '#app/domain/accounts/accounts.rules'
import { startSession } from '#app/domain/accounts/sessions.server'
import { mayBeMentioned, mentionNotices } from '#app/domain/triage/triage.rules'
import * as adminLayout from '#app/routes/admin'
import * as adminIdea from '#app/routes/admin.ideas.$ideaId'
import { translator } from '#app/utils/i18n/i18n'
import { latestEmailFor } from '#tests/setup/emails'
import { remixHandler } from '#tests/setup/remix-handler'
import { makeContext, makeRequest } from '#tests/setup/request'

const handle = remixHandler({
  'routes/admin': { path: 'admin', module: adminLayout },
  'routes/admin.ideas.$ideaId': {
    path: 'ideas/:ideaId',
    parentId: 'routes/admin',
    module: adminIdea,
  },
})
const cookieOf = async (userId: number) => (await startSession(userId)).cookie.split(';')[0]!

describe('an @mention in a note', () => {
  for (const role of roles) {
    it(`of a ${role}`, async () => {
      const [writer, named, idea] = await Promise.all([
        createTestUser({ role: 'moderator', password: null, displayName: 'Wanda Writer' }),
        createTestUser({ role, password: null }),
        createTestIdea(),
      ])
      const writerCookie = await cookieOf(writer.id)
      // The form, as a browser without JavaScript posts it.
      const saved = await handle(
        makeRequest({
          path: `/admin/ideas/${idea.id}`,
          method: 'POST',
          cookie: writerCookie,
          form: { intent: 'note', body: `Please look, @${named.handle}.` },
        }),
      )
      expect(saved.status).toBe(303)
      const location = saved.headers.get('Location')!
      const page = (await adminIdea.loader({
        request: makeRequest({ path: location.replace(/#.*$/, ''), cookie: writerCookie }),
        params: { ideaId: String(idea.id) },
        context: makeContext(),
      })) as {
        unreached: string[]
        team: { handle: string }[]
      }
      const notified = await db()
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, named.id), eq(notifications.type, 'mention')))

      // The colleagues offered while writing are the ones a mention reaches.
      expect(page.team.some((member) => member.handle === named.handle)).toBe(mayBeMentioned(role))
      if (!mayBeMentioned(role)) {
        expect(notified).toHaveLength(0)
        expect(page.unreached).toEqual([named.handle.toLowerCase()])
        return
      }
      expect(page.unreached).toEqual([])
      expect(notified).toHaveLength(1)
      const message = await latestEmailFor(named, 'mention')
      expect(message.text).toContain('because Wanda Writer mentioned you')
      expect(message.text).not.toContain('follow or voted')
      // The email's link opens the notes for the person mentioned.
      const link = /https?:\/\/\S+\/admin\/ideas\/\d+/.exec(message.text)![0]
      const opened = await handle(
        makeRequest({ path: new URL(link).pathname, cookie: await cookieOf(named.id) }),
      )
      expect(opened.status).toBe(200)
    })
  }

  it('of a handle nobody has says no one is called that (not that they cannot see notes), and several at once each once', async () => {
    const [writer, colleague, customer, idea] = await Promise.all([
      createTestUser({ role: 'admin', password: null }),
      createTestUser({ role: 'moderator', password: null }),
      createTestUser({ role: 'customer', password: null }),
      createTestIdea(),
    ])
    const cookie = await cookieOf(writer.id)
    const saved = await handle(
      makeRequest({
        path: `/admin/ideas/${idea.id}`,
        method: 'POST',
        cookie,
        form: {
          intent: 'note',
          body: `@nobody-here-at-all and @${colleague.handle}, @${customer.handle} and @nobody-here-at-all again`,
        },
      }),
    )
    const location = new URL(saved.headers.get('Location')!, 'http://localhost')
    expect(location.searchParams.get('unknown')).toBe('nobody-here-at-all')
    expect(location.searchParams.get('unreached')).toBe(customer.handle.toLowerCase())
    const page = (await adminIdea.loader({
      request: makeRequest({ path: `${location.pathname}${location.search}`, cookie }),
      params: { ideaId: String(idea.id) },
      context: makeContext(),
    })) as {
      unknown: string[]
      unreached: string[]
    }
    expect(page.unknown).toEqual(['nobody-here-at-all'])
    expect(page.unreached).toEqual([customer.handle.toLowerCase()])
    // What the notes panel says for each (mentionNotices: one sentence per handle).
    expect(mentionNotices(translator('en'), page)).toEqual([
      'No one is called @nobody-here-at-all; nobody was notified.',
      `@${customer.handle.toLowerCase()} cannot see this idea’s notes and was not notified.`,
    ])
    expect(mentionNotices(translator('nl'), page)[0]).toBe(
      'Niemand heet @nobody-here-at-all; er is niemand ingelicht.',
    )
  })
})
