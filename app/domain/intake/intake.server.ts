// Staff capture ideas and votes on behalf of customers who spoke to them in a store, on the phone,
// by email or on social media. Capture only ever writes as an unclaimed captured person, found or
// created by email: an address is no proof of identity, so nothing is written as a registered
// account (and never as staff). The history becomes an account's when its owner verifies the
// address, or, for an address that already has an account, when they follow the signed link in the
// "captured this for you — is it yours?" email while signed in and confirm.
import { and, asc, eq, ne, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'

import { db, type Executor } from '#app/db/db.server'
import {
  categories,
  comments,
  follows,
  ideas,
  notifications,
  statuses,
  users,
  votes,
} from '#app/db/schema'
import { inIdList } from '#app/db/sql.server'
import { hasRole, intakeRoles, type Locale, type Role } from '#app/domain/accounts/accounts.rules'
import { handleFromName } from '#app/domain/accounts/accounts.rules'
import { rotateSession, type SigningInBrowser } from '#app/domain/accounts/sessions.server'
import {
  confirmEmailChange,
  type EmailChangeResult,
  lookUpConfirmationLink,
  verifyEmail,
} from '#app/domain/accounts/tokens.server'
import { recordAudit } from '#app/domain/audit/audit.server'
import type { Channel } from '#app/domain/channels/channels'
import type { SimilarIdea } from '#app/domain/ideas/ideas.rules'
import type { IdeaKind } from '#app/domain/ideas/ideas.rules'
import { createIdeaOnce, recountIdeas } from '#app/domain/ideas/ideas.server'
import {
  acknowledgeIdea,
  findBySubmission,
  findSimilarIdeas,
} from '#app/domain/ideas/posting.server'
import { statusDisplayColumns } from '#app/domain/ideas/status-display.server'
import {
  type CapturedItem,
  type EmailContext,
  type EmailInput,
  queueEmail,
} from '#app/domain/mail/emails.server'
import { sign, verify } from '#app/domain/mail/secrets.server'
import { notify } from '#app/domain/notifications/notifications.server'
import { recountPoints } from '#app/domain/points/points.server'
import { promisedDayText, workingCalendar } from '#app/domain/promises/promises.server'
import { getBranding as branding } from '#app/domain/settings/settings.server'
import type { VoteRefusal } from '#app/domain/votes/votes.rules'
import { castVote } from '#app/domain/votes/votes.server'
import { env } from '#app/utils/env.server'

import {
  CAPTURE_CLAIM_DAYS,
  captureClaimPayload,
  claimExpiry,
  confirmationReceiptExpiry,
  confirmationReceiptPayload,
  customerVoteRefusal,
  intakeAutomaticLanguage,
  mayClaimCaptured,
  readCaptureClaimPayload,
  readConfirmationReceiptPayload,
} from './intake.rules'
import type { CaptureCustomer } from './intake.schema'

/** Who the idea is for and where it came in (the console's channels, or the API's). */
type CustomerInput = Omit<CaptureCustomer, 'channel'> & { channel: Channel }

type Actor = { id: number; role: Role }

/** Who captured it, as the confirmation email names them: the agent at the console, or "our team" (API). */
export type CapturedVia = 'console' | 'api'

type AccountHolder = { id: number; role: Role; locale: Locale; email: string }

/**
 * The captured person for this address (found or created), never a registered account. When an
 * account holds the address, it is returned beside (for the confirmation email), not used.
 *
 * The language the captured person's emails are written in: the account's when an account holds
 * the address (one person, one language, whichever email comes first), else the one the agent
 * chose (`language`), else the one the captured person already has, else `automatic` (the idea's
 * language, else the agent's page's, else the site's default).
 */
export async function findOrCaptureCustomer({
  executor = db(),
  customer,
  automatic = env().DEFAULT_LOCALE,
}: {
  executor?: Executor
  customer: Pick<CaptureCustomer, 'email' | 'name' | 'phone'> & { language?: Locale }
  automatic?: Locale
}) {
  const email = customer.email.trim().toLowerCase()
  const [account] = await executor
    .select({ id: users.id, role: users.role, locale: users.locale, email: users.email })
    .from(users)
    .where(sql`lower(${users.email}) = ${email} and ${users.unclaimedSince} is null`)
  const decided = account?.locale ?? customer.language
  const existingCaptured = () =>
    executor
      .select({ id: users.id, locale: users.locale })
      .from(users)
      .where(
        sql`lower(${users.email}) = ${email} and ${users.unclaimedSince} is not null and ${users.claimedById} is null`,
      )
  const found = async (captured: { id: number; locale: Locale }, created: boolean) => {
    if (decided && decided !== captured.locale)
      await executor.update(users).set({ locale: decided }).where(eq(users.id, captured.id))
    return { id: captured.id, created, account: account ?? null }
  }
  const [captured] = await existingCaptured()
  if (captured) return found(captured, false)
  const displayName = customer.name.trim() || email.split('@')[0]!.slice(0, 50)
  const base = handleFromName(displayName)
  const [created] = await executor
    .insert(users)
    .values({
      email,
      displayName,
      handle: `${base}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`,
      passwordHash: null,
      unclaimedSince: sql`now()`,
      phone: customer.phone || null,
      locale: decided ?? automatic,
    })
    .onConflictDoNothing()
    .returning({ id: users.id })
  if (created) return { id: created.id, created: true, account: account ?? null }
  // Another agent captured the same person a moment ago.
  const [again] = await existingCaptured()
  return found(again!, false)
}

/** An "is it yours?" email, ready to be written and queued later inside the capture's transaction. */
export type Confirmation = {
  capturedId: number
  account: AccountHolder
  input: EmailInput<'capture-confirm'>
  brand: EmailContext['brand']
}

/**
 * The email asking the account holder of a captured address whether the idea or vote is theirs,
 * with a signed, expiring link to confirm while signed in; null when no account holds the address,
 * and for staff, who never take captured history over (see intake.rules). Gathered before the
 * transaction (it reads the settings and the signing key), written when it is queued.
 */
export async function confirmationFor({
  account,
  capturedId,
  item,
}: {
  account: AccountHolder | null
  capturedId: number
  item: CapturedItem
}): Promise<Confirmation | null> {
  if (!account || !mayClaimCaptured(account.role)) return null
  const token = await sign(
    captureClaimPayload({ capturedId, accountId: account.id, expiresAt: claimExpiry() }),
  )
  return {
    capturedId,
    account,
    input: { item, token, days: CAPTURE_CLAIM_DAYS },
    brand: await branding(),
  }
}

/** Queues the confirmation (if any) in the capture's transaction, once per captured idea or vote. */
export async function queueConfirmation({
  executor,
  confirmation,
  ideaId,
  dueAt = null,
}: {
  executor: Executor
  confirmation: Confirmation | null
  ideaId: number
  /** A captured idea's promised first answer: the confirmation says it, as the acknowledgement would. */
  dueAt?: Date | null
}) {
  if (!confirmation) return
  const { capturedId, account, input, brand } = confirmation
  const dueText = dueAt
    ? promisedDayText(dueAt, account.locale, (await workingCalendar({ executor })).timeZone)
    : undefined
  await queueEmail({
    executor,
    kind: 'capture-confirm',
    input: dueText ? { ...input, item: { ...input.item, dueText } } : input,
    locale: account.locale,
    brand,
    userId: account.id,
    toAddress: account.email,
    dedupeKey: `capture-confirm:${input.item.kind}:${capturedId}:${ideaId}`,
  })
}

async function agentName(actor: Actor, via: CapturedVia) {
  if (via === 'api') return null
  const [agent] = await db()
    .select({ name: users.displayName })
    .from(users)
    .where(eq(users.id, actor.id))
  return agent?.name ?? null
}

export type CaptureResult =
  | {
      ok: true
      ideaId: number
      customerId: number
      alreadyVoted?: boolean
      /** The capture was sent before (its submission key): this is the idea it filed then. */
      duplicateSubmit?: boolean
    }
  | { ok: false; reason: 'forbidden' | 'category' | 'notFound' | 'closed' | 'refused' }

/** Why an idea cannot go under the chosen category: there is no such (active) one, or it is another kind's. */
type CategoryRefusal = 'category' | 'categoryOfOtherKind'

/** The category an idea of this kind is filed under: it exists, is not retired, and is one of the kind's. */
async function categoryForKind({
  kind,
  categoryId,
}: {
  kind: IdeaKind
  categoryId: number
}): Promise<{ ok: true; id: number } | { ok: false; reason: CategoryRefusal }> {
  const [category] = await db()
    .select({ id: categories.id, kind: categories.kind, retired: categories.retired })
    .from(categories)
    .where(eq(categories.id, categoryId))
  if (!category || category.retired) return { ok: false, reason: 'category' }
  if (category.kind !== kind) return { ok: false, reason: 'categoryOfOtherKind' }
  return { ok: true, id: category.id }
}

export type IdeaCheckResult =
  { ok: true; similar: IdeaForCustomer[] } | { ok: false; reason: CategoryRefusal }

/**
 * The agent's check before filing (it files nothing): the category fits the kind, as filing will
 * require, and the ideas like this one: open ones could take the customer's vote instead, closed ones
 * tell the agent what became of the same wish.
 */
export async function checkCapturedIdea({
  idea,
}: {
  idea: { kind: IdeaKind; categoryId: number; title: string }
}): Promise<IdeaCheckResult> {
  const category = await categoryForKind(idea)
  if (!category.ok) return category
  return { ok: true, similar: await findSimilarIdeasForCustomer({ text: idea.title, limit: 5 }) }
}

/**
 * Files the idea as the captured person for the customer's address, in one transaction with its
 * audit row, acknowledgement and (when an account holds the address) the confirmation email. The
 * answer is the same whether or not the address has an account. The same submission key for the
 * same customer files once, also when both arrive at once: the second is answered with the first's
 * idea and adds nothing (no audit row, acknowledgement or email).
 */
export async function captureIdea({
  actor,
  customer,
  idea,
  submissionKey,
  via = 'console',
  pageLocale,
}: {
  actor: Actor
  customer: CustomerInput
  idea: { kind: IdeaKind; categoryId: number; title: string; description: string }
  /** One per capture form (or API request): a double submit sends the same one. */
  submissionKey?: string
  via?: CapturedVia
  /** The agent's page's language: a new customer's, when none was chosen and the idea's can't be told. */
  pageLocale?: Locale
}): Promise<CaptureResult> {
  if (!hasRole(actor.role, intakeRoles)) return { ok: false, reason: 'forbidden' }
  const category = await categoryForKind(idea)
  // The API and the console's last step say one thing about any category that does not fit.
  if (!category.ok) return { ok: false, reason: 'category' }
  const person = await findOrCaptureCustomer({
    customer,
    automatic: intakeAutomaticLanguage(idea, pageLocale ?? env().DEFAULT_LOCALE),
  })
  const sentBefore = (executor: Executor) =>
    submittedBefore({ executor, customerId: person.id, submissionKey })
  const earlier = await sentBefore(db())
  if (earlier) return earlier
  const item = {
    kind: 'idea' as const,
    title: idea.title,
    channel: customer.channel,
    by: person.account ? await agentName(actor, via) : null,
  }
  const confirmation = await confirmationFor({
    account: person.account,
    capturedId: person.id,
    item,
  })
  return db().transaction(async (tx) => {
    const created = await createIdeaOnce({
      executor: tx,
      authorId: person.id,
      kind: idea.kind,
      categoryId: category.id,
      title: idea.title,
      description: idea.description,
      channel: customer.channel,
      externalRef: customer.externalRef || null,
      submissionKey,
    })
    // Not filed: the same submission, sent at the same time, filed it (the insert waited for its commit).
    if (!created) {
      const first = await sentBefore(tx)
      if (first) return first
      throw new Error('The capture was neither filed nor found')
    }
    if (customer.channel === 'social' && customer.network) {
      await tx
        .update(ideas)
        .set({ channelNetwork: customer.network })
        .where(eq(ideas.id, created.id))
    }
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'intake.idea',
      targetType: 'idea',
      targetId: created.id,
      after: {
        customerId: person.id,
        channel: customer.channel,
        network: customer.network ?? null,
        externalRef: customer.externalRef || null,
      },
    })
    // The same acknowledgement as on the web: in the app (for when they sign up) and by email now;
    // for an address with an account, by the confirmation email, which says the promised day too.
    await acknowledgeIdea({
      executor: tx,
      idea: created,
      authorId: person.id,
      email: !confirmation,
    })
    await queueConfirmation({
      executor: tx,
      confirmation,
      ideaId: created.id,
      dueAt: created.firstResponseDueAt,
    })
    return { ok: true as const, ideaId: created.id, customerId: person.id }
  })
}

