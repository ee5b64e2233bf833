// The product team's commands, against a real database: status changes with responses and
// notifications, merging duplicates, hiding content, suspensions, and the audit rows they write.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { auditLog, follows, notifications, outbox, statuses, votes } from '#app/db/schema'
import {
  addActivity,
  createTestIdea,
  createTestUser,
  getIdeaRow,
  TEST_PASSWORD,
} from '#app/demo/factories.server'
import { signIn } from '#app/domain/accounts/accounts.server'
import { liftSuspension, suspendPerson } from '#app/domain/accounts/people.server'
import { startSession, validateSession } from '#app/domain/accounts/sessions.server'
import { postComment } from '#app/domain/comments/comments.server'
import {
  countHeldIdeas,
  decideHeldIdea,
  hideContent,
  listHeldIdeas,
  restoreContent,
} from '#app/domain/moderation/moderation.server'
import { reportContent } from '#app/domain/moderation/reports.server'
import { renderQueuedMessage } from '#app/domain/notifications/messages.server'
import { headlineParams, inAppHeadline } from '#app/domain/notifications/notifications.rules'
import { getPointsOf } from '#app/domain/points/points.server'
import { saveSettings } from '#app/domain/settings/settings.server'
import { castVote } from '#app/domain/votes/votes.server'
import { translator } from '#app/utils/i18n/i18n'

import { withdrawIdea } from './editing.server'
import { listComments, listIdeas, listStatuses } from './ideas.server'
import { mergeIdeas } from './merging.server'
import { postIdea } from './posting.server'
import { changeStatus, listResponses, postOfficialResponse } from './responses.server'

async function statusId(slug: string) {
  const [row] = await db().select({ id: statuses.id }).from(statuses).where(eq(statuses.slug, slug))
  return row!.id
}

async function notificationsFor(userId: number, type: string) {
  return db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.type, type as 'status')))
}

async function auditFor(targetId: number, action: string) {
  return db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, targetId), eq(auditLog.action, action)))
}

