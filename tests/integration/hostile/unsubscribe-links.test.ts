// Every kind of email we send (the registry `emails` in mail/emails.server.ts), rendered for a recipient: the
// unsubscribe link in its body and its List-Unsubscribe header are requested like a mail client and
// a person would, and the person's preference changes. A kind that cannot be switched off links to
// a page that says so, with its way to the settings; an email answering the person's own request
// has no unsubscribe link at all.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { notificationPreferences, type NotificationType, notificationTypes } from '#app/db/schema'
import { createTestIdea, createTestUser, unique } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import {
  type DirectEmailKind,
  type EmailKind,
  emails,
  preferenceOf,
} from '#app/domain/mail/emails.server'
import { notify } from '#app/domain/notifications/notifications.server'
import { getPreferences } from '#app/domain/notifications/preferences.server'
import { loader as settingsLoader } from '#app/routes/account.notifications'
import { action as oneClickAction } from '#app/routes/api.unsubscribe'
import { action as pageAction, loader as pageLoader } from '#app/routes/unsubscribe'
import { directEmails, latestEmailFor, type Recipient } from '#tests/setup/emails'
import { makeContext, makeRequest, settle } from '#tests/setup/request'

async function emailFor(kind: EmailKind, person: Recipient) {
  if ((notificationTypes as readonly string[]).includes(kind)) {
    const idea = await createTestIdea()
    await notify({
      type: kind as NotificationType,
      ideaId: idea.id,
      payload: { reason: 'Test' },
      dedupeKey: unique(kind),
      recipients: { userIds: [person.id] },
    })
  } else await directEmails[kind as DirectEmailKind](person)
  return latestEmailFor(person, kind)
}

/** The unsubscribe link of a body (the same one in the text and the HTML), as a path on this site. */
function bodyLink(message: { text: string; html: string }) {
  const inText = /https?:\/\/\S+\/unsubscribe\?token=\S+/.exec(message.text)?.[0]
  const inHtml = /href="(https?:\/\/[^"]+\/unsubscribe\?token=[^"]+)"/
    .exec(message.html)?.[1]
    ?.replace(/&amp;/g, '&')
  expect(inHtml).toBe(inText)
  return inText ? sitePath(inText) : null
}

const sitePath = (url: string) => {
  const parsed = new URL(url)
  return `${parsed.pathname}${parsed.search}`
}
const tokenOf = (path: string) => new URL(path, 'http://localhost').searchParams.get('token') ?? ''

async function setEmail(userId: number, type: string, email: boolean) {
  await db()
    .update(notificationPreferences)
    .set({ email })
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.type, type)))
}

describe('unsubscribe links, for every kind of email', () => {
  for (const kind of Object.keys(emails) as EmailKind[]) {
    it(kind, async () => {
      const preference = preferenceOf(kind)
      const person = await createTestUser({
        role: kind === 'digest' || kind === 'mention' ? 'moderator' : 'customer',
        password: null,
      })
      const message = await emailFor(kind, person)
      const link = bodyLink(message)
      const header = message.headers?.['List-Unsubscribe']

      if (!(notificationTypes as readonly string[]).includes(kind)) {
        // An answer to the person's own request, or the team's working list: nothing to unsubscribe from.
        expect(link).toBeNull()
        expect(header).toBeUndefined()
        return
      }
      expect(link, 'the body links to the unsubscribe page').not.toBeNull()
      const page = (await pageLoader({
        request: makeRequest({ path: link! }),
        params: {},
        context: makeContext(),
      })) as { valid: boolean; type: string | null }

      if (!preference) {
        // Cannot be switched off: no one-click header, and the page says so and leads to the settings.
        expect(header).toBeUndefined()
        expect(page).toMatchObject({ valid: true, type: null })
        const cookie = (await startSession(person.id)).cookie.split(';')[0]
        const settings = await settle(() =>
          settingsLoader({
            request: makeRequest({ path: '/account/notifications', cookie }),
            params: {},
            context: makeContext(),
          } as never),
        )
        expect(settings).toMatchObject({ preferences: expect.any(Object) })
        return
      }

      // The page (GET), then its button (POST): this kind of email is off.
      expect(page).toMatchObject({ valid: true, type: preference })
      const pressed = await pageAction({
        request: makeRequest({
          path: '/unsubscribe',
          method: 'POST',
          form: { token: tokenOf(link!) },
        }),
        params: {},
        context: makeContext(),
      })
      expect(pressed).toEqual({ done: true, type: preference })
      expect((await getPreferences({ userId: person.id }))[preference].email).toBe(false)

      // The mail client's one-click POST (RFC 8058) to the header's address does the same.
      await setEmail(person.id, preference, true)
      expect(message.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
      const oneClick = /^<(.+)>$/.exec(header ?? '')?.[1]
      expect(oneClick, 'List-Unsubscribe header').toBeDefined()
      const response = await oneClickAction({
        request: makeRequest({
          path: sitePath(oneClick!),
          method: 'POST',
          form: { 'List-Unsubscribe': 'One-Click' },
        }),
        params: {},
        context: makeContext(),
      })
      expect(response.status).toBe(200)
      expect((await getPreferences({ userId: person.id }))[preference].email).toBe(false)
    })
  }
})