/** The idea an earlier capture with this submission key filed for the customer, as that capture's answer. */
async function submittedBefore({
  executor,
  customerId,
  submissionKey,
}: {
  executor: Executor
  customerId: number
  submissionKey: string | undefined
}) {
  if (!submissionKey) return undefined
  const idea = await findBySubmission({ executor, authorId: customerId, submissionKey })
  if (!idea) return undefined
  return { ok: true as const, ideaId: idea.id, customerId, duplicateSubmit: true }
}

/** Adds the customer's vote (as their captured person) to an existing idea instead of filing a duplicate. */
export async function captureVote({
  actor,
  customer,
  ideaId,
  via = 'console',
  pageLocale,
}: {
  actor: Actor
  customer: CustomerInput
  ideaId: number
  via?: CapturedVia
  /** The agent's page's language: a new customer's when none was chosen (another's idea says nothing of theirs). */
  pageLocale?: Locale
}): Promise<CaptureResult> {
  if (!hasRole(actor.role, intakeRoles)) return { ok: false, reason: 'forbidden' }
  const person = await findOrCaptureCustomer({ customer, automatic: pageLocale })
  // Captured again (a second call, a second agent): the vote stands; nothing to add, audit or confirm.
  const hasVoted = async (executor: Executor) =>
    (
      await executor
        .select({ value: votes.value })
        .from(votes)
        .where(and(eq(votes.ideaId, ideaId), eq(votes.userId, person.id)))
    )[0]?.value === 1
  if (await hasVoted(db())) return { ok: true, ideaId, customerId: person.id, alreadyVoted: true }
  let confirmation: Confirmation | null = null
  if (person.account) {
    const [voted] = await db()
      .select({ title: ideas.title })
      .from(ideas)
      .where(eq(ideas.id, ideaId))
    const item = {
      kind: 'vote' as const,
      title: voted?.title ?? '',
      channel: customer.channel,
      by: await agentName(actor, via),
    }
    confirmation = await confirmationFor({ account: person.account, capturedId: person.id, item })
  }
  return db().transaction(async (tx) => {
    if (await hasVoted(tx))
      return { ok: true as const, ideaId, customerId: person.id, alreadyVoted: true }
    const result = await castVote({
      executor: tx,
      actor: { id: person.id },
      ideaId,
      direction: 'up',
      channel: customer.channel,
    })
    if (!result.ok) {
      // A closed idea is said beside it on the console; anything else (a suspended customer…) above.
      const reason =
        result.reason === 'notFound' || result.reason === 'closed' ? result.reason : 'refused'
      return { ok: false as const, reason }
    }
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'intake.vote',
      targetType: 'idea',
      targetId: ideaId,
      after: { customerId: person.id, channel: customer.channel },
    })
    // By email only when no confirmation goes to the address: that one says the vote was added.
    await acknowledgeCapturedVote({
      executor: tx,
      ideaId,
      customerId: person.id,
      email: !confirmation,
    })
    await queueConfirmation({ executor: tx, confirmation, ideaId })
    return { ok: true as const, ideaId, customerId: person.id, alreadyVoted: false }
  })
}

