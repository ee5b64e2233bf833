// The demo data set `npm start` loads into an empty embedded database (and `npm run db:seed` into any):
// a coffee chain's idea board with people, ideas in every status, votes with a realistic skew, and
// discussions. Deterministic: the same seed every time, with dates relative to today.
import { eq, inArray, sql } from 'drizzle-orm'

import type { Executor } from '#app/db/db.server'
import {
  auditLog,
  ideaResponses,
  ideaRevisions,
  ideas as ideaTable,
  ideaTags,
  internalNotes,
  reports,
  statuses,
  tags,
  updateIdeas,
  updates,
  users,
  votes as voteTable,
} from '#app/db/schema'
import { recountIdeas } from '#app/domain/ideas/ideas.server'
import { notify } from '#app/domain/notifications/notifications.server'
import { recountPoints } from '#app/domain/points/points.server'
import { slugWords } from '#app/utils/slugs'

import {
  demoComments,
  demoIdeas,
  demoMergedInto,
  demoPeople,
  demoStaffReplies,
  demoStatusResponses,
} from './demo-content'
import { addActivity, createTestIdea, createTestUser } from './factories.server'

export const DEMO_PASSWORD = 'ideabox-demo-2026'

export const DEMO_ACCOUNTS = [
  { email: 'customer@demo.ideabox.test', role: 'customer', displayName: 'Casey Jansen' },
  { email: 'moderator@demo.ideabox.test', role: 'moderator', displayName: 'Morgan Vos' },
  { email: 'marketer@demo.ideabox.test', role: 'marketer', displayName: 'Mila de Boer' },
  { email: 'admin@demo.ideabox.test', role: 'admin', displayName: 'Alex Admin' },
  { email: 'agent@demo.ideabox.test', role: 'agent', displayName: 'Sanne Store' },
] as const

/** mulberry32: a tiny seeded PRNG, so the demo is the same on every machine. */
function seededRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const DAY = 24 * 60 * 60 * 1000

