// Signed reply addresses (`reply+<token>@INBOUND_EMAIL_DOMAIN`): which person may answer which
// idea by replying to an email, until when. Read back by intake/email-replies.server.ts.
import { timingSafeEqual } from 'node:crypto'

import { eq, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import type { Role } from '#app/db/schema'
import { ideas, statuses } from '#app/db/schema'
import { backOfficeRoles, hasRole } from '#app/domain/accounts/accounts.rules'
import { macOf } from '#app/domain/mail/secrets.server'
import { env } from '#app/utils/env.server'

import {
  base32,
  expiryDay,
  isExpired,
  parseReplyToken,
  REPLY_PREFIX,
  type ReplyClaims,
  replyPayload,
  replyRefusalFor,
} from './email-replies.rules'

const SIGNATURE_BYTES = 15

async function signatureOf(payload: string) {
  return base32((await macOf('reply-to', payload)).subarray(0, SIGNATURE_BYTES))
}

/**
 * The address a reply to this person's email about this idea goes to, valid for 90 days; null when
 * no inbound domain is configured (INBOUND_EMAIL_DOMAIN).
 */
export async function replyAddressFor({
  recipientId,
  ideaId,
  now = new Date(),
}: {
  recipientId: number
  ideaId: number
  now?: Date
}) {
  const domain = env().INBOUND_EMAIL_DOMAIN
  if (!domain) return null
  const payload = replyPayload({ recipientId, ideaId, expiresDay: expiryDay(now) })
  return `${REPLY_PREFIX}${payload}-${await signatureOf(payload)}@${domain.toLowerCase()}`
}

/** The claims of a reply token we signed and that has not expired (an expired one we signed keeps its claims: its person may be told). */
export async function readReplyToken(
  token: string,
  now = new Date(),
): Promise<
  | { ok: true; claims: ReplyClaims }
  | { ok: false; reason: 'forged' }
  | { ok: false; reason: 'expired'; claims: ReplyClaims }
> {
  const parsed = parseReplyToken(token)
  if (!parsed) return { ok: false, reason: 'forged' }
  const expected = Buffer.from(await signatureOf(parsed.payload))
  const given = Buffer.from(parsed.signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'forged' }
  if (isExpired(parsed.claims, now)) return { ok: false, reason: 'expired', claims: parsed.claims }
  return { ok: true, claims: parsed.claims }
}

/** Whether the idea takes a reply by email from this person now (what the notification email offers). */
export async function ideaTakesReplies({ ideaId, role }: { ideaId: number; role: Role }) {
  const idea = await replyIdeaState(ideaId)
  return (
    idea !== null && replyRefusalFor(idea, { isStaff: hasRole(role, backOfficeRoles) }) === null
  )
}

export async function replyIdeaState(ideaId: number) {
  const [idea] = await db()
    .select({
      id: ideas.id,
      slug: ideas.slug,
      withdrawn: sql<boolean>`${ideas.withdrawnAt} is not null`,
      hidden: sql<boolean>`${ideas.hiddenAt} is not null`,
      held: sql<boolean>`${ideas.heldAt} is not null`,
      mergedIntoId: ideas.mergedIntoId,
      statusSlug: statuses.slug,
      commentsLocked: sql<boolean>`${ideas.commentsLockedAt} is not null`,
    })
    .from(ideas)
    .leftJoin(statuses, eq(statuses.id, ideas.statusId))
    .where(eq(ideas.id, ideaId))
  return idea ?? null
}