/**
 * The customer's acknowledgement of a vote just captured for them, in the capture's transaction: a
 * notification like every other (in the app, and by email unless they switched it off), naming the
 * idea and its status now. Voting made them follow it (castVote), so the status notifications tell
 * them when that changes. Once per customer and idea.
 */
async function acknowledgeCapturedVote({
  executor,
  ideaId,
  customerId,
  email,
}: {
  executor: Executor
  ideaId: number
  customerId: number
  email: boolean
}) {
  const [status] = await executor
    .select({ nameEn: statuses.nameEn, nameNl: statuses.nameNl })
    .from(ideas)
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    .where(eq(ideas.id, ideaId))
  if (!status) return
  await notify({
    executor,
    type: 'vote-received',
    ideaId,
    payload: { nameEn: status.nameEn, nameNl: status.nameNl },
    dedupeKey: `vote-received:${ideaId}`,
    recipients: { userIds: [customerId] },
    email,
  })
}

/**
 * Moves everything of a captured person to the account, in the caller's transaction with both rows
 * locked: ideas, votes (the account's own vote wins where both exist, so each person counts once),
 * comments, follows and notifications; then marks the captured person claimed and recounts.
 */
async function moveCapturedHistory(
  tx: Executor,
  { capturedId, userId }: { capturedId: number; userId: number },
) {
  const ideaIds = (
    await tx.select({ id: ideas.id }).from(ideas).where(eq(ideas.authorId, capturedId))
  ).map((row) => row.id)
  const votedIds = (
    await tx.select({ id: votes.ideaId }).from(votes).where(eq(votes.userId, capturedId))
  ).map((row) => row.id)
  await tx.update(ideas).set({ authorId: userId }).where(eq(ideas.authorId, capturedId))
  await tx.execute(sql`insert into ${votes} (idea_id, user_id, value, channel, created_at, updated_at)
                       select idea_id, ${userId}::int, value, channel, created_at, updated_at from ${votes} where user_id = ${capturedId}
                       on conflict (idea_id, user_id) do nothing`)
  await tx.delete(votes).where(eq(votes.userId, capturedId))
  await tx.update(comments).set({ authorId: userId }).where(eq(comments.authorId, capturedId))
  await tx.execute(sql`insert into ${follows} (idea_id, user_id, created_at)
                       select idea_id, ${userId}::int, created_at from ${follows} where user_id = ${capturedId}
                       on conflict (idea_id, user_id) do nothing`)
  await tx.delete(follows).where(eq(follows.userId, capturedId))
  await tx.execute(sql`update ${notifications} n set user_id = ${userId}
                       where n.user_id = ${capturedId}
                         and not exists (select 1 from ${notifications} m where m.user_id = ${userId} and m.dedupe_key = n.dedupe_key)`)
  await tx
    .update(users)
    .set({ claimedById: userId, email: sql`'claimed-' || ${capturedId} || '@ideabox.invalid'` })
    .where(eq(users.id, capturedId))
  const touched = [...new Set([...ideaIds, ...votedIds])]
  if (touched.length) await recountIdeas({ ideaIds: touched, executor: tx })
  await recountPoints({ executor: tx, userIds: [userId, capturedId] })
  return { ideas: ideaIds.length, votes: votedIds.length }
}