export async function seedDemo({ executor }: { executor: Executor }) {
  const random = seededRandom(20261124)
  const now = Date.now()
  const daysAgo = (days: number) =>
    new Date(now - days * DAY - Math.floor(random() * 8 * 60 * 60 * 1000))
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!

  const staff = []
  for (const account of DEMO_ACCOUNTS) {
    staff.push(
      await createTestUser({
        ...account,
        password: DEMO_PASSWORD,
        locale: 'en',
        createdAt: daysAgo(540),
        executor,
      }),
    )
  }
  const [customer, moderator] = staff
  const people = [customer!]
  for (const [index, name] of demoPeople.entries()) {
    const email = `${slugWords(name).replaceAll('-', '.')}@example.com`
    people.push(
      await createTestUser({
        email,
        displayName: name,
        password: null,
        locale: index % 3 === 0 ? 'nl' : 'en',
        createdAt: daysAgo(30 + Math.floor(random() * 500)),
        executor,
      }),
    )
  }

  // Members of long standing confirmed their address when they joined (an unconfirmed address is
  // proof of nothing: single sign-on would take such an account over, decision 022).
  await executor
    .update(users)
    .set({ emailVerifiedAt: sql`${users.createdAt}` })
    .where(
      inArray(
        users.id,
        [...staff, ...people].map((person) => person.id),
      ),
    )

  const ideas = []
  for (const [
    index,
    [kind, categorySlug, statusSlug, title, description, age],
  ] of demoIdeas.entries()) {
    // The demo customer wrote a few, so "my ideas" and notifications have something to show.
    const author = index % 9 === 4 ? customer! : pick(people.slice(1))
    // The team answered some time after posting; launches are spread over the last months.
    const answeredAfter =
      statusSlug === 'new'
        ? 0
        : Math.floor(
            age * (statusSlug === 'implemented' ? 0.6 + random() * 0.35 : 0.1 + random() * 0.3),
          )
    const idea = await createTestIdea({
      authorId: author.id,
      kind,
      categorySlug,
      statusSlug,
      title,
      description,
      createdAt: daysAgo(age),
      statusChangedAt: daysAgo(age - answeredAfter),
      executor,
    })
    ideas.push({ ...idea, authorId: author.id, age, statusSlug })
  }

  // Each duplicate is merged into its original (`demoMergedInto`) as `mergeIdeas` leaves it: pointing
  // there, its votes (the author's own among them) moved there, as are the votes below.
  const originalOf = new Map<number, number>()
  for (const idea of ideas.filter((each) => each.statusSlug === 'duplicate')) {
    const original = ideas.find((each) => each.title === demoMergedInto[idea.title])
    if (!original) throw new Error(`No demo idea to merge "${idea.title}" into`)
    originalOf.set(idea.id, original.id)
    await executor.execute(sql`
      insert into ${voteTable} (idea_id, user_id, value, created_at, updated_at)
      select ${original.id}::int, user_id, value, created_at, updated_at from ${voteTable} where idea_id = ${idea.id}
      on conflict (idea_id, user_id) do nothing`)
    await executor.delete(voteTable).where(eq(voteTable.ideaId, idea.id))
    await executor
      .update(ideaTable)
      .set({ mergedIntoId: original.id })
      .where(eq(ideaTable.id, idea.id))
  }
  await recountIdeas({ ideaIds: [...originalOf.keys()], executor })

  // Popularity follows a long tail: a few ideas draw most votes (Zipf-like), older ideas had more time.
  const ranked = [...ideas].sort(() => random() - 0.5)
  const votes: { ideaId: number; userId: number; value: 1 | -1; createdAt: Date }[] = []
  for (const [rank, idea] of ranked.entries()) {
    const reach =
      Math.min(0.95, 1.6 / Math.pow(rank + 1, 0.55)) * Math.min(1, 0.35 + idea.age / 120)
    for (const person of people) {
      if (person.id === idea.authorId || random() > reach) continue
      const value = random() < (idea.statusSlug === 'declined' ? 0.35 : 0.08) ? -1 : 1
      votes.push({
        ideaId: idea.id,
        userId: person.id,
        value,
        createdAt: daysAgo(Math.floor(random() * idea.age)),
      })
    }
  }

  // A voter of both keeps their vote on the original (addActivity, like the merge, skips a second).
  for (const vote of votes) vote.ideaId = originalOf.get(vote.ideaId) ?? vote.ideaId
  const comments: { ideaId: number; authorId: number; body: string; createdAt: Date }[] = []
  for (const [rank, idea] of ranked.entries()) {
    const count = Math.max(0, Math.round((8 - rank / 8) * random()))
    for (let index = 0; index < count; index++) {
      comments.push({
        ideaId: idea.id,
        authorId: pick(people).id,
        body: pick(demoComments),
        createdAt: daysAgo(Math.floor(random() * Math.max(1, idea.age))),
      })
    }
    if (['under-review', 'planned', 'in-progress', 'implemented'].includes(idea.statusSlug)) {
      comments.push({
        ideaId: idea.id,
        authorId: moderator!.id,
        body: pick(demoStaffReplies),
        createdAt: daysAgo(Math.floor(idea.age / 2)),
      })
    }
  }
  comments.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
  const { commentIds } = await addActivity({ votes, comments, executor })

  // Replies: a third of the comments get an answer from someone else, a day or so later.
  const replies = commentIds
    .map((id, index) => ({ id, comment: comments[index]! }))
    .filter(() => random() < 0.33)
    .map(({ id, comment }) => ({
      ideaId: comment.ideaId,
      authorId: pick(people).id,
      parentId: id,
      body: pick(demoComments),
      createdAt: new Date(Math.min(now - 60_000, comment.createdAt.getTime() + DAY * random())),
    }))
  const { commentIds: replyIds } = await addActivity({ comments: replies, executor })

  // The demo customer's own corner: an idea they reworded soon after posting (the history shows
  // the first wording), one they withdrew, and notifications about comments on their ideas.
  const own = ideas.filter((idea) => idea.authorId === customer!.id)
  const reworded = own.find((idea) => idea.statusSlug === 'new') ?? own[0]
  if (reworded) {
    await executor.insert(ideaRevisions).values({
      ideaId: reworded.id,
      editorId: customer!.id,
      title: `${reworded.title} (first draft)`,
      description: 'My first wording of this idea, before I made it clearer.',
      createdAt: new Date(reworded.createdAt.getTime() + 10 * 60_000),
    })
    await executor
      .update(ideaTable)
      .set({ editedAt: new Date(reworded.createdAt.getTime() + 10 * 60_000) })
      .where(eq(ideaTable.id, reworded.id))
  }
  const withdrawn = await createTestIdea({
    authorId: customer!.id,
    kind: 'product',
    categorySlug: 'drinks',
    title: 'Half-size cups for kids',
    description: 'On second thought, the short size already does this.',
    createdAt: daysAgo(20),
    executor,
  })
  await executor
    .update(ideaTable)
    .set({ withdrawnAt: daysAgo(19) })
    .where(eq(ideaTable.id, withdrawn.id))

  const ownIds = new Set(own.map((idea) => idea.id))
  const commentAuthor = new Map(commentIds.map((id, index) => [id, comments[index]!.authorId]))
  const aboutCustomer = [
    ...commentIds.map((id, index) => ({ id, comment: comments[index]!, type: 'comment' as const })),
    ...replyIds.map((id, index) => ({ id, comment: replies[index]!, type: 'reply' as const })),
  ].filter(
    ({ comment, type }) =>
      comment.authorId !== customer!.id &&
      (type === 'comment'
        ? ownIds.has(comment.ideaId)
        : commentAuthor.get((comment as { parentId: number }).parentId) === customer!.id),
  )
  aboutCustomer.sort((a, b) => a.comment.createdAt.getTime() - b.comment.createdAt.getTime())
  for (const { id, comment, type } of aboutCustomer.slice(-12)) {
    await notify({
      executor,
      type,
      ideaId: comment.ideaId,
      commentId: id,
      actorId: comment.authorId,
      dedupeKey: `${type}:${id}`,
      recipients: { userIds: [customer!.id] },
    })
  }
  // Everything but the latest few has been seen.
  await executor.execute(sql`
    update notifications set read_at = now(), created_at = c.created_at
    from comments c where c.id = notifications.comment_id and notifications.user_id = ${customer!.id}`)
  await executor.execute(sql`
    update notifications set read_at = null where id in (
      select id from notifications where user_id = ${customer!.id} order by created_at desc limit 3)`)

  // Ideas that came in through the shops, the call centre, email and social media (captured by staff).
  const channelMix = ['store', 'phone', 'email', 'social'] as const
  for (const [index, idea] of ideas.entries()) {
    if (index % 5 !== 2 || idea.authorId === customer!.id) continue
    const channel = channelMix[((index / 5) % channelMix.length) | 0]!
    await executor
      .update(ideaTable)
      .set({
        channel,
        channelNetwork: channel === 'social' ? 'instagram' : null,
        externalRef: channel === 'phone' ? `CALL-${1000 + index}` : null,
      })
      .where(eq(ideaTable.id, idea.id))
  }
  await recountIdeas({ ideaIds: [...originalOf.keys()], executor })

  // The team's side: answers on every idea it moved on from New, a few tags, assignments, reports
  // to look at, an internal note and an idea held by the spam check.
  const [, moderatorAccount, , adminAccount] = staff
  const statusRows = await executor.select({ id: statuses.id, slug: statuses.slug }).from(statuses)
  const statusIdOf = (slug: string) => statusRows.find((row) => row.slug === slug)!.id
  const answered = ideas.filter((idea) => idea.statusSlug !== 'new')
  for (const [index, idea] of answered.entries()) {
    const texts = demoStatusResponses[idea.statusSlug] ?? ['']
    const row = await executor
      .select({ statusChangedAt: ideaTable.statusChangedAt })
      .from(ideaTable)
      .where(eq(ideaTable.id, idea.id))
    const at = row[0]!.statusChangedAt
    await executor.insert(ideaResponses).values({
      ideaId: idea.id,
      authorId: moderatorAccount!.id,
      fromStatusId: statusIdOf('new'),
      toStatusId: statusIdOf(idea.statusSlug),
      body: texts[index % texts.length]!,
      createdAt: at,
    })
    await executor.insert(auditLog).values({
      actorId: moderatorAccount!.id,
      action: 'idea.status',
      targetType: 'idea',
      targetId: idea.id,
      before: { status: 'new' },
      after: { status: idea.statusSlug },
      createdAt: at,
    })
  }
  const [winter, legal] = await executor
    .insert(tags)
    .values([
      { slug: 'winter-menu', nameEn: 'Winter menu', nameNl: 'Wintermenu', isPublic: true },
      {
        slug: 'needs-legal-check',
        nameEn: 'Needs legal check',
        nameNl: 'Juridisch checken',
        isPublic: false,
      },
    ])
    .returning({ id: tags.id })
  const drinks = ideas.filter((idea) => idea.statusSlug !== 'new').slice(0, 4)
  if (drinks.length)
    await executor
      .insert(ideaTags)
      .values(drinks.map((idea) => ({ ideaId: idea.id, tagId: winter!.id })))
  const queue = ideas.filter((idea) => idea.statusSlug === 'new')
  if (queue[0]) await executor.insert(ideaTags).values({ ideaId: queue[0].id, tagId: legal!.id })
  for (const idea of queue.slice(0, 3)) {
    await executor
      .update(ideaTable)
      .set({ assigneeId: moderatorAccount!.id })
      .where(eq(ideaTable.id, idea.id))
  }
  await recountIdeas({ ideaIds: [...originalOf.keys()], executor })
  if (queue[1]) {
    await executor.insert(internalNotes).values({
      ideaId: queue[1].id,
      authorId: adminAccount!.id,
      body: '@morgan-vos can you check with the shop managers whether this fits the morning rush?',
    })
  }
  const reporters = people.slice(1, 4)
  const reportedComment = commentIds[commentIds.length - 3]
  if (reportedComment) {
    await executor.insert(reports).values(
      reporters.map((person, index) => ({
        reporterId: person.id,
        commentId: reportedComment,
        reason: index === 0 ? ('offensive' as const) : ('spam' as const),
        note: index === 0 ? 'Rude to the barista.' : '',
      })),
    )
  }
  if (queue[2])
    await executor.insert(reports).values({
      reporterId: people[5]!.id,
      ideaId: queue[2].id,
      reason: 'off-topic',
      note: 'This is about a different company.',
    })
  const newcomer = await createTestUser({
    email: 'fresh.account@example.com',
    displayName: 'Deal Hunter',
    password: null,
    executor,
  })
  await createTestIdea({
    authorId: newcomer.id,
    kind: 'product',
    categorySlug: 'merchandise',
    title: 'Cheap branded mugs, order here',
    description:
      'Great deals: https://deals.example/1 https://deals.example/2 https://deals.example/3',
    heldReason: 'spam:links',
    executor,
  })

  // One published "you asked, we built" update about launched ideas, and a draft in the works.
  const marketerAccount = staff[2]!
  const launched = ideas.filter((idea) => idea.statusSlug === 'implemented').slice(0, 2)
  const [published] = await executor
    .insert(updates)
    .values({
      slug: 'you-asked-oat-milk-and-more',
      title: 'You asked, we built: oat milk at no extra charge, and more',
      summary: 'Two of your most-voted ideas are now in every shop.',
      body: 'Thank you for every vote and comment.\n\n- **Oat milk** costs nothing extra any more.\n- The ideas below were launched this season.\n\nKeep the ideas coming!',
      status: 'published',
      publishedAt: daysAgo(12),
      authorId: marketerAccount.id,
      createdAt: daysAgo(14),
      updatedAt: daysAgo(12),
    })
    .returning({ id: updates.id })
  if (launched.length)
    await executor
      .insert(updateIdeas)
      .values(launched.map((idea) => ({ updateId: published!.id, ideaId: idea.id })))
  await executor.insert(updates).values({
    slug: 'winter-menu-preview',
    title: 'Winter menu preview',
    summary: 'What is coming to the shops in December.',
    body: 'Draft: the winter menu, shaped by your ideas.',
    authorId: marketerAccount.id,
  })

  await recountPoints({ executor })

  return {
    users: staff.length + people.length - 1,
    ideas: ideas.length,
    votes: votes.length + ideas.length,
    comments: comments.length + replies.length,
  }
}
