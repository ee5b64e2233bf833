// Pages as the server renders them, for what a person (or a screen reader) reads there: which webhook
// a button pauses, the time zone of the times on the sessions page, the notice after a test email.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { sessions, users, webhooks } from '#app/db/schema'
import { startSession } from '#app/domain/accounts/sessions.server'
import { queueTestEmail } from '#app/domain/accounts/tokens.server'
import { processOutbox } from '#app/domain/mail/outbox.server'
import { mailboxTransport } from '#app/domain/mail/transport.server'
import { renderQueuedMessage } from '#app/domain/notifications/messages.server'
import * as accountSessions from '#app/routes/account.sessions'
import * as adminMail from '#app/routes/admin.mail'
import * as adminWebhooks from '#app/routes/admin.webhooks'
import * as login from '#app/routes/login'
import { en } from '#app/utils/i18n/en'
import { nl } from '#app/utils/i18n/nl'
import { createTestUser, TEST_PASSWORD, unique } from '#tests/factories'
import { appBuild, crawler, pageReader } from '#tests/setup/app-build'
import { readingIn } from '#tests/setup/language'
import { makeContext, makeRequest } from '#tests/setup/request'

const reader = pageReader(
  appBuild([
    { id: 'routes/admin.webhooks', path: 'admin/webhooks', module: adminWebhooks },
    { id: 'routes/admin.mail', path: 'admin/mail', module: adminMail },
    { id: 'routes/account.sessions', path: 'account/sessions', module: accountSessions },
    { id: 'routes/login', path: 'login', module: login },
  ]),
)
const cookieOf = async (userId: number) => (await startSession(userId)).cookie.split(';')[0]!
/** The page in this language, as the language switcher leaves it chosen. */
const inLocale = readingIn

/** The text of an element's HTML, as its accessible name is computed when it has no aria-label. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim()

/** Each button of the page with this `value`: its attributes and its text. */
function buttons(html: string, value: string) {
  return [...html.matchAll(/<button([^>]*)>(.*?)<\/button>/gs)]
    .filter(([, attributes]) => attributes!.includes(`value="${value}"`))
    .map(([, attributes, content]) => ({ attributes: attributes!, text: textOf(content!) }))
}

describe('the webhooks page', () => {
  it.each([
    ['en', en],
    ['nl', nl],
  ] as const)(
    'names the webhook in the accessible name of Pause and Resume (%s), its visible label first',
    async (locale, messages) => {
      const admin = await createTestUser({ role: 'admin', password: null, locale })
      const [active, paused] = [
        `https://${unique('on')}.example/hook`,
        `https://${unique('off')}.example/hook`,
      ]
      await db()
        .insert(webhooks)
        .values([
          { url: active, events: ['idea.created'], secret: 'whsec_test', active: true },
          { url: paused, events: ['idea.created'], secret: 'whsec_test', active: false },
        ])
      const { html } = await reader.page(
        '/admin/webhooks',
        await inLocale(await cookieOf(admin.id), locale),
      )
      for (const [value, url, label] of [
        ['disable', active, messages['admin.webhooks.pause']],
        ['enable', paused, messages['admin.webhooks.resume']],
      ] as const) {
        const [button] = buttons(html, value).filter((found) => found.text.includes(url))
        expect(button, `${value} names ${url}`).toBeDefined()
        // Label in name (WCAG 2.5.3): the visible label starts the name; no aria-label replaces it.
        expect(button!.text.startsWith(label)).toBe(true)
        expect(button!.attributes).not.toContain('aria-label')
        expect(button!.attributes).not.toContain('visually-hidden')
      }
    },
  )
})