/**
 * After a customer verifies their address, everything captured for that address becomes theirs.
 * Runs once: the captured person is marked as claimed inside the same transaction. Staff accounts
 * never take captured history over (see intake.rules).
 */
export async function claimCapturedHistory({
  userId,
  executor = db(),
}: {
  userId: number
  executor?: Executor
}) {
  return executor.transaction(async (tx) => {
    const [account] = await tx
      .select({ email: users.email, verified: users.emailVerifiedAt, role: users.role })
      .from(users)
      .where(eq(users.id, userId))
      .for('update')
    if (!account?.verified || !mayClaimCaptured(account.role)) return { claimed: false as const }
    const [captured] = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        sql`lower(${users.email}) = ${account.email.toLowerCase()} and ${users.unclaimedSince} is not null and ${users.claimedById} is null`,
      )
      .for('update')
    if (!captured) return { claimed: false as const }
    const moved = await moveCapturedHistory(tx, { capturedId: captured.id, userId })
    return { claimed: true as const, ideas: moved.ideas, votes: moved.votes }
  })
}

export type VerificationLinkResult =
  | {
      ok: true
      redirectTo: string | null
      cookies: string[]
      /**
       * What the link did, signed, for the page after it (`readConfirmationReceipt`): only the browser
       * that opened it is told, for a while, that the address is confirmed.
       */
      receipt: string
    }
  | { ok: false; reason: 'invalidToken' | 'alreadyConfirmed' }

