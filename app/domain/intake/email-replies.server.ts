// Answering by replying to an email: the signed reply address notification emails carry, and a reply
// that comes back through the inbound endpoint, posted as a comment by that person on that idea
// (channel "email") — or refused, with one short explanation to the token's person at their own
// address (never for a forged token or an auto-reply, at most one per person and reason an hour,
// so two mail systems cannot keep answering each other).
import { createHash } from 'node:crypto'

import { and, eq, isNull } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { comments, users } from '#app/db/schema'
import { backOfficeRoles, hasRole } from '#app/domain/accounts/accounts.rules'
import { COMMENT_MAX } from '#app/domain/comments/comments.schema'
import { type CommentRefusal, postComment } from '#app/domain/comments/comments.server'
import { queueEmail } from '#app/domain/mail/emails.server'
import {
  failedDmarc,
  isAutoReply,
  replyRefusalFor,
  stripQuotedReply,
} from '#app/domain/notifications/email-replies.rules'
import { readReplyToken, replyIdeaState } from '#app/domain/notifications/reply-address.server'
import { hitRateLimit, rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'
import { getBranding } from '#app/domain/settings/settings.server'
import { env } from '#app/utils/env.server'
import type { Locale } from '#app/utils/i18n/i18n'

/** Why a reply was not posted. `autoReply` is never answered. */
type ReplyRefusal =
  | 'autoReply'
  | 'forged'
  | 'expired'
  | 'wrongSender'
  | 'hidden'
  | 'closed'
  | 'locked'
  | 'empty'
  | 'tooLong'
  | 'tooMany'
  | 'spam'
  | 'suspended'

export type ReplyResult =
  | {
      ok: true
      kind: 'comment'
      commentId: number
      ideaId: number
      customerId: number
      /** A replay of a message already posted: the comment it posted. */ duplicate: boolean
    }
  | { ok: false; kind: 'reply'; reason: ReplyRefusal; explained: boolean }

const commentErrors: Record<CommentRefusal, ReplyRefusal> = {
  suspended: 'suspended',
  tooMany: 'tooMany',
  looksLikeSpam: 'spam',
  ideaGone: 'hidden',
  locked: 'locked',
  // A reply is a new top-level comment: it has no parent and edits nothing.
  parentGone: 'hidden',
  editWindowPassed: 'hidden',
  notYours: 'hidden',
}

export type IncomingReply = {
  token: string
  from: string
  subject: string
  headers: ReadonlyMap<string, unknown>
  /** The message's plain text, quotes and all. */
  text: string
  /** Message-ID (or the raw message's hash): the same message posts once. */
  messageKey: string
  now?: Date
}

/** Posts a reply to a notification email as the person's comment on the idea, or refuses it (and tells the sender once). */
export async function fileEmailReply(reply: IncomingReply): Promise<ReplyResult> {
  const outcome = await postReply(reply)
  if (outcome.ok) return outcome
  // Only the token's person is told, at their own address, and only for a token we signed: a forged
  // token or a foreign From must never make Ideabox write to an address a stranger chose.
  const explained =
    outcome.reason === 'autoReply' || !outcome.person
      ? false
      : await explainRefusal({
          person: outcome.person,
          reason: outcome.reason,
          idea: outcome.idea,
          messageKey: reply.messageKey,
        })
  return { ok: false, kind: 'reply', reason: outcome.reason, explained }
}

type TokenPerson = { id: number; email: string; locale: string }
type Refused = {
  ok: false
  reason: ReplyRefusal
  idea?: { id: number; slug: string } | null
  /** The genuine token's person, the only one ever told. */ person?: TokenPerson
}

async function tokenPerson(recipientId: number) {
  const [person] = await db()
    .select({ id: users.id, email: users.email, role: users.role, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, recipientId), isNull(users.deletedAt)))
  return person ?? null
}