describe('the sessions page', () => {
  it.each([
    ['en', en, '15 Jan 2025, 13:05'],
    ['nl', nl, '15 jan 2025, 13:05'],
  ] as const)(
    'shows its times in the site time zone and names the zone (%s)',
    async (locale, messages, localTime) => {
      const person = await createTestUser({ password: null, locale })
      const cookie = await cookieOf(person.id)
      const sessionId = cookie.split('=')[1]!
      const moment = new Date('2025-01-15T12:05:00Z')
      await db().update(sessions).set({ createdAt: moment }).where(eq(sessions.id, sessionId))
      const { html } = await reader.page('/account/sessions', await inLocale(cookie, locale))
      expect(textOf(html)).toContain(
        messages['account.sessions.timesIn'].replace('{zone}', 'Europe/Amsterdam'),
      )
      // When it signed in, in that zone (13:05 in Amsterdam is 12:05 UTC); this request made it active now.
      expect(textOf(html)).toContain(localTime)
    },
  )
})

describe('the mailbox', () => {
  it('says the test email is queued after sending it, in the page it sends the admin back to', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    const cookie = await cookieOf(admin.id)
    const sent = await reader.handle(
      makeRequest({
        path: '/admin/mail',
        method: 'POST',
        form: { intent: 'test', to: `${unique('mail')}@example.test` },
        cookie,
      }),
      makeContext(),
    )
    expect(sent.status).toBe(303)
    const location = sent.headers.get('Location')!
    const { html } = await reader.page(location, cookie)
    expect(textOf(html)).toContain(en['admin.mail.testQueued'])
  })

  // How a sent message went out is a word in the reader's language, not the stored code
  // ("verstuurd (mailbox)" in Dutch, found by a tester).
  it.each([
    ['en', en],
    ['nl', nl],
  ] as const)(
    'names where a sent message went in the reader’s language (%s)',
    async (locale, messages) => {
      const admin = await createTestUser({ role: 'admin', password: null })
      const to = `${unique('kept')}@example.test`
      await queueTestEmail({ to, locale })
      await processOutbox({ renderMessage: renderQueuedMessage, transport: mailboxTransport })
      const { html } = await reader.page(
        '/admin/mail',
        await inLocale(await cookieOf(admin.id), locale),
      )
      const row = [...html.matchAll(/<tr\b.*?<\/tr>/gs)]
        .map(([tr]) => textOf(tr))
        .find((text) => text.includes(to))
      expect(row, 'the message is listed').toBeDefined()
      expect(row).toContain(
        `${messages['admin.mail.state.sent']} (${messages['admin.mail.deliveredVia.mailbox']})`,
      )
      if (locale === 'nl') expect(row).not.toMatch(/\bmailbox\b/i)
    },
  )
})

describe('the sign-in page of a suspended person', () => {
  it.each([
    ['en', en, '15 Jan 2030, 13:05', 'Reason given: Spam & &lt;b&gt;links&lt;/b&gt;'],
    ['nl', nl, '15 jan 2030, 13:05', 'Opgegeven reden: Spam & &lt;b&gt;links&lt;/b&gt;'],
  ] as const)(
    'says, after the right password, until when (in the site time zone) and why (%s)',
    async (locale, messages, localTime, reason) => {
      const person = await createTestUser({ locale })
      await db()
        .update(users)
        .set({
          suspendedUntil: new Date('2030-01-15T12:05:00Z'),
          suspensionReason: 'Spam & <b>links</b>',
        })
        .where(eq(users.id, person.id))
      const response = await reader.handle(
        makeRequest({
          path: '/login',
          method: 'POST',
          form: { email: person.email, password: TEST_PASSWORD },
          cookie: `ideabox_lang=${locale}`,
          // Rendered whole, by the renderer the other pages here use (two renderers in one process warn).
          headers: crawler,
        }),
        makeContext(),
      )
      expect(response.status).toBe(400)
      const html = await response.text()
      expect(html, 'the reason is text, never markup').not.toContain('<b>links</b>')
      const text = textOf(html)
      expect(text).toContain(messages['auth.suspended'])
      expect(text).toContain(
        messages['auth.suspendedUntil']
          .replace('{date}', localTime)
          .replace('{zone}', 'Europe/Amsterdam'),
      )
      expect(text).toContain(reason)
    },
  )
})