/**
 * Opening a verification link, one transaction: the link is spent, the address confirmed, what staff
 * captured for it taken over, and the browser signed in as its owner (ending the session it had,
 * decision 002). Any step failing leaves the link unspent, so opening it again retries them all.
 * A suspended person's address is confirmed, but they are not signed in.
 */
export async function openVerificationLink({
  token,
  browser,
  signedInAs,
}: {
  token: string
  browser: SigningInBrowser
  /** Who the browser is signed in as, if anyone. */
  signedInAs: number | null
}): Promise<VerificationLinkResult> {
  const opened = await db().transaction(async (tx) => {
    const verified = await verifyEmail({ token, executor: tx })
    if (!verified) return { ok: false, reason: 'invalidToken' } as const
    const claim = await claimCapturedHistory({ userId: verified.userId, executor: tx })
    // A link opened in a browser signed in as another person confirms the address but does not
    // switch who is signed in: otherwise anyone could mail a person the link of an account they
    // control and have them act as it unknowingly (found in review, 2026-12-06).
    const keptOtherAccount = signedInAs !== null && signedInAs !== verified.userId
    const cookies =
      verified.maySignIn && !keptOtherAccount
        ? await rotateSession({ userId: verified.userId, browser, executor: tx })
        : []
    return {
      ok: true,
      redirectTo: keptOtherAccount ? null : verified.redirectTo,
      cookies,
      shown: {
        // Who the browser is signed in as now: the owner it was just signed in as, else as it was.
        viewerId: cookies.length ? verified.userId : signedInAs,
        claimedIdeas: claim.claimed && !keptOtherAccount ? claim.ideas : 0,
        claimedVotes: claim.claimed && !keptOtherAccount ? claim.votes : 0,
        otherAccount: keptOtherAccount,
      },
    } as const
  })
  // Read after the transaction: a second press of the button is told the address is confirmed.
  if (!opened.ok) return { ok: false, reason: await spentLinkReason(token, 'verify-email') }
  // Signed after the transaction: the signing key may be read from the database the first time.
  const { shown, ...result } = opened
  const receipt = await sign(confirmationReceiptPayload(shown, confirmationReceiptExpiry()))
  return { ...result, receipt }
}

