// Ideas that arrive by email: a raw message (as mail providers' inbound webhooks deliver it) is
// parsed with mailparser and filed as a draft idea from the email channel, waiting in the approval
// queue for the team to sort. The sender gets the same acknowledgement as everyone else. A message
// sent to a signed reply address (`reply+…@INBOUND_EMAIL_DOMAIN`) is a reply to a notification
// instead, and becomes a comment (email-replies.server.ts).
import { createHash } from 'node:crypto'

import { asc, eq } from 'drizzle-orm'
import { simpleParser } from 'mailparser'

import { db, type Executor } from '#app/db/db.server'
import { categories, inboundEmails } from '#app/db/schema'
import { recordAudit } from '#app/domain/audit/audit.server'
import { createIdea } from '#app/domain/ideas/ideas.server'
import { acknowledgeIdea } from '#app/domain/ideas/posting.server'
import {
  addressedTo,
  replyTokenIn,
  stripQuotedReply,
} from '#app/domain/notifications/email-replies.rules'
import { EMAIL_INTAKE_HOLD } from '#app/domain/spam/spam.rules'
import { env } from '#app/utils/env.server'
import { markdownToText } from '#app/utils/markdown.server'

import { fileEmailReply, type ReplyResult } from './email-replies.server'
import { intakeAutomaticLanguage } from './intake.rules'
import { confirmationFor, findOrCaptureCustomer, queueConfirmation } from './intake.server'

export type InboundResult =
  | { ok: true; kind?: 'idea'; ideaId: number; customerId: number; duplicate: boolean }
  | { ok: false; kind?: 'idea'; reason: 'noSender' | 'empty' | 'unreadable' }
  | ReplyResult

/** Headers a reply address may arrive in: the visible recipients, and what the receiving mail system recorded. */
const recipientHeaders = new Set(['to', 'cc', 'delivered-to', 'x-original-to', 'envelope-to'])

