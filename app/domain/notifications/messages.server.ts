// What each queued message says. Notification emails are written when they are sent, from the
// notification itself and in the recipient's language; they carry a one-click unsubscribe link
// (signed, no sign-in needed) and the List-Unsubscribe headers; those about one idea that is open to
// comments carry a signed Reply-To, so replying posts a comment (when INBOUND_EMAIL_DOMAIN is set).
import { and, eq, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import {
  notificationPreferences,
  notifications,
  type NotificationType,
  outbox,
  users,
} from '#app/db/schema'
import { feedbackLinks } from '#app/domain/insights/feedback.server'
import { emails, writeEmail, type WrittenEmail } from '#app/domain/mail/emails.server'
import { sign } from '#app/domain/mail/secrets.server'
import type { OutgoingMessage } from '#app/domain/mail/transport.server'
import { promisedDayText, workingCalendar } from '#app/domain/promises/promises.server'
import { getBranding } from '#app/domain/settings/settings.server'
import { publicBaseUrl } from '#app/utils/env.server'
import { type Locale, translator } from '#app/utils/i18n/i18n'
import { markdownToText, renderedMarkdownToText, renderMarkdown } from '#app/utils/markdown.server'

import {
  commentGone,
  emailHeadline,
  eventContent,
  headlineParams,
  heldWhenPosted,
  mergedInto,
  type NotificationEvent,
  notificationPath,
  notificationReasons,
} from './notifications.rules'
import { selectNotificationEvents } from './notifications.server'
import { ideaTakesReplies, replyAddressFor } from './reply-address.server'

/** The unsubscribe address for one notification type, signed so it works without signing in. */
async function unsubscribeUrl(userId: number, type: NotificationType) {
  return `${publicBaseUrl()}/unsubscribe?token=${encodeURIComponent(await sign(`${userId}:${type}`))}`
}

/** Links in a person's Markdown that point into this site (`/updates/…`), made absolute for an email. */
const absoluteLinks = (html: string, base: string) =>
  html.replace(/href="\/(?!\/)/g, `href="${base}/`)

async function renderNotification(
  notificationId: number,
): Promise<(WrittenEmail & { to: string; headers: Record<string, string> }) | null> {
  const [event] = await selectNotificationEvents().where(eq(notifications.id, notificationId))
  if (!event) return null
  // Written when it is sent, after the comment's edit window (`emailWaitMinutes`): a comment deleted
  // or hidden meanwhile is not announced.
  if (commentGone(event)) return null
  const [person] = await db()
    .select({
      id: users.id,
      email: users.email,
      locale: users.locale,
      role: users.role,
      // Captured by staff (store, phone, email…), not signed up: they posted nothing themselves.
      captured: sql<boolean>`${users.unclaimedSince} is not null`,
    })
    .from(users)
    .where(eq(users.id, event.userId))
  if (!person) return null
  // The person may have switched this email off since it was queued.
  const [preference] = await db()
    .select({ email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.userId, person.id),
        eq(notificationPreferences.type, event.type),
      ),
    )
  if (preference && !preference.email) return null

  const locale = person.locale as Locale
  const t = translator(locale)
  const payload = event.payload as NotificationEvent['payload']
  const base = publicBaseUrl()
  const calendar = await workingCalendar()
  // Sent after the idea was withdrawn: no answer is coming, so none is promised.
  const dueText =
    payload.dueAt && !event.ideaWithdrawn
      ? promisedDayText(payload.dueAt, locale, calendar.timeZone)
      : ''
  const content = eventContent({ ...event, payload }).trim()
  // Rendered as the site shows it; the plain-text part is read from the same HTML, not the Markdown source.
  const contentHtml = content ? absoluteLinks(renderMarkdown(content), base) : ''
  // Team answers and updates ask whether they helped (one click, signed for this person); a status
  // change without an answer's text (a merge with no response) has no answer to ask about.
  const answered = /^(status|response|update):(\d+)$/.exec(event.dedupeKey)
  const about = answered?.[1] === 'update' ? 'update' : 'response'
  const feedback =
    answered && (about === 'update' || content)
      ? await feedbackLinks({ kind: about, subjectId: Number(answered[2]), userId: person.id })
      : null
  // Answered by replying: only about one idea that takes this person's comment now.
  const replyTo =
    emails[event.type].answerableByReply &&
    event.ideaId &&
    (await ideaTakesReplies({ ideaId: event.ideaId, role: person.role }))
      ? await replyAddressFor({ recipientId: person.id, ideaId: event.ideaId })
      : null
  const written = writeEmail(
    event.type,
    {
      headline: emailHeadline({ ...event, payload }),
      why:
        event.type === 'received' && person.captured
          ? 'email.why.receivedCaptured'
          : notificationReasons[event.type],
      params: headlineParams(
        { ...event, payload },
        {
          locale,
          someone: t('notifications.someone'),
          formerMember: t('notifications.formerMember'),
          date: dueText,
        },
      ),
      content: contentHtml
        ? { html: contentHtml, text: renderedMarkdownToText(contentHtml) }
        : undefined,
      dueText,
      held: event.type === 'received' && heldWhenPosted({ payload }),
      // A hidden comment is quoted, so its author knows which one.
      quoted:
        event.type === 'hidden' && event.commentBody ? markdownToText(event.commentBody, 280) : '',
      original: mergedInto({ ...event, payload }),
      url: `${base}${notificationPath({ ...event, payload })}`,
      unsubscribeUrl: await unsubscribeUrl(person.id, event.type),
      replyTo,
      feedback: feedback ? { about, yes: feedback.yes, no: feedback.no } : null,
    },
    { locale, brand: await getBranding() },
  )
  return { ...written, to: person.email, headers: written.headers ?? {} }
}

/** The message for an outbox row, rendered (and stored, so the mailbox shows it), or null when there is nothing to send. */
export async function renderQueuedMessage({
  outboxId,
}: {
  outboxId: number
}): Promise<OutgoingMessage | null> {
  const [row] = await db().select().from(outbox).where(eq(outbox.id, outboxId))
  if (!row) return null
  if (row.subject && row.textBody && row.htmlBody) {
    let to = row.toAddress
    if (!to && row.userId) {
      const [person] = await db()
        .select({ email: users.email })
        .from(users)
        .where(eq(users.id, row.userId))
      to = person?.email ?? null
    }
    return to
      ? {
          to,
          subject: row.subject,
          text: row.textBody,
          html: row.htmlBody,
          headers: row.headers ?? undefined,
        }
      : null
  }
  if (row.kind === 'notification' && row.notificationId) {
    const message = await renderNotification(row.notificationId)
    if (!message) return null
    await db()
      .update(outbox)
      .set({
        toAddress: message.to,
        subject: message.subject,
        textBody: message.text,
        htmlBody: message.html,
        headers: message.headers,
      })
      .where(eq(outbox.id, outboxId))
    return {
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers,
    }
  }
  return null
}