describe('status changes', () => {
  it('move the idea, keep a timeline, notify author, followers and up-voters exactly once, and audit', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const author = await createTestUser({ password: null })
    const [fan, critic, follower, bystander] = await Promise.all(
      Array.from({ length: 4 }, () => createTestUser({ password: null })),
    )
    const idea = await createTestIdea({ authorId: author.id })
    await castVote({ actor: fan!, ideaId: idea.id, direction: 'up' })
    await castVote({ actor: critic!, ideaId: idea.id, direction: 'down' })
    await db().insert(follows).values({ ideaId: idea.id, userId: follower!.id })
    await db()
      .delete(follows)
      .where(and(eq(follows.ideaId, idea.id), eq(follows.userId, critic!.id)))

    const result = await changeStatus({
      actor: moderator,
      ideaIds: [idea.id],
      statusId: await statusId('under-review'),
      response: 'We are looking into it.',
    })
    expect(result).toEqual({ ok: true, changed: [idea.id], notified: 3 })
    const row = await getIdeaRow(idea.id)
    expect(row!.statusId).toBe(await statusId('under-review'))
    expect(row!.answeredAt).toBeInstanceOf(Date)

    for (const person of [author, fan!, follower!])
      expect(await notificationsFor(person.id, 'status'), `person ${person.id}`).toHaveLength(1)
    for (const person of [critic!, bystander!, moderator])
      expect(await notificationsFor(person.id, 'status')).toHaveLength(0)
    expect(await auditFor(idea.id, 'idea.status')).toHaveLength(1)

    const timeline = await listResponses({ ideaId: idea.id })
    expect(timeline).toMatchObject([
      { body: 'We are looking into it.', fromNameEn: 'New', toNameEn: 'Under review' },
    ])
  })

  it('refuses Declined without a reason, Duplicate without merging, and customers', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const idea = await createTestIdea()
    expect(
      await changeStatus({
        actor: moderator,
        ideaIds: [idea.id],
        statusId: await statusId('declined'),
        response: ' ',
      }),
    ).toMatchObject({ ok: false, reason: 'responseRequired' })
    expect(
      await changeStatus({
        actor: moderator,
        ideaIds: [idea.id],
        statusId: await statusId('duplicate'),
        response: 'x',
      }),
    ).toMatchObject({ ok: false, reason: 'useMerge' })
    const customer = await createTestUser({ password: null })
    expect(
      await changeStatus({
        actor: customer,
        ideaIds: [idea.id],
        statusId: await statusId('planned'),
        response: '',
      }),
    ).toEqual({ ok: false, reason: 'forbidden' })
    const marketer = await createTestUser({ role: 'marketer', password: null })
    expect(
      await changeStatus({
        actor: marketer,
        ideaIds: [idea.id],
        statusId: await statusId('planned'),
        response: '',
      }),
    ).toEqual({ ok: false, reason: 'forbidden' })
    expect((await getIdeaRow(idea.id))!.statusId).toBe(await statusId('new'))
  })

  it('keeps a merged idea a duplicate: no other status, alone or in a batch, so it cannot take votes of its own', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const original = await createTestIdea()
    const duplicate = await createTestIdea()
    const other = await createTestIdea()
    expect(
      await mergeIdeas({
        actor: moderator,
        duplicateId: duplicate.id,
        originalId: original.id,
        notifyPeople: false,
      }),
    ).toMatchObject({ ok: true })
    for (const ideaIds of [[duplicate.id], [other.id, duplicate.id]])
      expect(
        await changeStatus({
          actor: moderator,
          ideaIds,
          statusId: await statusId('planned'),
          response: 'We are on it.',
        }),
      ).toMatchObject({ ok: false, reason: 'merged', ideaId: duplicate.id })
    expect((await getIdeaRow(duplicate.id))!.statusId).toBe(await statusId('duplicate'))
    expect((await getIdeaRow(other.id))!.statusId).not.toBe(await statusId('planned'))
    const voter = await createTestUser({ password: null })
    expect(await castVote({ actor: voter, ideaId: duplicate.id, direction: 'up' })).toMatchObject({
      ok: false,
    })
  })

  it('changes many ideas at once, all or nothing, without notifying when asked not to', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const author = await createTestUser({ password: null })
    const first = await createTestIdea({ authorId: author.id })
    const second = await createTestIdea({ authorId: author.id })
    const planned = await createTestIdea({ authorId: author.id, statusSlug: 'planned' })
    // One idea already planned: nothing moves.
    expect(
      await changeStatus({
        actor: moderator,
        ideaIds: [first.id, planned.id],
        statusId: await statusId('planned'),
        response: '',
      }),
    ).toMatchObject({ ok: false, reason: 'sameStatus', ideaId: planned.id })
    expect((await getIdeaRow(first.id))!.statusId).toBe(await statusId('new'))
    expect(
      await changeStatus({
        actor: moderator,
        ideaIds: [first.id, second.id],
        statusId: await statusId('planned'),
        response: 'Both planned',
        notifyPeople: false,
      }),
    ).toMatchObject({ ok: true })
    expect(await notificationsFor(author.id, 'status')).toHaveLength(0)
  })

  it('award ten points when an idea launches, and take them back if it is un-launched', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const author = await createTestUser({ password: null })
    const idea = await createTestIdea({ authorId: author.id, statusSlug: 'in-progress' })
    await changeStatus({
      actor: moderator,
      ideaIds: [idea.id],
      statusId: await statusId('implemented'),
      response: 'Shipped!',
    })
    expect((await getPointsOf({ userId: author.id })).allTime).toMatchObject({
      ideasImplemented: 1,
      points: 10,
    })
    await changeStatus({
      actor: moderator,
      ideaIds: [idea.id],
      statusId: await statusId('in-progress'),
      response: 'Rolled back',
    })
    expect((await getPointsOf({ userId: author.id })).allTime).toMatchObject({
      ideasImplemented: 0,
      points: 0,
    })
  })

  it('posts an official response without a status change', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const author = await createTestUser({ password: null })
    const idea = await createTestIdea({ authorId: author.id })
    expect(
      await postOfficialResponse({
        actor: moderator,
        ideaId: idea.id,
        response: 'Thanks, good one.',
      }),
    ).toEqual({ ok: true })
    expect(await notificationsFor(author.id, 'response')).toHaveLength(1)
    expect((await getIdeaRow(idea.id))!.answeredAt).toBeInstanceOf(Date)
    expect((await listResponses({ ideaId: idea.id }))[0]).toMatchObject({
      body: 'Thanks, good one.',
      toSlug: null,
    })
  })
})

