// Update posts: notifications exactly once per person, scheduled publishing, and valid feeds.
import { and, eq, sql } from 'drizzle-orm'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { follows, ideaResponses, notifications, outbox, statuses, updates } from '#app/db/schema'
import { createTestIdea, createTestUser, getIdeaRow } from '#app/demo/factories.server'
import { roles } from '#app/domain/accounts/accounts.rules'
import { changeStatus } from '#app/domain/ideas/responses.server'
import { hideContent } from '#app/domain/moderation/moderation.server'
import { countUnread, listNotifications } from '#app/domain/notifications/notifications.server'
import { castVote } from '#app/domain/votes/votes.server'

import { atomFeed, rssFeed } from './feeds.server'
import { mayPublishUpdates, sniffImageType } from './updates.rules'
import {
  linkedIdeas,
  listPublishedUpdates,
  publishDueUpdates,
  publishUpdate,
  saveUpdate,
  scheduleUpdate,
  setLinkedIdea,
  unpublishUpdate,
} from './updates.server'

async function draft(title = 'Oat milk is now free') {
  const marketer = await createTestUser({ role: 'marketer', password: null })
  const result = await saveUpdate({
    actor: marketer,
    title,
    summary: 'No more surcharge.',
    body: 'From today **oat milk** costs nothing extra.',
  })
  if (!result.ok) throw new Error('could not save')
  return { marketer, id: result.id }
}

async function updateNotificationsOf(userId: number) {
  return db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.type, 'update')))
}

describe('publishing an update', () => {
  it('tells every voter, follower and author of the linked ideas exactly once, even when re-published', async () => {
    const { marketer, id } = await draft()
    const [authorA, authorB, fanOfBoth, follower, downVoter, bystander] = await Promise.all(
      Array.from({ length: 6 }, () => createTestUser({ password: null })),
    )
    const ideaA = await createTestIdea({ authorId: authorA!.id, statusSlug: 'in-progress' })
    const ideaB = await createTestIdea({ authorId: authorB!.id, statusSlug: 'implemented' })
    await castVote({ actor: fanOfBoth!, ideaId: ideaA.id, direction: 'up' })
    await castVote({ actor: fanOfBoth!, ideaId: ideaB.id, direction: 'up' })
    await castVote({ actor: downVoter!, ideaId: ideaA.id, direction: 'down' })
    await db().delete(follows).where(eq(follows.userId, downVoter!.id))
    await db().insert(follows).values({ ideaId: ideaB.id, userId: follower!.id })
    await setLinkedIdea({ actor: marketer, updateId: id, ideaId: ideaA.id, linked: true })
    await setLinkedIdea({ actor: marketer, updateId: id, ideaId: ideaB.id, linked: true })

    expect(await publishUpdate({ actor: marketer, id })).toEqual({ ok: true })
    await unpublishUpdate({ actor: marketer, id })
    await saveUpdate({
      actor: marketer,
      id,
      title: 'Oat milk is now free everywhere',
      summary: 'x',
      body: 'Edited.',
    })
    await publishUpdate({ actor: marketer, id })

    for (const person of [authorA!, authorB!, fanOfBoth!, follower!]) {
      const mine = await updateNotificationsOf(person.id)
      expect(mine, `person ${person.id}`).toHaveLength(1)
      const emails = await db()
        .select()
        .from(outbox)
        .where(and(eq(outbox.userId, person.id), eq(outbox.kind, 'notification')))
      expect(emails.filter((email) => email.notificationId === mine[0]!.id)).toHaveLength(1)
    }
    expect(await updateNotificationsOf(downVoter!.id)).toHaveLength(0)
    expect(await updateNotificationsOf(bystander!.id)).toHaveLength(0)
    expect(await updateNotificationsOf(marketer.id)).toHaveLength(0)

    // A marketer's update changes no status: the idea is still in progress, and nobody is told of one.
    expect((await getIdeaRow(ideaA.id))!.statusId).toBe(ideaA.statusId)
    expect(
      await db()
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, authorA!.id), eq(notifications.type, 'status'))),
    ).toHaveLength(0)
  })

  it('is not listed or counted in notifications while taken back from publication, and is back when published again', async () => {
    const { marketer, id } = await draft('Taken back for a while')
    const voter = await createTestUser({ password: null })
    const idea = await createTestIdea({ statusSlug: 'planned' })
    await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })
    await setLinkedIdea({ actor: marketer, updateId: id, ideaId: idea.id, linked: true })
    const listed = async () =>
      (await listNotifications({ userId: voter.id })).notifications.filter(
        (notification) => notification.type === 'update',
      )

    expect(await publishUpdate({ actor: marketer, id })).toEqual({ ok: true })
    expect(await listed()).toHaveLength(1)
    expect(await countUnread({ userId: voter.id })).toBe(1)
    await unpublishUpdate({ actor: marketer, id })
    // Its link would lead to no page.
    expect(await listed()).toHaveLength(0)
    expect(await countUnread({ userId: voter.id })).toBe(0)
    await publishUpdate({ actor: marketer, id })
    expect(await listed()).toHaveLength(1)
    expect(await countUnread({ userId: voter.id })).toBe(1)
  })

  it('shows on its page, and counts in the list, only the public ideas it links; the back office sees them all', async () => {
    const { marketer, id } = await draft('Some ideas hidden')
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const shown = await createTestIdea({ statusSlug: 'planned', title: 'Still public' })
    const hidden = await createTestIdea({ statusSlug: 'planned', title: 'Hidden later' })
    for (const idea of [shown, hidden])
      await setLinkedIdea({ actor: marketer, updateId: id, ideaId: idea.id, linked: true })
    await publishUpdate({ actor: marketer, id })
    const hid = await hideContent({
      actor: moderator,
      target: { ideaId: hidden.id },
      reason: 'Off topic',
    })
    expect(hid.ok).toBe(true)

    expect((await linkedIdeas({ updateId: id })).map((idea) => idea.id)).toEqual([shown.id])
    const all = await linkedIdeas({ updateId: id, publicOnly: false })
    expect(all.map((idea) => [idea.id, idea.isPublic]).sort()).toEqual(
      [
        [shown.id, true],
        [hidden.id, false],
      ].sort(),
    )
    const listedUpdate = (await listPublishedUpdates({ limit: 100 })).updates.find(
      (update) => update.id === id,
    )
    expect(listedUpdate?.ideaCount).toBe(1)
  })

  it("names each linked idea's language, for the title's lang attribute (issue 16)", async () => {
    const { marketer, id } = await draft('Cups update')
    const idea = await createTestIdea({ statusSlug: 'planned' })
    await setLinkedIdea({ actor: marketer, updateId: id, ideaId: idea.id, linked: true })
    expect((await linkedIdeas({ updateId: id }))[0]).toHaveProperty('language')
  })

  it('publishes a scheduled update when its time comes, once, even with two workers', async () => {
    const { marketer, id } = await draft('Winter menu is back')
    const author = await createTestUser({ password: null })
    // Only planned, in-progress or launched ideas can be linked (updateMark: "Built!" must be true).
    const idea = await createTestIdea({ authorId: author.id, statusSlug: 'planned' })
    await setLinkedIdea({ actor: marketer, updateId: id, ideaId: idea.id, linked: true })
    await scheduleUpdate({ actor: marketer, id, publishAt: new Date(Date.now() + 60_000) })
    await publishDueUpdates()
    expect(
      (await db().select({ status: updates.status }).from(updates).where(eq(updates.id, id)))[0]!
        .status,
    ).toBe('scheduled')
    await db()
      .update(updates)
      .set({ publishAt: sql`now() - interval '1 second'` })
      .where(eq(updates.id, id))
    await Promise.all([publishDueUpdates(), publishDueUpdates()])
    expect(
      (await db().select({ status: updates.status }).from(updates).where(eq(updates.id, id)))[0]!
        .status,
    ).toBe('published')
    expect(await updateNotificationsOf(author.id)).toHaveLength(1)
  })

  it('is refused to customers and moderators', async () => {
    const { id } = await draft()
    for (const role of ['customer', 'moderator'] as const) {
      const person = await createTestUser({ role, password: null })
      expect(await publishUpdate({ actor: person, id })).toEqual({ ok: false, reason: 'forbidden' })
    }
  })
})