async function postReply({
  token,
  from,
  subject,
  headers,
  text,
  messageKey,
  now = new Date(),
}: IncomingReply): Promise<Extract<ReplyResult, { ok: true }> | Refused> {
  if (isAutoReply({ headers, subject, from })) return { ok: false, reason: 'autoReply' }
  const read = await readReplyToken(token, now)
  if (!read.ok) {
    if (read.reason === 'forged') return { ok: false, reason: 'forged' }
    return {
      ok: false,
      reason: 'expired',
      person: (await tokenPerson(read.claims.recipientId)) ?? undefined,
    }
  }
  const { recipientId, ideaId } = read.claims
  const person = await tokenPerson(recipientId)
  if (!person) return { ok: false, reason: 'wrongSender' }
  // A From: header is easy to forge, but only the person's own address is accepted with their token.
  if (person.email.toLowerCase() !== from.toLowerCase() || failedDmarc(headers))
    return { ok: false, reason: 'wrongSender', person }
  const idea = await replyIdeaState(ideaId)
  if (!idea) return { ok: false, reason: 'hidden', person }
  const shown = { id: idea.id, slug: idea.slug }
  const refusal = replyRefusalFor(idea, { isStaff: hasRole(person.role, backOfficeRoles) })
  if (refusal)
    return { ok: false, reason: refusal, idea: refusal === 'hidden' ? null : shown, person }
  const body = stripQuotedReply(text).trim()
  if (!body) return { ok: false, reason: 'empty', idea: shown, person }
  // The web's limit, said as such (cutting it short would post half a message).
  if (body.length > COMMENT_MAX) return { ok: false, reason: 'tooLong', idea: shown, person }
  const submissionKey = submissionKeyOf({ messageKey, token, body })
  const [earlier] = await db()
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.authorId, person.id), eq(comments.submissionKey, submissionKey)))
  if (earlier)
    return {
      ok: true,
      kind: 'comment',
      commentId: earlier.id,
      ideaId,
      customerId: person.id,
      duplicate: true,
    }
  const limit = await hitRateLimit({
    rule: rateLimitRules.emailReplyPerUser,
    subject: String(person.id),
  })
  if (!limit.allowed) return { ok: false, reason: 'tooMany', idea: shown, person }
  const posted = await postComment({
    actor: { id: person.id },
    ideaId,
    body,
    channel: 'email',
    submissionKey,
  })
  if (!posted.ok) return { ok: false, reason: commentErrors[posted.reason], idea: shown, person }
  return {
    ok: true,
    kind: 'comment',
    commentId: posted.commentId,
    ideaId,
    customerId: person.id,
    duplicate: false,
  }
}

/**
 * The comment's submission key: the Message-ID plus the token and the body's hash, so a provider's
 * retry of the same message finds the comment it posted, while a guessed Message-ID (another token
 * or another body) blocks nothing.
 */
const submissionKeyOf = ({
  messageKey,
  token,
  body,
}: {
  messageKey: string
  token: string
  body: string
}) =>
  `email-${createHash('sha256')
    .update(
      `${messageKey}\n${token.toLowerCase()}\n${createHash('sha256').update(body).digest('hex')}`,
    )
    .digest('hex')
    .slice(0, 40)}`

/**
 * Queues the one short explanation the token's person gets, at their account address (at most one
 * per person and reason an hour, so a later, different failure is still explained); whether it was queued.
 */
async function explainRefusal({
  person,
  reason,
  idea,
  messageKey,
}: {
  person: TokenPerson
  reason: ReplyRefusal
  idea?: { id: number; slug: string } | null
  messageKey: string
}) {
  const limit = await hitRateLimit({
    rule: rateLimitRules.replyRefusalPerAddress,
    subject: `${person.id}:${reason}`,
  })
  if (!limit.allowed) return false
  const queued = await queueEmail({
    kind: 'reply-refused',
    input: {
      explanation: reason === 'autoReply' ? 'forged' : reason,
      max: COMMENT_MAX,
      idea: idea ?? null,
    },
    locale: (person.locale ?? env().DEFAULT_LOCALE) as Locale,
    brand: await getBranding(),
    userId: person.id,
    toAddress: person.email,
    dedupeKey: `reply-refused:${createHash('sha256').update(messageKey).digest('hex').slice(0, 40)}:${reason}`,
  })
  return queued !== null
}
