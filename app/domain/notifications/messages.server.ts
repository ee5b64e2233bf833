// What each queued message says. Notification emails are written when they are sent, from the
// notification itself and in the recipient's language; they carry a one-click unsubscribe link
// (signed, no sign-in needed) and the List-Unsubscribe headers; those about one idea that is open to
// comments carry a signed Reply-To, so replying posts a comment (when INBOUND_EMAIL_DOMAIN is set).
import { and, eq } from 'drizzle-orm'
import { db } from '#app/db/db.server'
import { notificationPreferences, notifications, outbox, users, type NotificationType } from '#app/db/schema'
import { workingCalendar } from '#app/domain/promises/promises.server'
import { publicBaseUrl } from '#app/utils/env.server'
import { translator, intlTag, type Locale } from '#app/utils/i18n/i18n'
import { feedbackLinks } from '#app/domain/insights/feedback.server'
import { emailHeadline, eventContent, headlineParams, mergedInto, notificationPath, notificationReasons, type NotificationEvent } from './notifications.rules'
import { selectNotificationEvents } from './notifications.server'
import { renderMarkdown, renderedMarkdownToText } from '#app/utils/markdown.server'
import { answerableByReply, preferenceOf } from '#app/domain/mail/mail.rules'
import { ideaTakesReplies, replyAddressFor } from './reply-address.server'
import { sign } from '#app/domain/mail/secrets.server'
import { renderEmail, type RenderedEmail } from '#app/domain/mail/templates.server'
import type { OutgoingMessage } from '#app/domain/mail/transport.server'

import { getBranding } from '#app/domain/settings/settings.server'

/** The unsubscribe address for one notification type, signed so it works without signing in. */
async function unsubscribeUrl(userId: number, type: NotificationType) {
  return `${publicBaseUrl()}/unsubscribe?token=${encodeURIComponent(await sign(`${userId}:${type}`))}`
}

/** Links in a person's Markdown that point into this site (`/updates/…`), made absolute for an email. */
const absoluteLinks = (html: string, base: string) => html.replace(/href="\/(?!\/)/g, `href="${base}/`)

async function renderNotification(notificationId: number): Promise<(RenderedEmail & { to: string; headers: Record<string, string> }) | null> {
  const [event] = await selectNotificationEvents().where(eq(notifications.id, notificationId))
  if (!event) return null
  const [person] = await db().select({ id: users.id, email: users.email, locale: users.locale, role: users.role }).from(users).where(eq(users.id, event.userId))
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
  const siteBrand = await getBranding()
  const calendar = await workingCalendar()
  // Sent after the idea was withdrawn: no answer is coming, so none is promised.
  const dueText = payload.dueAt && !event.ideaWithdrawn
    ? new Intl.DateTimeFormat(intlTag(locale), { weekday: 'long', day: 'numeric', month: 'long', timeZone: calendar.timeZone }).format(new Date(payload.dueAt))
    : ''
  const params = headlineParams({ ...event, payload }, { locale, someone: t('notifications.someone'), date: dueText })
  const subject = t(emailHeadline({ ...event, payload }), params)
  const content = eventContent({ ...event, payload }).trim()
  // Rendered as the site shows it; the plain-text part is read from the same HTML, not the Markdown source.
  const contentHtml = content ? absoluteLinks(renderMarkdown(content), base) : ''
  // Why they get it is said once, in the footer (`why`).
  const paragraphs = event.type === 'received' ? [t('email.receivedNext'), dueText ? t('email.receivedDue', { date: dueText }) : ''] : []
  const url = `${base}${notificationPath({ ...event, payload })}`
  const original = mergedInto({ ...event, payload })
  if (original) paragraphs.push(t('email.mergedInto', { original: original.title }))
  const unsubscribe = await unsubscribeUrl(person.id, event.type)
  const canUnsubscribe = preferenceOf(event.type) !== null
  // Team answers and updates ask whether they helped (one click, signed for this person).
  const answered = /^(status|response|update):(\d+)$/.exec(event.dedupeKey)
  const feedback = answered
    ? await feedbackLinks({ kind: answered[1] === 'update' ? 'update' : 'response', subjectId: Number(answered[2]), userId: person.id })
    : null
  // Answered by replying: only about one idea that takes this person's comment now.
  const replyTo =
    answerableByReply[event.type] && event.ideaId && (await ideaTakesReplies({ ideaId: event.ideaId, role: person.role }))
      ? await replyAddressFor({ recipientId: person.id, ideaId: event.ideaId })
      : null
  if (replyTo) paragraphs.push(t('email.replyToComment'))
  const rendered = renderEmail({
    locale,
    ...siteBrand,
    subject,
    heading: subject,
    content: contentHtml ? { html: contentHtml, text: renderedMarkdownToText(contentHtml) } : undefined,
    paragraphs: paragraphs.filter(Boolean),
    action: { label: original ? t('email.openOriginal', { original: original.title }) : event.type === 'update' ? t('email.readUpdate') : event.type === 'received' ? t('email.followIdea') : t('email.openIdea'), url },
    // A kind that cannot be switched off links to the same page, which says so and leads to the settings.
    unsubscribe: { url: unsubscribe, label: t(canUnsubscribe ? 'email.unsubscribe' : 'email.settings') },
    why: t(notificationReasons[event.type], { ...params, site: siteBrand.siteName }),
    feedback: feedback
      ? { question: t(answered?.[1] === 'update' ? 'feedback.questionUpdate' : 'feedback.question'), yes: { label: t('feedback.yes'), url: feedback.yes }, no: { label: t('feedback.no'), url: feedback.no } }
      : undefined,
  })
  const oneClick = `${base}/api/unsubscribe?token=${encodeURIComponent(unsubscribe.split('token=')[1] ?? '')}`
  return {
    ...rendered,
    to: person.email,
    headers: {
      ...(canUnsubscribe ? { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
      ...(replyTo ? { 'Reply-To': replyTo } : {}),
    },
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