/**
 * What the page after a confirmation link may say (null: nothing, a neutral page): the receipt's,
 * when it is ours, has not expired, and is read by the browser it was made for.
 */
export async function readConfirmationReceipt({
  receipt,
  viewerId,
}: {
  receipt: string
  viewerId: number | null
}) {
  const shown = readConfirmationReceiptPayload(await verify(receipt))
  return shown && shown.viewerId === viewerId ? shown : null
}

/** Why a link could not be used: its address is confirmed already (a second press), or it is spent. */
async function spentLinkReason(token: string, purpose: 'verify-email' | 'change-email') {
  const link = await lookUpConfirmationLink({ token, purpose })
  return link.state === 'alreadyConfirmed'
    ? ('alreadyConfirmed' as const)
    : ('invalidToken' as const)
}

/** Using an email-change link: the new address becomes the account's and claims its captured history, in one transaction. */
export async function confirmEmailChangeAndClaim({
  token,
}: {
  token: string
}): Promise<EmailChangeResult | { ok: false; reason: 'alreadyConfirmed' }> {
  const result = await db().transaction(async (tx) => {
    const changed = await confirmEmailChange({ token, executor: tx })
    if (changed.ok) await claimCapturedHistory({ userId: changed.userId, executor: tx })
    return changed
  })
  if (result.ok || result.reason !== 'invalidToken') return result
  return { ok: false, reason: await spentLinkReason(token, 'change-email') }
}

