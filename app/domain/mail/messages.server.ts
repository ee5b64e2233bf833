// What each queued message says. Notification emails are written when they are sent, from the
// notification itself and in the recipient's language; they carry a one-click unsubscribe link
// (signed, no sign-in needed) and the List-Unsubscribe headers.
import { and, eq } from 'drizzle-orm'
import { db, type Executor } from '#app/db/db.server'
import { comments, ideas, notificationPreferences, notifications, outbox, updates, users } from '#app/db/schema'
import { workingCalendar } from '#app/domain/promises/promises.server'
import { getSettings } from '#app/domain/settings/settings.server'
import { env, publicBaseUrl } from '#app/utils/env.server'
import { translator, type Locale, type MessageKey } from '#app/utils/i18n/i18n'
import { feedbackLinks } from '#app/domain/insights/feedback.server'
import { sign } from './secrets.server'
import { renderEmail, type RenderedEmail } from './templates.server'
import type { OutgoingMessage } from './transport.server'

export async function branding({ executor }: { executor?: Executor } = {}) {
  const settings = await getSettings({ executor })
  return { siteName: settings.siteName || env().SITE_NAME, accentColor: settings.accentColor || env().SITE_ACCENT_COLOR }
}

/** The unsubscribe address for one notification type, signed so it works without signing in. */
export async function unsubscribeUrl(userId: number, type: string) {
  return `${publicBaseUrl()}/unsubscribe?token=${encodeURIComponent(await sign(`${userId}:${type}`))}`
}

const subjects: Record<string, MessageKey> = {
  received: 'email.receivedSubject',
  comment: 'notifications.comment',
  reply: 'notifications.reply',
  status: 'notifications.statusTo',
  response: 'notifications.response',
  update: 'email.updateSubject',
  mention: 'notifications.mention',
  hidden: 'notifications.hidden',
}

async function renderNotification(notificationId: number): Promise<(RenderedEmail & { to: string; headers: Record<string, string> }) | null> {
  const [row] = await db()
    .select({
      type: notifications.type,
      payload: notifications.payload,
      dedupeKey: notifications.dedupeKey,
      userId: users.id,
      email: users.email,
      locale: users.locale,
      ideaId: ideas.id,
      ideaSlug: ideas.slug,
      ideaTitle: ideas.title,
      updateSlug: updates.slug,
      updateTitle: updates.title,
      updateSummary: updates.summary,
      commentBody: comments.body,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(ideas, eq(ideas.id, notifications.ideaId))
    .leftJoin(updates, eq(updates.id, notifications.updateId))
    .leftJoin(comments, eq(comments.id, notifications.commentId))
    .where(eq(notifications.id, notificationId))
  if (!row) return null
  // The person may have switched this email off since it was queued.
  const [preference] = await db()
    .select({ email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, row.userId), eq(notificationPreferences.type, row.type)))
  if (preference && !preference.email) return null

  const [actor] = await db()
    .select({ name: users.displayName })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.actorId))
    .where(eq(notifications.id, notificationId))
  const locale = row.locale as Locale
  const t = translator(locale)
  const payload = row.payload as Record<string, string | undefined>
  const base = publicBaseUrl()
  const ideaUrl = row.ideaId ? `${base}/ideas/${row.ideaId}-${row.ideaSlug}` : base
  const params = {
    name: actor?.name ?? t('notifications.someone'),
    title: row.updateTitle ?? row.ideaTitle ?? '',
    status: (locale === 'nl' ? payload.nameNl : payload.nameEn) ?? '',
    reason: payload.reason ?? '',
  }
  const subject = t(subjects[row.type] ?? 'notifications.comment', params)
  const calendar = await workingCalendar()
  const dueText = payload.dueAt
    ? new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: calendar.timeZone }).format(new Date(payload.dueAt))
    : null
  const paragraphs =
    row.type === 'received'
      ? [t('email.receivedNext'), dueText ? t('email.receivedDue', { date: dueText }) : '']
      : row.type === 'update'
      ? [row.updateSummary ?? '', t('email.updateWhy')]
      : row.type === 'comment' || row.type === 'reply'
        ? [`“${(row.commentBody ?? '').slice(0, 400)}”`]
        : []
  const url =
    row.type === 'update' && row.updateSlug
      ? `${base}/updates/${row.updateSlug}`
      : row.type === 'mention'
        ? `${base}/admin/ideas/${row.ideaId}#notes`
        : `${ideaUrl}${row.type === 'status' || row.type === 'response' ? '#timeline' : ''}`
  const unsubscribe = await unsubscribeUrl(row.userId, row.type)
  // Team answers and updates ask whether they helped (one click, signed for this person).
  const answered = /^(status|response|update):(\d+)$/.exec(row.dedupeKey)
  const feedback = answered
    ? await feedbackLinks({ kind: answered[1] === 'update' ? 'update' : 'response', subjectId: Number(answered[2]), userId: row.userId })
    : null
  const rendered = renderEmail({
    locale,
    ...(await branding()),
    subject,
    heading: subject,
    paragraphs: paragraphs.filter(Boolean),
    action: { label: row.type === 'update' ? t('email.readUpdate') : row.type === 'received' ? t('email.followIdea') : t('email.openIdea'), url },
    unsubscribeUrl: unsubscribe,
    feedback: feedback
      ? { question: t('feedback.question'), yes: { label: t('feedback.yes'), url: feedback.yes }, no: { label: t('feedback.no'), url: feedback.no } }
      : undefined,
  })
  const oneClick = `${base}/api/unsubscribe?token=${encodeURIComponent(unsubscribe.split('token=')[1] ?? '')}`
  return {
    ...rendered,
    to: row.email,
    headers: { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
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