describe('marking linked ideas as launched while publishing', () => {
  async function launchedId() {
    const [row] = await db().select().from(statuses).where(eq(statuses.slug, 'implemented'))
    return row!
  }

  it('is done only for a role that may change statuses on the idea itself, for every role', async () => {
    const launched = await launchedId()
    const admin = await createTestUser({ role: 'admin', password: null })
    for (const role of roles) {
      const person = await createTestUser({ role, password: null })
      // What the same person may do on an idea directly: the rule publishing must keep to.
      const direct = await createTestIdea({ statusSlug: 'planned' })
      const directly = await changeStatus({
        actor: person,
        ideaIds: [direct.id],
        statusId: launched.id,
        response: 'Done.',
      })
      const saved = await saveUpdate({
        actor: admin,
        title: `Built ${role}`,
        summary: 'It is here.',
        body: 'News.',
      })
      if (!saved.ok) throw new Error('no draft')
      const idea = await createTestIdea({ statusSlug: 'in-progress' })
      await setLinkedIdea({ actor: admin, updateId: saved.id, ideaId: idea.id, linked: true })
      const result = await publishUpdate({
        actor: person,
        id: saved.id,
        markImplemented: [idea.id],
      })
      const [update] = await db().select().from(updates).where(eq(updates.id, saved.id))
      const launchedNow = (await getIdeaRow(idea.id))!.statusId === launched.id
      if (!mayPublishUpdates(role)) {
        expect(result, role).toEqual({ ok: false, reason: 'forbidden' })
        expect(launchedNow, role).toBe(false)
        continue
      }
      expect(launchedNow, `${role}: launched through the update`).toBe(directly.ok)
      // Asked by hand to do what the role may not: refused as a whole, nothing published either.
      expect(result.ok, role).toBe(directly.ok)
      expect(update!.status, role).toBe(directly.ok ? 'published' : 'draft')
    }
  })

  it('tells the idea’s people of the new status with the update as the answer, as a change on the idea does', async () => {
    const launched = await launchedId()
    const admin = await createTestUser({ role: 'admin', password: null })
    const saved = await saveUpdate({
      actor: admin,
      title: 'Cold brew all year',
      summary: 'Cold brew is on tap in every shop.',
      body: 'News.',
    })
    if (!saved.ok) throw new Error('no draft')
    const [viaUpdate, onIdea] = [
      await createTestIdea({ statusSlug: 'planned' }),
      await createTestIdea({ statusSlug: 'planned' }),
    ]
    const [follower, voter] = await Promise.all([
      createTestUser({ password: null }),
      createTestUser({ password: null }),
    ])
    for (const idea of [viaUpdate, onIdea]) {
      await db()
        .insert(follows)
        .values({ ideaId: idea.id, userId: follower.id })
        .onConflictDoNothing()
      await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })
    }
    await setLinkedIdea({ actor: admin, updateId: saved.id, ideaId: viaUpdate.id, linked: true })
    expect(
      await publishUpdate({ actor: admin, id: saved.id, markImplemented: [viaUpdate.id] }),
    ).toEqual({ ok: true })
    await changeStatus({
      actor: admin,
      ideaIds: [onIdea.id],
      statusId: launched.id,
      response: 'Done.',
    })
    const statusNotices = async (userId: number, ideaId: number) =>
      db()
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, userId),
            eq(notifications.ideaId, ideaId),
            eq(notifications.type, 'status'),
          ),
        )
    expect(await statusNotices(viaUpdate.authorId, viaUpdate.id)).toHaveLength(1)
    for (const person of [follower, voter]) {
      const [told] = await statusNotices(person.id, viaUpdate.id)
      const [toldDirectly] = await statusNotices(person.id, onIdea.id)
      expect(told, `person ${person.id}`).toBeDefined()
      // The same notification as a change on the idea: the same payload, an email queued.
      expect(Object.keys(told!.payload as object).sort()).toEqual(
        Object.keys(toldDirectly!.payload as object).sort(),
      )
      expect(told!.payload).toMatchObject({ status: 'implemented' })
      expect(
        await db().select().from(outbox).where(eq(outbox.notificationId, told!.id)),
      ).toHaveLength(1)
      const [answer] = await db()
        .select()
        .from(ideaResponses)
        .where(eq(ideaResponses.id, Number((told!.payload as { responseId: number }).responseId)))
      expect(answer!.body).toContain('Cold brew is on tap in every shop.')
      expect(answer!.notified).toBe(true)
    }
  })
})

