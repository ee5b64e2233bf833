// What each queued message says. Notification emails are written when they are sent, from the
// notification itself and in the recipient's language; they carry a one-click unsubscribe link
// (signed, no sign-in needed) and the List-Unsubscribe headers.
import { and, eq } from 'drizzle-orm'
import { db } from '#app/db/db.server'
import { notificationPreferences, notifications, outbox, users, type NotificationType } from '#app/db/schema'
import { workingCalendar } from '#app/domain/promises/promises.server'
import { publicBaseUrl } from '#app/utils/env.server'
import { translator, type Locale } from '#app/utils/i18n/i18n'
import { feedbackLinks } from '#app/domain/insights/feedback.server'
import { eventContent, headlineParams, notificationHeadlines, notificationPath, notificationReasons, type NotificationEvent } from './notifications.rules'
import { selectNotificationEvents } from './notifications.server'
import { renderMarkdown } from '#app/utils/markdown.server'
import { preferenceOf } from '#app/domain/mail/mail.rules'
import { sign } from '#app/domain/mail/secrets.server'
import { renderEmail, type RenderedEmail } from '#app/domain/mail/templates.server'
import type { OutgoingMessage } from '#app/domain/mail/transport.server'

import { getBranding } from '#app/domain/settings/settings.server'

/** The site's name and colour for emails and feeds (the one rule: settings.server's brandingOf). */
export const branding = getBranding

/** The unsubscribe address for one notification type, signed so it works without signing in. */
export async function unsubscribeUrl(userId: number, type: NotificationType) {
  return `${publicBaseUrl()}/unsubscribe?token=${encodeURIComponent(await sign(`${userId}:${type}`))}`
}

/** Links in a person's Markdown that point into this site (`/updates/…`), made absolute for an email. */
const absoluteLinks = (html: string, base: string) => html.replace(/href="\/(?!\/)/g, `href="${base}/`)

async function renderNotification(notificationId: number): Promise<(RenderedEmail & { to: string; headers: Record<string, string> }) | null> {
  const [event] = await selectNotificationEvents().where(eq(notifications.id, notificationId))
  if (!event) return null
  const [person] = await db().select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(eq(users.id, event.userId))
  if (!person) return null
  // The person may have switched this email off since it was queued.
  const [preference] = await db()
    .select({ email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, person.id), eq(notificationPreferences.type, event.type)))
  if (preference && !preference.email) return null

  const locale = person.locale as Locale
  const t = translator(locale)
  const payload = event.payload as NotificationEvent['payload']
  const base = publicBaseUrl()
  const siteBrand = await branding()
  const calendar = await workingCalendar()
  // Sent after the idea was withdrawn: no answer is coming, so none is promised.
  const dueText = payload.dueAt && !event.ideaWithdrawn
    ? new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: calendar.timeZone }).format(new Date(payload.dueAt))
    : ''
  const params = headlineParams({ ...event, payload }, { locale, someone: t('notifications.someone'), date: dueText })
  const subject = t(notificationHeadlines[event.type].email, params)
  const content = eventContent({ ...event, payload })
  const paragraphs =
    event.type === 'received'
      ? [t('email.receivedNext'), dueText ? t('email.receivedDue', { date: dueText }) : '']
      : event.type === 'update'
        ? [t('email.updateWhy')]
        : []
  const url = `${base}${notificationPath(event)}`
  const unsubscribe = await unsubscribeUrl(person.id, event.type)
  const canUnsubscribe = preferenceOf(event.type) !== null
  // Team answers and updates ask whether they helped (one click, signed for this person).
  const answered = /^(status|response|update):(\d+)$/.exec(event.dedupeKey)
  const feedback = answered
    ? await feedbackLinks({ kind: answered[1] === 'update' ? 'update' : 'response', subjectId: Number(answered[2]), userId: person.id })
    : null
  const rendered = renderEmail({
    locale,
    ...siteBrand,
    subject,
    heading: subject,
    content: content.trim() ? { html: absoluteLinks(renderMarkdown(content), base), text: content.trim() } : undefined,
    paragraphs: paragraphs.filter(Boolean),
    action: { label: event.type === 'update' ? t('email.readUpdate') : event.type === 'received' ? t('email.followIdea') : t('email.openIdea'), url },
    // A kind that cannot be switched off links to the same page, which says so and leads to the settings.
    unsubscribe: { url: unsubscribe, label: t(canUnsubscribe ? 'email.unsubscribe' : 'email.settings') },
    why: t(notificationReasons[event.type], { ...params, site: siteBrand.siteName }),
    feedback: feedback
      ? { question: t('feedback.question'), yes: { label: t('feedback.yes'), url: feedback.yes }, no: { label: t('feedback.no'), url: feedback.no } }
      : undefined,
  })
  const oneClick = `${base}/api/unsubscribe?token=${encodeURIComponent(unsubscribe.split('token=')[1] ?? '')}`
  return {
    ...rendered,
    to: person.email,
    headers: canUnsubscribe ? { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
  }
}

/** The message for an outbox row, rendered (and stored, so the mailbox shows it), or null when there is nothing to send. */
export async function renderQueuedMessage({ outboxId }: { outboxId: number }): Promise<OutgoingMessage | null> {
  const [row] = await db().select().from(outbox).where(eq(outbox.id, outboxId))
  if (!row) return null
  if (row.subject && row.textBody && row.htmlBody) {
    let to = row.toAddress
    if (!to && row.userId) {
      const [person] = await db().select({ email: users.email }).from(users).where(eq(users.id, row.userId))
      to = person?.email ?? null
    }
    return to ? { to, subject: row.subject, text: row.textBody, html: row.htmlBody, headers: row.headers ?? undefined } : null
  }
  if (row.kind === 'notification' && row.notificationId) {
    const message = await renderNotification(row.notificationId)
    if (!message) return null
    await db()
      .update(outbox)
      .set({ toAddress: message.to, subject: message.subject, textBody: message.text, htmlBody: message.html, headers: message.headers })
      .where(eq(outbox.id, outboxId))
    return { to: message.to, subject: message.subject, text: message.text, html: message.html, headers: message.headers }
  }
  return null
}
