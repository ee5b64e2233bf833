// Every kind of email we send (the registry `emails` in mail/emails.server.ts), caused the way the app
// causes it, for a reader of each language. Every kind is a notification unless it is listed below
// with the reason it is not, and a notification:
// - carries its unsubscribe link, the same one in the text and the HTML, and the one-click
//   List-Unsubscribe header (RFC 8058);
// - its link opens for the person it was sent to (their session, their language) and names what it
//   stops; the mail client's one-click POST and the page's button each switch it off;
// - once off, the same event sends them nothing, and once on again, it does.
// So a new kind of email fails here until it honours opt-out, or is listed with its reason. A
// notification that cannot be switched off links to a page that says so and leads to the settings.
import { and, desc, eq, gt, or } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import {
  notificationPreferences,
  notifications,
  type NotificationType,
  outbox,
} from '#app/db/schema'
import { createTestUser } from '#app/demo/factories.server'
import type { Locale } from '#app/domain/accounts/accounts.rules'
import { SESSION_COOKIE_NAME, startSession } from '#app/domain/accounts/sessions.server'
import { type EmailKind, emails, preferenceOf } from '#app/domain/mail/emails.server'
import { renderQueuedMessage } from '#app/domain/notifications/messages.server'
import { getPreferences } from '#app/domain/notifications/preferences.server'
import { action as oneClickAction } from '#app/routes/api.unsubscribe'
import * as unsubscribePage from '#app/routes/unsubscribe'
import { translator } from '#app/utils/i18n/i18n'
import { appBuild, pageReader, pageText } from '#tests/setup/app-build'
import {
  directEmails,
  type EventFor,
  latestEmailFor,
  notificationEvents,
  type Recipient,
} from '#tests/setup/emails'
import { makeContext, makeRequest } from '#tests/setup/request'

/**
 * The kinds of email that are not notifications, and why: none of them can be switched off, and
 * they carry no unsubscribe link. Every kind not listed here must honour the reader's opt-out.
 */
const notNotifications = {
  'password-reset': 'answers the person’s own request',
  'verify-email': 'answers the person’s own request',
  'change-email': 'answers the person’s own request',
  'capture-confirm': 'asks the account holder whether what was captured for the address is theirs',
  'email-change-notice': 'warns the account holder of a change to their account',
  'password-changed': 'warns the account holder of a change to their account',
  'sign-up-attempt': 'warns the account holder that someone used their address',
  'reply-refused': 'answers the email the person sent',
  'account-suspended': 'tells the account holder what staff did to their account',
  'account-reinstated': 'tells the account holder what staff did to their account',
  digest: 'the team’s working list',
  test: 'an admin’s test of the mail set-up, to the address they typed',
} satisfies Partial<Record<EmailKind, string>>

/** Notifications that cannot be switched off: their link leads to a page that says so. */
const cannotBeSwitchedOff = {
  hidden: 'tells the author what a moderator did to what they posted',
  approved: 'tells the author their idea held for approval is public now',
} satisfies Partial<Record<EmailKind, string>>

const reader = pageReader(
  appBuild([{ id: 'routes/unsubscribe', path: 'unsubscribe', module: unsubscribePage }]),
)

const isNotificationEvent = (kind: EmailKind): kind is NotificationType =>
  kind in notificationEvents

/** Causes an email of this kind, for `recipient` or a new person reading `locale`: who it is for. */
async function cause(kind: EmailKind, whom: EventFor): Promise<Recipient> {
  if (isNotificationEvent(kind)) return (await notificationEvents[kind](whom)).recipient
  const person =
    whom.recipient ??
    (await createTestUser({
      role: kind === 'digest' ? 'moderator' : 'customer',
      password: null,
      locale: whom.locale,
    }))
  await directEmails[kind as keyof typeof directEmails](person)
  return person
}

async function newestOutboxId() {
  const [row] = await db().select({ id: outbox.id }).from(outbox).orderBy(desc(outbox.id)).limit(1)
  return row?.id ?? 0
}

/** The emails of this kind queued for the person after `afterId` that would be sent (rendered, not dropped). */
async function sentSince(person: Recipient, kind: EmailKind, afterId: number) {
  const rows = await db()
    .select({ id: outbox.id, kind: outbox.kind, type: notifications.type })
    .from(outbox)
    .leftJoin(notifications, eq(notifications.id, outbox.notificationId))
    .where(
      and(
        gt(outbox.id, afterId),
        or(eq(outbox.userId, person.id), eq(outbox.toAddress, person.email)),
      ),
    )
  const sent = []
  for (const row of rows) {
    if ((row.kind === 'notification' ? row.type : row.kind) !== kind) continue
    const message = await renderQueuedMessage({ outboxId: row.id })
    if (message) sent.push(message.subject)
  }
  return sent
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

const locales = ['en', 'nl'] as const satisfies readonly Locale[]

describe('every notification email honours opt-out and carries a working unsubscribe link', () => {
  for (const kind of Object.keys(emails) as EmailKind[]) {
    // Not a notification: carries no link in any language (and the digest goes out once a day).
    for (const locale of kind in notNotifications ? (['en'] as const) : locales) {
      it(`${kind} (${locale})`, async () => {
        const t = translator(locale)
        const recipient = await cause(kind, { locale })
        const message = await latestEmailFor(recipient, kind)
        const link = bodyLink(message)
        const header = message.headers?.['List-Unsubscribe']

        if (kind in notNotifications) {
          expect(preferenceOf(kind)).toBeNull()
          expect(link).toBeNull()
          expect(header).toBeUndefined()
          return
        }
        expect(link, 'the body links to the unsubscribe page').not.toBeNull()
        // Opened by the person it was sent to, signed in, in their language.
        const session = (await startSession(recipient.id)).cookie.split(';')[0]!
        expect(session.startsWith(`${SESSION_COOKIE_NAME}=`)).toBe(true)
        const page = await reader.page(link!, `${session}; ideabox_lang=${locale}`)
        expect(page.status, link!).toBe(200)
        const shown = pageText(page.html)

        const preference = preferenceOf(kind)
        if (kind in cannotBeSwitchedOff) {
          // No one-click header; the page says it cannot be switched off and leads to the settings.
          expect(preference).toBeNull()
          expect(header).toBeUndefined()
          expect(shown).toContain(t('unsubscribe.cannot'))
          expect(page.html).toContain('href="/account/notifications"')
          return
        }
        expect(preference, 'a preference stops it').not.toBeNull()
        expect(shown).toContain(
          t('unsubscribe.confirm', { type: t(`preferences.type.${preference!}`) }),
        )

        // The mail client's one-click POST (RFC 8058) to the header's address switches it off.
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
        expect((await getPreferences({ userId: recipient.id }))[preference!].email).toBe(false)

        // Switched off, the same event sends them nothing; switched on again, it does.
        let before = await newestOutboxId()
        await cause(kind, { recipient })
        expect(await sentSince(recipient, kind, before), 'sent after opting out').toEqual([])
        await setEmail(recipient.id, preference!, true)
        before = await newestOutboxId()
        await cause(kind, { recipient })
        expect(await sentSince(recipient, kind, before), 'sent after opting in').toHaveLength(1)

        // The page's button (POST) switches it off too.
        const pressed = await unsubscribePage.action({
          request: makeRequest({
            path: '/unsubscribe',
            method: 'POST',
            form: { token: tokenOf(link!) },
          }),
          params: {},
          context: makeContext(),
        })
        expect(pressed).toEqual({ done: true, type: preference })
        expect((await getPreferences({ userId: recipient.id }))[preference!].email).toBe(false)
      })
    }
  }
})