describe('merging duplicates', () => {
  it('moves votes without double-counting overlapping voters, moves followers, closes the duplicate, and is idempotent', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const original = await createTestIdea({ title: 'Oat milk for free' })
    const duplicate = await createTestIdea({ title: 'Free oat milk please' })
    const people = await Promise.all(
      Array.from({ length: 5 }, () => createTestUser({ password: null })),
    )
    // people 0-1 voted on both (0 up on both, 1 down on the original and up on the duplicate),
    // people 2-3 only on the duplicate, person 4 only follows the duplicate.
    await addActivity({
      votes: [
        { ideaId: original.id, userId: people[0]!.id, value: 1 },
        { ideaId: original.id, userId: people[1]!.id, value: -1 },
        { ideaId: duplicate.id, userId: people[0]!.id, value: 1 },
        { ideaId: duplicate.id, userId: people[1]!.id, value: 1 },
        { ideaId: duplicate.id, userId: people[2]!.id, value: 1 },
        { ideaId: duplicate.id, userId: people[3]!.id, value: -1 },
      ],
    })
    await db().insert(follows).values({ ideaId: duplicate.id, userId: people[4]!.id })
    await postComment({ actor: people[2]!, ideaId: duplicate.id, body: 'Stays here' })

    const result = await mergeIdeas({
      actor: moderator,
      duplicateId: duplicate.id,
      originalId: original.id,
    })
    expect(result).toMatchObject({ ok: true, alreadyMerged: false })

    const originalVotes = await db().select().from(votes).where(eq(votes.ideaId, original.id))
    const byUser = new Map(originalVotes.map((vote) => [vote.userId, vote.value]))
    expect(byUser.get(people[0]!.id)).toBe(1)
    expect(byUser.get(people[1]!.id)).toBe(-1) // their vote on the original stands
    expect(byUser.get(people[2]!.id)).toBe(1)
    expect(byUser.get(people[3]!.id)).toBe(-1)
    // Authors of both ideas up-voted their own; the duplicate's author now counts on the original.
    const after = (await getIdeaRow(original.id))!
    expect({ up: after.upVotes, down: after.downVotes }).toEqual({
      up: originalVotes.filter((vote) => vote.value === 1).length,
      down: originalVotes.filter((vote) => vote.value === -1).length,
    })
    expect(after.upVotes).toBe(4) // original author, duplicate author, people 0 and 2
    expect(after.downVotes).toBe(2)

    const followerIds = (
      await db().select().from(follows).where(eq(follows.ideaId, original.id))
    ).map((row) => row.userId)
    expect(followerIds).toContain(people[4]!.id)
    const closed = (await getIdeaRow(duplicate.id))!
    expect(closed).toMatchObject({
      mergedIntoId: original.id,
      upVotes: 0,
      downVotes: 0,
      commentCount: 1,
      statusId: await statusId('duplicate'),
    })
    expect(await listComments({ ideaId: duplicate.id })).toHaveLength(1)
    expect(await auditFor(duplicate.id, 'idea.merge')).toHaveLength(1)

    expect(
      await mergeIdeas({ actor: moderator, duplicateId: duplicate.id, originalId: original.id }),
    ).toMatchObject({ ok: true, alreadyMerged: true })
    expect((await getIdeaRow(original.id))!.upVotes).toBe(4)
    expect(
      await mergeIdeas({ actor: moderator, duplicateId: original.id, originalId: duplicate.id }),
    ).toMatchObject({ ok: false, reason: 'originalIsMerged' })
  })

  it('merges into a closed idea of every closed status: the votes count there as support, and its people are told what became of it', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const closed = (await listStatuses()).filter(
      // Duplicate is where merging puts the duplicate, never an original (that one is merged).
      (status) => status.category === 'closed' && status.slug !== 'duplicate',
    )
    expect(closed.map((status) => status.slug).sort()).toEqual(['declined', 'implemented'])
    for (const status of closed) {
      const original = await createTestIdea({ statusSlug: status.slug })
      const duplicate = await createTestIdea()
      const [voter, follower] = await Promise.all([
        createTestUser({ password: null, locale: 'nl' }),
        createTestUser({ password: null }),
      ])
      await addActivity({ votes: [{ ideaId: duplicate.id, userId: voter.id, value: 1 }] })
      await db().insert(follows).values({ ideaId: duplicate.id, userId: follower.id })
      const votesBefore = (await getIdeaRow(original.id))!.upVotes
      // The author's own vote and the voter's, nobody voting on both.
      const moving = (await getIdeaRow(duplicate.id))!.upVotes
      expect(moving).toBe(2)
      expect(
        await mergeIdeas({ actor: moderator, duplicateId: duplicate.id, originalId: original.id }),
        status.slug,
      ).toMatchObject({ ok: true, alreadyMerged: false })
      // Carried over as support (decision 037): the same wish, counted where it now lives.
      expect((await getIdeaRow(original.id))!.upVotes, status.slug).toBe(votesBefore + moving)
      expect((await getIdeaRow(duplicate.id))!.mergedIntoId).toBe(original.id)
      for (const person of [voter, follower]) {
        const [told] = await notificationsFor(person.id, 'status')
        expect(told, `${status.slug}: person ${person.id} told`).toBeDefined()
        // The merge notification names the original's status, in the reader's language.
        const line = translator(person.locale)(
          inAppHeadline(told!),
          headlineParams(
            {
              ...told!,
              payload: told!.payload as Record<string, string>,
              actorName: null,
              ideaTitle: duplicate.title,
              updateTitle: null,
            },
            { locale: person.locale, someone: '', formerMember: '', date: '' },
          ),
        )
        expect(line, status.slug).toContain(original.title)
        expect(line, status.slug).toContain(person.locale === 'nl' ? status.nameNl : status.nameEn)
        // Its email says so too, and says the vote counts there.
        const [queued] = await db().select().from(outbox).where(eq(outbox.notificationId, told!.id))
        const email = await renderQueuedMessage({ outboxId: queued!.id })
        expect(email!.subject).toBe(line)
        expect(email!.text).toContain(
          translator(person.locale)(
            status.slug === 'implemented' ? 'email.mergedIntoLaunched' : 'email.mergedIntoClosed',
            {
              original: original.title,
              originalStatus: person.locale === 'nl' ? status.nameNl : status.nameEn,
            },
          ),
        )
      }
    }
  })

  it('refuses an original people can no longer see or that is merged (withdrawn, hidden, held), moving nothing and telling no one', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const author = await createTestUser({ password: null })
    const withdrawn = await createTestIdea({ authorId: author.id })
    expect(await withdrawIdea({ actor: author, ideaId: withdrawn.id })).toMatchObject({ ok: true })
    const hidden = await createTestIdea()
    await hideContent({ actor: moderator, target: { ideaId: hidden.id }, reason: 'Off topic' })
    const held = await createTestIdea({ heldReason: 'spam' })
    const cases = [
      [withdrawn.id, 'originalWithdrawn'],
      [hidden.id, 'originalHidden'],
      [held.id, 'originalHidden'],
    ] as const
    for (const [originalId, reason] of cases) {
      const duplicate = await createTestIdea()
      const voter = await createTestUser({ password: null })
      await addActivity({ votes: [{ ideaId: duplicate.id, userId: voter.id, value: 1 }] })
      const votesBefore = (await getIdeaRow(originalId))!.upVotes
      expect(
        await mergeIdeas({ actor: moderator, duplicateId: duplicate.id, originalId }),
        reason,
      ).toEqual({ ok: false, reason })
      expect((await getIdeaRow(duplicate.id))!).toMatchObject({ mergedIntoId: null, upVotes: 2 })
      expect((await getIdeaRow(originalId))!.upVotes).toBe(votesBefore)
      expect(await notificationsFor(voter.id, 'status')).toHaveLength(0)
      expect(await auditFor(duplicate.id, 'idea.merge')).toHaveLength(0)
    }
  })

  it('refuses a duplicate that is withdrawn or hidden, moving nothing and telling no one', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const author = await createTestUser({ password: null })
    const withdrawn = await createTestIdea({ authorId: author.id })
    expect(await withdrawIdea({ actor: author, ideaId: withdrawn.id })).toMatchObject({ ok: true })
    const hidden = await createTestIdea()
    await hideContent({ actor: moderator, target: { ideaId: hidden.id }, reason: 'Off topic' })
    for (const [duplicate, reason] of [
      [withdrawn, 'duplicateWithdrawn'],
      [hidden, 'duplicateHidden'],
    ] as const) {
      const original = await createTestIdea()
      const voter = await createTestUser({ password: null })
      await addActivity({ votes: [{ ideaId: duplicate.id, userId: voter.id, value: 1 }] })
      const votesBefore = (await getIdeaRow(original.id))!.upVotes
      expect(
        await mergeIdeas({ actor: moderator, duplicateId: duplicate.id, originalId: original.id }),
        reason,
      ).toEqual({ ok: false, reason })
      expect((await getIdeaRow(duplicate.id))!.mergedIntoId).toBeNull()
      expect((await getIdeaRow(original.id))!.upVotes).toBe(votesBefore)
      expect(await notificationsFor(voter.id, 'status')).toHaveLength(0)
      expect(await auditFor(duplicate.id, 'idea.merge')).toHaveLength(0)
    }
  })
})