export type CapturedClaimRefusal = 'invalid' | 'notYours' | 'staff' | 'claimed'
type ClaimTarget = NonNullable<ReturnType<typeof readCaptureClaimPayload>>
type ClaimCheck = { ok: true; capturedId: number } | { ok: false; reason: CapturedClaimRefusal }

/** Whether the signed-in person may take over the captured person a claim link names (rows locked when asked). */
async function checkCapturedClaim(
  executor: Executor,
  { target, userId, lock }: { target: ClaimTarget | null; userId: number; lock: boolean },
): Promise<ClaimCheck> {
  if (!target) return { ok: false, reason: 'invalid' }
  if (target.accountId !== userId) return { ok: false, reason: 'notYours' }
  const accountQuery = executor
    .select({ role: users.role })
    .from(users)
    .where(and(eq(users.id, userId), sql`${users.unclaimedSince} is null`))
  const [account] = lock ? await accountQuery.for('update') : await accountQuery
  if (!account) return { ok: false, reason: 'notYours' }
  if (!mayClaimCaptured(account.role)) return { ok: false, reason: 'staff' }
  const capturedQuery = executor
    .select({ claimedById: users.claimedById })
    .from(users)
    .where(and(eq(users.id, target.capturedId), sql`${users.unclaimedSince} is not null`))
  const [captured] = lock ? await capturedQuery.for('update') : await capturedQuery
  if (!captured) return { ok: false, reason: 'invalid' }
  if (captured.claimedById !== null) return { ok: false, reason: 'claimed' }
  return { ok: true, capturedId: target.capturedId }
}

/** What a claim link would move to the signed-in person's account (for the confirmation page). */
export async function getCapturedClaim({ token, userId }: { token: string; userId: number }) {
  const check = await checkCapturedClaim(db(), {
    target: readCaptureClaimPayload(await verify(token)),
    userId,
    lock: false,
  })
  if (!check.ok) return check
  const [authored, voted] = await Promise.all([
    db()
      .select({ id: ideas.id, slug: ideas.slug, title: ideas.title })
      .from(ideas)
      .where(eq(ideas.authorId, check.capturedId))
      .orderBy(asc(ideas.id)),
    db()
      .select({ id: ideas.id, slug: ideas.slug, title: ideas.title })
      .from(votes)
      .innerJoin(ideas, eq(ideas.id, votes.ideaId))
      .where(and(eq(votes.userId, check.capturedId), ne(ideas.authorId, check.capturedId)))
      .orderBy(asc(ideas.id)),
  ])
  return { ok: true as const, ideas: authored, votes: voted }
}

/**
 * The signed-in account holder confirms that what was captured for their address is theirs: it moves
 * to their account in one locked transaction, once. The link only works for the account it was sent
 * to, until it expires, and never for staff.
 */
