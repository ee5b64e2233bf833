// Notification settings, as the form sends them (no JavaScript): "Switch off all emails" stops every
// email the page shows in one click and keeps the in-app choices on screen, for every role and any
// ticked boxes; a setting the page does not show keeps what it was.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { startSession } from '#app/domain/accounts/sessions.server'
import { preferenceTypes } from '#app/domain/mail/mail.rules'
import { preferenceTypesFor } from '#app/domain/notifications/notifications.rules'
import {
  getPreferences,
  type Preferences,
  savePreferences,
} from '#app/domain/notifications/preferences.server'
import { action } from '#app/routes/account.notifications'
import { createTestUser } from '#tests/factories'
import { cookieFrom, makeContext, settle } from '#tests/setup/request'

const boxes = preferenceTypes.flatMap((type) => [`${type}:app`, `${type}:email`])
const allOn = Object.fromEntries(
  preferenceTypes.map((type) => [type, { inApp: true, email: true }]),
) as Preferences

async function post(cookie: string, intent: string, ticked: readonly string[]) {
  const body = new URLSearchParams([
    ['intent', intent],
    ...ticked.map((value) => ['on', value] as [string, string]),
  ])
  const request = new Request('http://localhost/account/notifications', {
    method: 'POST',
    body,
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
  })
  return (await settle(() => action({ request, params: {}, context: makeContext() }))) as Response
}

describe('switching off all emails', () => {
  it('stops every email shown, keeps the in-app boxes as ticked and the settings not shown as they were', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('customer', 'moderator'),
        fc.subarray(boxes),
        async (role, ticked) => {
          const person = await createTestUser({ role, password: null })
          await savePreferences({ userId: person.id, preferences: allOn })
          const cookie = cookieFrom((await startSession(person.id)).cookie)
          const response = await post(cookie, 'emailsOff', ticked)
          expect(response.status).toBe(303)
          expect(response.headers.get('Location')).toBe(
            '/account/notifications?notice=preferences.emailsOffDone',
          )
          const shown = new Set<string>(preferenceTypesFor(role))
          const saved = await getPreferences({ userId: person.id })
          for (const type of preferenceTypes) {
            expect(saved[type], `${role}: ${type}`).toEqual(
              shown.has(type)
                ? { inApp: ticked.includes(`${type}:app`), email: false }
                : allOn[type],
            )
          }
        },
      ),
      { numRuns: 10 },
    )
  })
})