/** Every address in the recipient headers (raw lines, so repeated headers all count). */
function recipientsOf(headerLines: readonly { key: string; line: string }[]) {
  return headerLines
    .filter((header) => recipientHeaders.has(header.key.toLowerCase()))
    .flatMap(
      (header) =>
        header.line.slice(header.line.indexOf(':') + 1).match(/[^\s<>,;:"']+@[^\s<>,;:"']+/g) ?? [],
    )
}

/** A delivery's key: its Message-ID, or the hash of the raw message (a provider's retry sends the same bytes). */
function messageKeyOf(messageId: string | null, raw: string | Buffer) {
  return messageId || `sha256:${createHash('sha256').update(raw).digest('hex')}`
}

/** The idea an earlier delivery of the same message filed, if any. */
async function earlierDelivery(executor: Executor, messageKey: string) {
  const [row] = await executor
    .select({ ideaId: inboundEmails.ideaId, customerId: inboundEmails.customerId })
    .from(inboundEmails)
    .where(eq(inboundEmails.messageKey, messageKey))
  return row?.ideaId && row.customerId
    ? { ok: true as const, ideaId: row.ideaId, customerId: row.customerId, duplicate: true }
    : null
}

/** NUL cannot be stored in PostgreSQL text, and other control characters (but tab and newline) are noise. */
const cleanText = (value: string) =>
  value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')

/** Plain text from the message: its text part, or its HTML part reduced to text. */
function bodyText(text: string | undefined, html: string | false | undefined) {
  if (text?.trim()) return text
  if (html) return markdownToText(html, 10_000)
  return ''
}

export async function fileInboundEmail({
  raw,
  actorId,
}: {
  raw: string | Buffer
  actorId: number
}): Promise<InboundResult> {
  let mail: Awaited<ReturnType<typeof simpleParser>>
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true })
  } catch {
    // Not a message mailparser can read (e.g. a header block beyond its limits): the sender's fault.
    return { ok: false, reason: 'unreadable' }
  }
  const from = mail.from?.value[0]
  const address = cleanText(from?.address ?? '').trim()
  if (!address) return { ok: false, reason: 'noSender' }
  const messageId = mail.messageId ? cleanText(mail.messageId) : null
  const replyDomain = env().INBOUND_EMAIL_DOMAIN
  const recipients = recipientsOf(mail.headerLines)
  // Anything addressed to the reply domain is a reply: without a genuine token it is refused as
  // forged, never filed as a new (public) idea under a customer record made up from its From.
  if (replyDomain && addressedTo(recipients, replyDomain)) {
    return fileEmailReply({
      token: replyTokenIn(recipients, replyDomain) ?? '',
      from: address,
      subject: cleanText(mail.subject ?? ''),
      headers: mail.headers,
      text: cleanText(bodyText(mail.text, mail.html)),
      messageKey: messageKeyOf(messageId, raw),
    })
  }
  const text = cleanText(stripQuotedReply(bodyText(mail.text, mail.html))).slice(0, 10_000)
  const subject = cleanText(mail.subject ?? '')
    .replace(/^((re|fw|fwd|aw|antw)\s*:\s*)+/i, '')
    .trim()
  if (!text && !subject) return { ok: false, reason: 'empty' }
  const messageKey = messageKeyOf(messageId, raw)
  const earlier = await earlierDelivery(db(), messageKey)
  if (earlier) return earlier
  const firstLine =
    text
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? ''
  let title = (subject || firstLine).slice(0, 120)
  if (title.length < 5) title = `${title || 'Idea'} (email)`.padEnd(5, '.')
  // Drafts are filed under the first product category; the team re-files them when approving.
  const [category] = await db()
    .select({ id: categories.id, kind: categories.kind })
    .from(categories)
    .where(eq(categories.retired, false))
    .orderBy(asc(categories.kind), asc(categories.position))
    .limit(1)
  // A From: header proves nothing: the draft is the captured person's, whoever holds the address.
  const person = await findOrCaptureCustomer({
    customer: { email: address, name: cleanText(from?.name ?? ''), phone: '' },
    // Written to in the language they wrote in, when it can be told.
    automatic: intakeAutomaticLanguage({ title, description: text }, env().DEFAULT_LOCALE),
  })
  const confirmation = await confirmationFor({
    account: person.account,
    capturedId: person.id,
    item: { kind: 'email', title, channel: 'email', by: null },
  })
  return db().transaction(async (tx) => {
    // Claiming the key first: a concurrent delivery of the same message waits here for this
    // transaction, then finds the key taken and answers with this idea.
    const [claimed] = await tx
      .insert(inboundEmails)
      .values({ messageKey })
      .onConflictDoNothing()
      .returning({ messageKey: inboundEmails.messageKey })
    if (!claimed) {
      const first = await earlierDelivery(tx, messageKey)
      if (first) return first
    }
    const idea = await createIdea({
      executor: tx,
      authorId: person.id,
      kind: category!.kind,
      categoryId: category!.id,
      title,
      description: text || subject,
      channel: 'email',
      externalRef: messageId,
      heldReason: EMAIL_INTAKE_HOLD,
    })
    await recordAudit({
      tx,
      actorId,
      action: 'intake.email',
      targetType: 'idea',
      targetId: idea.id,
      after: { from: address, messageId, attachments: mail.attachments.length },
    })
    // One email to the address: the confirmation carries the acknowledgement when there is one.
    await acknowledgeIdea({ executor: tx, idea, authorId: person.id, email: !confirmation })
    await queueConfirmation({
      executor: tx,
      confirmation,
      ideaId: idea.id,
      dueAt: idea.firstResponseDueAt,
    })
    await tx
      .update(inboundEmails)
      .set({ ideaId: idea.id, customerId: person.id })
      .where(eq(inboundEmails.messageKey, messageKey))
    return { ok: true as const, ideaId: idea.id, customerId: person.id, duplicate: false }
  })
}