describe('feeds', () => {
  it('are well-formed RSS 2.0 and Atom with the required elements, escaping <&> in titles', async () => {
    const { marketer, id } = await draft('Cups & lids <finally> "recyclable"')
    await publishUpdate({ actor: marketer, id })
    for (const [name, xml] of [
      ['rss', await rssFeed({ siteName: 'Brew & Co <test>', description: 'What we built' })],
      ['atom', await atomFeed({ siteName: 'Brew & Co <test>', description: 'What we built' })],
    ] as const) {
      expect(XMLValidator.validate(xml), name).toBe(true)
      const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml)
      if (name === 'rss') {
        const channel = parsed.rss.channel
        expect(parsed.rss['@_version']).toBe('2.0')
        expect(channel.title).toBe('Brew & Co <test>')
        const items = [channel.item].flat()
        const item = items.find((entry: { title: string }) => entry.title.includes('Cups'))
        expect(item.title).toBe('Cups & lids <finally> "recyclable"')
        expect(item.link).toMatch(/^http:\/\/localhost:\d+\/updates\/cups-lids-finally-recyclable/)
        expect(item.guid['#text']).toBe(item.link)
        expect(new Date(item.pubDate).getTime()).not.toBeNaN()
      } else {
        const feed = parsed.feed
        expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom')
        expect(feed.id).toBeTruthy()
        expect(new Date(feed.updated).getTime()).not.toBeNaN()
        const entries = [feed.entry].flat()
        const entry = entries.find((candidate: { title: string }) =>
          candidate.title.includes('Cups'),
        )
        expect(entry.title).toBe('Cups & lids <finally> "recyclable"')
        expect(entry.id).toBeTruthy()
        expect(entry.author.name).toBeTruthy()
        expect(entry.content['#text']).toContain('<p>')
      }
    }
  })
})

describe('cover images', () => {
  it('are recognised by their bytes, not their names', () => {
    expect(
      sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
    ).toBe('image/png')
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(sniffImageType(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe(
      'image/webp',
    )
    expect(sniffImageType(new TextEncoder().encode('<svg onload=alert(1)>'))).toBeNull()
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBeNull()
  })
})