describe('moderation', () => {
  it('hides a reported comment from everyone but keeps it, tells the author, closes reports, and restores', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const author = await createTestUser({ password: null })
    const reporter = await createTestUser({ password: null })
    const idea = await createTestIdea()
    const posted = await postComment({
      actor: author,
      ideaId: idea.id,
      body: 'Buy cheap watches at spam.example',
    })
    const commentId = posted.ok ? posted.commentId : 0
    await reportContent({ actor: reporter, ideaId: idea.id, commentId, reason: 'spam', note: '' })

    expect(
      await hideContent({ actor: moderator, target: { commentId }, reason: 'Advertising' }),
    ).toEqual({ ok: true })
    const [shown] = await listComments({ ideaId: idea.id })
    expect(shown!.hiddenAt).toBeInstanceOf(Date)
    expect((await getIdeaRow(idea.id))!.commentCount).toBe(0)
    expect(await notificationsFor(author.id, 'hidden')).toHaveLength(1)
    expect(await auditFor(commentId, 'comment.hide')).toHaveLength(1)

    expect(await restoreContent({ actor: moderator, target: { commentId } })).toEqual({ ok: true })
    expect((await getIdeaRow(idea.id))!.commentCount).toBe(1)
  })

  it('hides an idea from lists, search and votes', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const idea = await createTestIdea({ title: 'Zebra-striped cups now' })
    await hideContent({ actor: moderator, target: { ideaId: idea.id }, reason: 'Off-topic' })
    expect((await listIdeas({ sort: 'relevance', search: 'zebra striped' })).ideas).toEqual([])
    const voter = await createTestUser({ password: null })
    expect(await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })).toMatchObject({
      ok: false,
    })
  })

  it('holds ideas for approval under pre-moderation, and for spam signals', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const author = await createTestUser({ password: null })
    const input = {
      kind: 'product' as const,
      categoryId: 1,
      title: 'Buy now buy now',
      description: 'https://a.example https://b.example https://c.example',
    }
    const spam = await postIdea({ actor: author, input })
    expect(spam).toMatchObject({ ok: true, held: true })
    expect((await getIdeaRow(spam.ok ? spam.idea.id : 0))!.heldReason).toBe('spam:links')

    await saveSettings({ actor: admin, values: { premoderation: 'new-accounts' } })
    const held = await postIdea({
      actor: author,
      input: { ...input, title: 'Warm croissants at noon', description: 'Fresh ones.' },
    })
    expect(held).toMatchObject({ ok: true, held: true })
    const heldId = held.ok ? held.idea.id : 0
    expect(
      (await listIdeas({ sort: 'new', limit: 500 })).ideas.map((idea) => idea.id),
    ).not.toContain(heldId)
    expect(await decideHeldIdea({ actor: moderator, ideaId: heldId, approve: true })).toEqual({
      ok: true,
    })
    expect((await listIdeas({ sort: 'new', limit: 500 })).ideas.map((idea) => idea.id)).toContain(
      heldId,
    )
    expect(await auditFor(heldId, 'idea.approve')).toHaveLength(1)

    // Withdrawn by its author while it waits: out of the queue and its count, and never published.
    const withdrawn = await postIdea({
      actor: author,
      input: { ...input, title: 'Oat milk foam art', description: 'Hearts please.' },
    })
    if (!withdrawn.ok || !withdrawn.held) throw new Error('not held')
    const queued = async () => (await listHeldIdeas({ limit: 1000 })).map((idea) => idea.id)
    expect(await queued()).toContain(withdrawn.idea.id)
    const countBefore = await countHeldIdeas()
    expect(await withdrawIdea({ actor: author, ideaId: withdrawn.idea.id })).toMatchObject({
      ok: true,
    })
    expect(await queued()).not.toContain(withdrawn.idea.id)
    expect(await countHeldIdeas()).toBe(countBefore - 1)
    expect(
      await decideHeldIdea({ actor: moderator, ideaId: withdrawn.idea.id, approve: true }),
    ).toMatchObject({ ok: false })
    expect((await getIdeaRow(withdrawn.idea.id))!.heldAt).not.toBeNull()
    await saveSettings({ actor: admin, values: { premoderation: 'off' } })
  })

  it('suspends a person: sessions end, sign-in, votes and comments are refused until lifted', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const person = await createTestUser()
    const idea = await createTestIdea()
    const { sessionId } = await startSession(person.id)
    expect((await validateSession(sessionId)).user?.id).toBe(person.id)
    expect(
      await suspendPerson({ actor: moderator, userId: person.id, days: 7, reason: 'Spamming' }),
    ).toEqual({ ok: true, toldByEmail: true })
    expect((await validateSession(sessionId)).user).toBeNull()
    expect(
      await signIn({
        input: { email: person.email, password: TEST_PASSWORD },
        clientIp: '10.1.2.3',
      }),
    ).toEqual({
      ok: false,
      reason: 'suspended',
      suspension: { until: expect.any(String), reason: 'Spamming' },
    })
    expect(await castVote({ actor: person, ideaId: idea.id, direction: 'up' })).toEqual({
      ok: false,
      reason: 'suspended',
    })
    expect(await postComment({ actor: person, ideaId: idea.id, body: 'Hello' })).toMatchObject({
      ok: false,
    })
    // A moderator cannot suspend staff; nobody can suspend themselves.
    const other = await createTestUser({ role: 'moderator', password: null })
    expect(
      await suspendPerson({ actor: moderator, userId: other.id, days: 1, reason: 'x' }),
    ).toEqual({ ok: false, reason: 'forbidden' })
    expect(
      await suspendPerson({ actor: moderator, userId: moderator.id, days: 1, reason: 'x' }),
    ).toEqual({ ok: false, reason: 'self' })

    expect(await liftSuspension({ actor: moderator, userId: person.id })).toEqual({
      ok: true,
      toldByEmail: true,
    })
    expect(await castVote({ actor: person, ideaId: idea.id, direction: 'up' })).toMatchObject({
      ok: true,
    })
  })
})
