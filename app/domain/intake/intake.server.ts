// Staff capture ideas and votes on behalf of customers who spoke to them in a store, on the phone,
// by email or on social media. The customer is one person whatever the channel: found by email,
// or created as an unclaimed person whose history becomes theirs when they sign up and verify.
import { and, eq, sql } from 'drizzle-orm'
import { db, type Executor } from '#app/db/db.server'
import { categories, comments, follows, ideas, notifications, users, votes } from '#app/db/schema'
import { hasRole, intakeRoles, type Role } from '#app/domain/accounts/accounts.rules'
import { recordAudit } from '#app/domain/audit/audit.server'
import { handleFromName } from '#app/domain/accounts/accounts.rules'
import { acknowledgeIdea } from '#app/domain/ideas/posting.server'
import { createIdea, recountIdeas } from '#app/domain/ideas/ideas.server'
import { recountPoints } from '#app/domain/points/points.server'
import { castVote } from '#app/domain/votes/votes.server'
import type { IdeaKind } from '#app/domain/ideas/ideas.rules'
import type { Channel } from './channels'
import type { CaptureCustomer } from './intake.schema'

/** Who the idea is for and where it came in (the console's channels, or the API's). */
type CustomerInput = Omit<CaptureCustomer, 'channel'> & { channel: Channel }

type Actor = { id: number; role: Role }

/** The person with this address: their account, or the captured person, or a new captured person. */
export async function findOrCaptureCustomer({ executor = db(), customer }: { executor?: Executor; customer: Pick<CaptureCustomer, 'email' | 'name' | 'phone'> }) {
  const email = customer.email.trim().toLowerCase()
  const [account] = await executor.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email} and ${users.unclaimedSince} is null`)
  if (account) return { id: account.id, created: false }
  const [captured] = await executor.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email} and ${users.unclaimedSince} is not null`)
  if (captured) return { id: captured.id, created: false }
  const displayName = customer.name.trim() || email.split('@')[0]!.slice(0, 50)
  const base = handleFromName(displayName)
  const [created] = await executor
    .insert(users)
    .values({ email, displayName, handle: `${base}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`, passwordHash: null, unclaimedSince: sql`now()`, phone: customer.phone || null })
    .onConflictDoNothing()
    .returning({ id: users.id })
  if (created) return { id: created.id, created: true }
  // Another agent captured the same person a moment ago.
  const [again] = await executor.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`)
  return { id: again!.id, created: false }
}

export type CaptureResult = { ok: true; ideaId: number; customerId: number } | { ok: false; error: 'forbidden' | 'category' | 'notFound' | 'refused' }

export async function captureIdea({
  actor,
  customer,
  idea,
}: {
  actor: Actor
  customer: CustomerInput
  idea: { kind: IdeaKind; categoryId: number; title: string; description: string }
}): Promise<CaptureResult> {
  if (!hasRole(actor.role, intakeRoles)) return { ok: false, error: 'forbidden' }
  const [category] = await db()
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.id, idea.categoryId), eq(categories.kind, idea.kind), eq(categories.retired, false)))
  if (!category) return { ok: false, error: 'category' }
  const person = await findOrCaptureCustomer({ customer })
  const created = await createIdea({
    authorId: person.id,
    kind: idea.kind,
    categoryId: category.id,
    title: idea.title,
    description: idea.description,
    channel: customer.channel,
    externalRef: customer.externalRef || null,
  })
  if (customer.channel === 'social' && customer.network) {
    await db().update(ideas).set({ channelNetwork: customer.network }).where(eq(ideas.id, created.id))
  }
  await recordAudit({
    executor: db(),
    actorId: actor.id,
    action: 'intake.idea',
    targetType: 'idea',
    targetId: created.id,
    after: { customerId: person.id, channel: customer.channel, network: customer.network ?? null, externalRef: customer.externalRef || null },
  })
  // The same acknowledgement as on the web: in the app (for when they sign up) and by email now.
  await acknowledgeIdea({ idea: created, authorId: person.id })
  return { ok: true, ideaId: created.id, customerId: person.id }
}

/** Adds the customer's vote to an existing idea instead of filing a duplicate. */
export async function captureVote({ actor, customer, ideaId }: { actor: Actor; customer: CustomerInput; ideaId: number }): Promise<CaptureResult> {
  if (!hasRole(actor.role, intakeRoles)) return { ok: false, error: 'forbidden' }
  const person = await findOrCaptureCustomer({ customer })
  const result = await castVote({ actor: { id: person.id }, ideaId, direction: 'up', channel: customer.channel })
  if (!result.ok) return { ok: false, error: result.reason === 'notFound' ? 'notFound' : 'refused' }
  await recordAudit({ executor: db(), actorId: actor.id, action: 'intake.vote', targetType: 'idea', targetId: ideaId, after: { customerId: person.id, channel: customer.channel } })
  return { ok: true, ideaId, customerId: person.id }
}

/**
 * After a person verifies their address, everything captured for that address becomes theirs:
 * ideas, votes (their own vote wins where both exist), comments, follows and notifications. Runs
 * once: the captured person is marked as claimed inside the same transaction.
 */
export async function claimCapturedHistory({ userId }: { userId: number }) {
  return db().transaction(async (tx) => {
    const [account] = await tx.select({ email: users.email, verified: users.emailVerifiedAt }).from(users).where(eq(users.id, userId)).for('update')
    if (!account?.verified) return { claimed: false as const }
    const [captured] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${account.email.toLowerCase()} and ${users.unclaimedSince} is not null and ${users.claimedById} is null`)
      .for('update')
    if (!captured) return { claimed: false as const }
    const ideaIds = (await tx.select({ id: ideas.id }).from(ideas).where(eq(ideas.authorId, captured.id))).map((row) => row.id)
    const votedIds = (await tx.select({ id: votes.ideaId }).from(votes).where(eq(votes.userId, captured.id))).map((row) => row.id)
    await tx.update(ideas).set({ authorId: userId }).where(eq(ideas.authorId, captured.id))
    await tx.execute(sql`insert into ${votes} (idea_id, user_id, value, channel, created_at, updated_at)
                         select idea_id, ${userId}::int, value, channel, created_at, updated_at from ${votes} where user_id = ${captured.id}
                         on conflict (idea_id, user_id) do nothing`)
    await tx.delete(votes).where(eq(votes.userId, captured.id))
    await tx.update(comments).set({ authorId: userId }).where(eq(comments.authorId, captured.id))
    await tx.execute(sql`insert into ${follows} (idea_id, user_id, created_at)
                         select idea_id, ${userId}::int, created_at from ${follows} where user_id = ${captured.id}
                         on conflict (idea_id, user_id) do nothing`)
    await tx.delete(follows).where(eq(follows.userId, captured.id))
    await tx.execute(sql`update ${notifications} n set user_id = ${userId}
                         where n.user_id = ${captured.id}
                           and not exists (select 1 from ${notifications} m where m.user_id = ${userId} and m.dedupe_key = n.dedupe_key)`)
    await tx.update(users).set({ claimedById: userId, email: sql`'claimed-' || ${captured.id} || '@ideabox.invalid'` }).where(eq(users.id, captured.id))
    const touched = [...new Set([...ideaIds, ...votedIds])]
    if (touched.length) await recountIdeas({ ideaIds: touched, executor: tx })
    await recountPoints({ executor: tx, userIds: [userId, captured.id] })
    return { claimed: true as const, ideas: ideaIds.length }
  })
}