export async function confirmCapturedClaim({ token, userId }: { token: string; userId: number }) {
  // Checked before the transaction: the signing key may be read from the database on first use.
  const target = readCaptureClaimPayload(await verify(token))
  return db().transaction(async (tx) => {
    const check = await checkCapturedClaim(tx, { target, userId, lock: true })
    if (!check.ok) return check
    const moved = await moveCapturedHistory(tx, { capturedId: check.capturedId, userId })
    return { ok: true as const, ...moved }
  })
}

/**
 * An idea the agent's search or check found, as the console shows it: closed ones too, so the agent
 * can tell the customer "this was built" or "this was declined" (the idea's page says why).
 */
export type IdeaForCustomer = SimilarIdea &
  CustomerVote & {
    /** A duplicate's original, where its votes went and the customer's may go (when it is public). */
    mergedInto: ({ id: number; slug: string; title: string } & CustomerVote) | null
  }

type CustomerVote = {
  /** What adding the customer's vote would be refused for (`customerVoteRefusal`), or null. */
  voteRefusal: VoteRefusal | null
}

const original = alias(ideas, 'original')
const originalStatus = alias(statuses, 'original_status')

/** The ideas found, each with what the vote rule says of the customer's vote, and a duplicate's original. */
async function forTheCustomer(found: SimilarIdea[]): Promise<IdeaForCustomer[]> {
  if (found.length === 0) return []
  const rows = await db()
    .select({
      id: ideas.id,
      isPublic: ideas.isPublic,
      statusCategory: statuses.category,
      originalId: original.id,
      originalSlug: original.slug,
      originalTitle: original.title,
      originalIsPublic: original.isPublic,
      originalStatusCategory: originalStatus.category,
    })
    .from(ideas)
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    .leftJoin(original, and(eq(original.id, ideas.mergedIntoId), eq(original.isPublic, true)))
    .leftJoin(originalStatus, eq(originalStatus.id, original.statusId))
    .where(
      inIdList(
        ideas.id,
        found.map((idea) => idea.id),
      ),
    )
  const byId = new Map(rows.map((row) => [row.id, row]))
  return found.flatMap((idea) => {
    const row = byId.get(idea.id)
    if (!row) return []
    const mergedInto =
      row.originalId !== null && row.originalStatusCategory !== null
        ? {
            id: row.originalId,
            slug: row.originalSlug!,
            title: row.originalTitle!,
            voteRefusal: customerVoteRefusal({
              statusCategory: row.originalStatusCategory,
              isPublic: row.originalIsPublic ?? false,
            }),
          }
        : null
    const voteRefusal = customerVoteRefusal({
      statusCategory: row.statusCategory,
      isPublic: row.isPublic ?? false,
    })
    return [{ ...idea, voteRefusal, mergedInto }]
  })
}

/** Ideas like the one the agent is capturing, open and closed, to vote on or to tell the customer about. */
async function findSimilarIdeasForCustomer(search: Parameters<typeof findSimilarIdeas>[0]) {
  return forTheCustomer(await findSimilarIdeas(search))
}

/**
 * The ideas an agent searches to add a customer's vote to, found by number (`123` or `#123`) or by
 * words of the title, each of which may be typed halfway ("crypto" finds "Pay with cryptocurrency"):
 * public ideas only, at most ten, the same shape as the similar-ideas list.
 * Closed ones are found too, labelled with why the vote cannot be added.
 */
export async function findIdeasToVoteOn({ query }: { query: string }): Promise<IdeaForCustomer[]> {
  const text = query.trim()
  const number = /^#?(\d{1,9})$/.exec(text)?.[1]
  if (!number) return findSimilarIdeasForCustomer({ text, limit: 10, prefixes: true })
  const rows = await db()
    .select({
      id: ideas.id,
      slug: ideas.slug,
      title: ideas.title,
      score: ideas.score,
      ...statusDisplayColumns,
    })
    .from(ideas)
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    .where(and(eq(ideas.id, Number(number)), eq(ideas.isPublic, true)))
  return forTheCustomer(rows)
}
