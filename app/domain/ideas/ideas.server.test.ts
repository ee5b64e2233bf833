import { and, eq, inArray, sql } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'

import { db, listenToQueries } from '#app/db/db.server'
import {
  follows,
  ideas,
  notifications,
  outbox,
  rateLimits,
  users,
  votes,
  webhooks,
} from '#app/db/schema'
import { addActivity, createTestIdea, createTestUser } from '#app/demo/factories.server'
import type * as notificationsModule from '#app/domain/notifications/notifications.server'
import { eachNotificationCtes } from '#app/domain/notifications/notifications.server'
import { getIdeasList } from '#app/domain/pages/ideas-list.server'
import { decodeCursor } from '#app/utils/cursors'
import { HIGHLIGHT_END, HIGHLIGHT_START } from '#app/utils/highlight-marks'

import { ideaSorts } from './ideas.rules'
import { ideaListQuerySchema } from './ideas.schema'
import {
  countSiteStats,
  getRoadmap,
  listIdeas,
  noteSearchFirstPage,
  RARE_SEARCH_PROBE_ROWS,
  rareSearches,
  searchWordsAllTooCommon,
} from './ideas.server'
import { findSimilarIdeas, postIdea } from './posting.server'

// notify() and its CTEs (how posting acknowledges, in the statement that files the ideas) as they
// are, unless a test makes them fail once.
vi.mock('#app/domain/notifications/notifications.server', async (importOriginal) => {
  const actual = await importOriginal<typeof notificationsModule>()
  return {
    ...actual,
    notify: vi.fn(actual.notify),
    eachNotificationCtes: vi.fn(actual.eachNotificationCtes),
  }
})

describe('idea lists', () => {
  it('walk every idea exactly once with keyset pagination, ties included, for every order', async () => {
    const author = await createTestUser({ password: null })
    const voters = await Promise.all(
      Array.from({ length: 3 }, () => createTestUser({ password: null })),
    )
    const created = []
    const sameMoment = new Date('2026-03-01T12:00:00Z')
    for (let index = 0; index < 13; index++) {
      // Many equal scores, comment counts and creation times: ties must not skip or repeat ideas.
      created.push(
        await createTestIdea({
          authorId: author.id,
          createdAt: index < 6 ? sameMoment : new Date(sameMoment.getTime() + index * 60_000),
        }),
      )
    }
    await addActivity({
      votes: created
        .slice(0, 4)
        .flatMap((idea) =>
          voters.map((voter) => ({ ideaId: idea.id, userId: voter.id, value: 1 as const })),
        ),
      comments: created
        .slice(3, 6)
        .map((idea) => ({ ideaId: idea.id, authorId: author.id, body: 'Same here' })),
    })
    const ours = new Set(created.map((idea) => idea.id))
    for (const sort of ideaSorts) {
      const seen: number[] = []
      let cursor: string | null = null
      do {
        const page: Awaited<ReturnType<typeof listIdeas>> = await listIdeas({
          sort,
          cursor: decodeCursor(cursor),
          limit: 4,
        })
        seen.push(...page.ideas.map((idea) => idea.id))
        cursor = page.nextCursor
      } while (cursor)
      const oursSeen = seen.filter((id) => ours.has(id))
      expect(new Set(seen).size, `${sort}: no repeats`).toBe(seen.length)
      expect(oursSeen.sort(), `${sort}: nothing skipped`).toEqual([...ours].sort())
    }
  })

  it('searches titles and descriptions in English and Dutch, title matches first, with marked words', async () => {
    const inTitle = await createTestIdea({
      title: 'Oat milk for every drink',
      description: 'No surcharge please.',
    })
    const inDescription = await createTestIdea({
      title: 'Dairy-free options',
      description: 'More plant-based choices, like oat milk and soy.',
    })
    const dutch = await createTestIdea({
      title: 'Herbruikbare bekers in elke vestiging',
      description: 'Minder afval door bekers die je terugbrengt.',
      kind: 'involvement',
    })
    await createTestIdea({ title: 'Quieter music in the evening', description: 'Calm please.' })

    const oat = await listIdeas({ sort: 'relevance', search: 'oat milks' })
    expect(oat.ideas.map((idea) => idea.id)).toEqual([inTitle.id, inDescription.id])
    expect(oat.ideas[0]!.titleHighlight).toBe(
      `${HIGHLIGHT_START}Oat${HIGHLIGHT_END} ${HIGHLIGHT_START}milk${HIGHLIGHT_END} for every drink`,
    )
    expect(oat.ideas[1]!.snippet).toContain(`${HIGHLIGHT_START}oat${HIGHLIGHT_END}`)

    // Dutch stemming: "beker" finds "bekers", and "vestigingen" finds "vestiging".
    const cups = await listIdeas({ sort: 'relevance', search: 'beker vestigingen' })
    expect(cups.ideas.map((idea) => idea.id)).toEqual([dutch.id])
    // Filters combine with the search; websearch syntax excludes words.
    expect((await listIdeas({ sort: 'new', search: 'oat', kind: 'involvement' })).ideas).toEqual([])
    expect(
      (await listIdeas({ sort: 'top', search: 'oat -soy' })).ideas.map((idea) => idea.id),
    ).toEqual([inTitle.id])
    // Operators and quotes typed by people are words, never syntax errors.
    await expect(
      listIdeas({ sort: 'relevance', search: `'); drop table ideas; -- & | ! :*` }),
    ).resolves.toBeDefined()
  })

  it('pages through search results by relevance without repeats', async () => {
    const created = []
    for (let index = 0; index < 7; index++)
      created.push(await createTestIdea({ title: `Pumpkin spice variant ${index}` }))
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<typeof listIdeas>> = await listIdeas({
        sort: 'relevance',
        search: 'pumpkin',
        cursor: decodeCursor(cursor),
        limit: 3,
      })
      seen.push(...page.ideas.map((idea) => idea.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen.sort()).toEqual(created.map((idea) => idea.id).sort())
  })

  it('reads a search that last matched less than a page from the full-text index first, and answers the same rows', async () => {
    // Words of letters only, unique to this test: one in 3 titles, one in more than the probe reads.
    const word = () =>
      Array.from({ length: 10 }, () =>
        String.fromCharCode(97 + Math.floor(Math.random() * 26)),
      ).join('')
    const [rare, common] = [word(), word()]
    for (let index = 0; index < 3; index++)
      await createTestIdea({ title: `The ${rare} idea number ${index}` })
    const many = RARE_SEARCH_PROBE_ROWS + 25
    await createTestIdea({ title: `The first ${common} idea` })
    const [first] = await db()
      .select()
      .from(ideas)
      .orderBy(sql`${ideas.id} desc`)
      .limit(1)
    await db()
      .insert(ideas)
      .values(
        Array.from({ length: many - 1 }, (_, index) => {
          const { id: _id, searchVector: _words, pageVersion: _version, ...copy } = first!
          // The later, the higher in trending: a page from any 201 of them (as a probe that answered
          // when it should have walked would give) misses the top.
          return {
            ...copy,
            title: `The ${common} idea number ${index}`,
            slug: `${common}-${index}`,
            submissionKey: null,
            hotScore: 1000 + index,
          }
        }),
      )
    const statements: string[] = []
    const stop = listenToQueries((query) => statements.push(query))
    const probes = () =>
      statements.filter((query) => query.includes('probe as materialized')).length
    try {
      for (const sort of ['relevance', 'new'] as const) {
        const walked = await listIdeas({ sort, search: rare })
        expect(probes()).toBe(0)
        expect(walked.ideas).toHaveLength(3)
        // Fewer than a page: the next read probes first, and finds the same.
        expect(await listIdeas({ sort, search: rare })).toEqual(walked)
        expect(probes()).toBe(1)
        statements.length = 0
        rareSearches.clear()
      }
      // A search noted as rare that is not (any more): the probe finds more than it reads, the walk
      // answers, the same page as without the probe, and the search walks first again.
      const unprobed = await listIdeas({ sort: 'relevance', search: common })
      expect(unprobed.ideas).toHaveLength(20)
      noteSearchFirstPage({ search: common, statusId: null, limit: 20 }, 0)
      expect(await listIdeas({ sort: 'relevance', search: common })).toEqual(unprobed)
      expect(probes()).toBe(1)
      await listIdeas({ sort: 'relevance', search: common })
      expect(probes()).toBe(1)
    } finally {
      stop()
    }
  })

  it('tells a search of words too common to look for from one that found nothing', async () => {
    expect(await searchWordsAllTooCommon('in')).toBe(true)
    expect(await searchWordsAllTooCommon('  was in  ')).toBe(true)
    // A word too common in one language only is looked for in the other.
    expect(await searchWordsAllTooCommon('een')).toBe(false)
    expect(await searchWordsAllTooCommon('zxqvwy')).toBe(false)
    expect(await searchWordsAllTooCommon('oat milk')).toBe(false)
    expect(await searchWordsAllTooCommon('')).toBe(false)
    const page = (q: string) =>
      getIdeasList({ query: ideaListQuerySchema.parse({ q }), viewer: null })
    expect((await page('in')).tooCommon).toBe(true)
    expect((await page('zxqvwy')).tooCommon).toBe(false)
  })

  it('puts roadmap columns in status order', async () => {
    await createTestIdea({ statusSlug: 'planned' })
    const columns = await getRoadmap()
    expect(columns.map((column) => column.status.slug)).toEqual([
      'under-review',
      'planned',
      'in-progress',
      'implemented',
    ])
    expect(columns[1]!.ideas.length).toBeGreaterThan(0)
  })

  it("gives each roadmap idea its language, for the title's lang attribute (issue 16)", async () => {
    const idea = await createTestIdea({
      statusSlug: 'planned',
      title: 'Herbruikbare bekers in elke vestiging graag',
    })
    const planned = (await getRoadmap()).find((column) => column.status.slug === 'planned')!
    const shown = planned.ideas.find((row) => Number(row.id) === idea.id)
    expect(shown).toHaveProperty('language')
  })
})

describe('posting ideas', () => {
  it('finds similar ideas by title similarity and by words in either language', async () => {
    await createTestIdea({ title: 'Oat milk at no extra charge' })
    await createTestIdea({ title: 'Herbruikbare bekers in elke vestiging', kind: 'involvement' })
    await createTestIdea({ title: 'Quieter music in the evening', kind: 'experience' })
    const oat = await findSimilarIdeas({ text: 'oatmilk without extra charges' })
    expect(oat[0]?.title).toBe('Oat milk at no extra charge')
    // Each names its language, for the title's lang attribute in Related ideas (issue 16).
    expect(oat[0]).toHaveProperty('language')
    const cups = await findSimilarIdeas({ text: 'herbruikbare beker' })
    expect(cups.map((idea) => idea.title)).toContain('Herbruikbare bekers in elke vestiging')
    expect(await findSimilarIdeas({ text: 'xy' })).toEqual([])
    // A stop word in one language ("all" is not one in Dutch) does not make everything similar.
    const quiet = await findSimilarIdeas({ text: 'Seasonal scones all autumn' })
    expect(quiet.map((idea) => idea.title)).not.toContain('Quieter music in the evening')
    await createTestIdea({ title: 'Music all evening long' })
    expect(
      (await findSimilarIdeas({ text: 'Seasonal scones all autumn' })).map((idea) => idea.title),
    ).not.toContain('Music all evening long')
  })

  it('creates one idea for a double submit, starting with the author’s vote', async () => {
    const author = await createTestUser({ password: null })
    const input = {
      kind: 'product' as const,
      categoryId: 1,
      title: 'Bring back the winter blend',
      description: 'Please.',
      submissionKey: 'key-12345678',
    }
    const [first, second] = await Promise.all([
      postIdea({ actor: author, input }),
      postIdea({ actor: author, input }),
    ])
    expect(first.ok && second.ok).toBe(true)
    if (!first.ok || !second.ok) return
    expect(first.idea.id).toBe(second.idea.id)
    const list = await listIdeas({ sort: 'new', limit: 50 })
    expect(list.ideas.filter((idea) => idea.title === input.title)).toHaveLength(1)
    expect(list.ideas.find((idea) => idea.title === input.title)).toMatchObject({
      upVotes: 1,
      score: 1,
    })
  })

  it('files an idea and its acknowledgement together, so a resubmit after a failure in between acknowledges it', async () => {
    const author = await createTestUser({ password: null })
    const input = {
      kind: 'product' as const,
      categoryId: 1,
      title: 'Oat flat white on the menu',
      description: 'Please.',
      submissionKey: 'ack-12345678',
    }
    // The process loses its database (or dies) after filing the idea, while acknowledging it.
    // Posting acknowledges in the statement that files the idea: make that part of it fail.
    vi.mocked(eachNotificationCtes).mockReturnValueOnce(
      sql`notified as (insert into notifications (user_id, type, dedupe_key) select 'connection lost while acknowledging'::int, 'received', 'broken' returning id)`,
    )
    await expect(postIdea({ actor: author, input })).rejects.toThrow(
      'connection lost while acknowledging',
    )
    expect(
      await db()
        .select({ id: ideas.id })
        .from(ideas)
        .where(eq(ideas.submissionKey, input.submissionKey)),
    ).toEqual([])

    const resubmitted = await postIdea({ actor: author, input })
    expect(resubmitted).toMatchObject({ ok: true, duplicateSubmit: false })
    const acknowledgements = await db()
      .select({ ideaId: notifications.ideaId })
      .from(notifications)
      .where(and(eq(notifications.userId, author.id), eq(notifications.type, 'received')))
    expect(acknowledgements).toEqual([{ ideaId: resubmitted.ok ? resubmitted.idea.id : -1 }])
  })

  it("posts in two statements: the rules' reads, then the idea with its vote, follow, acknowledgement, email and webhook event", async () => {
    const author = await createTestUser({ password: null })
    const [hook] = await db()
      .insert(webhooks)
      .values({
        url: 'https://hooks.example.test/ideas',
        events: ['idea.created'],
        secret: 'test-secret',
      })
      .returning()
    const statements: string[] = []
    const stop = listenToQueries((query) => statements.push(query))
    const input = {
      kind: 'product' as const,
      categoryId: 1,
      title: 'Two statements per idea',
      description: 'Please.',
      submissionKey: 'two-statements-1',
    }
    const posted = await postIdea({ actor: author, input })
    stop()
    await db().update(webhooks).set({ active: false }).where(eq(webhooks.id, hook!.id))
    expect(posted).toMatchObject({ ok: true, duplicateSubmit: false, held: false })
    expect(statements).toHaveLength(2)
    const ideaId = posted.ok ? posted.idea.id : -1
    const [row] = await db().select().from(ideas).where(eq(ideas.id, ideaId))
    expect(row).toMatchObject({
      authorId: author.id,
      title: input.title,
      upVotes: 1,
      score: 1,
      followerCount: 1,
      submissionKey: input.submissionKey,
    })
    expect(row!.firstResponseDueAt).toBeInstanceOf(Date)
    expect(
      await db()
        .select({ value: votes.value })
        .from(votes)
        .where(and(eq(votes.ideaId, ideaId), eq(votes.userId, author.id))),
    ).toEqual([{ value: 1 }])
    expect(
      await db().select({ userId: follows.userId }).from(follows).where(eq(follows.ideaId, ideaId)),
    ).toEqual([{ userId: author.id }])
    const [acknowledgement] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.ideaId, ideaId), eq(notifications.type, 'received')))
    expect(acknowledgement).toMatchObject({
      userId: author.id,
      dedupeKey: `received:${ideaId}`,
      payload: { dueAt: row!.firstResponseDueAt!.toISOString() },
    })
    expect(
      await db()
        .select({ kind: outbox.kind })
        .from(outbox)
        .where(eq(outbox.notificationId, acknowledgement!.id)),
    ).toEqual([{ kind: 'notification' }])
    const [event] = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `webhook:${hook!.id}:idea.created:${ideaId}`))
    expect(JSON.parse(event!.textBody!)).toMatchObject({
      type: 'idea.created',
      data: { id: ideaId, title: input.title, held: false },
    })
    // The same key again is the same idea, in one statement.
    expect(await postIdea({ actor: author, input })).toEqual({
      ok: true,
      idea: posted.ok ? posted.idea : null,
      duplicateSubmit: true,
    })
  })

  it('refuses the eleventh idea in an hour, and files nothing for it', async () => {
    const author = await createTestUser({ password: null })
    const post = (index: number) =>
      postIdea({
        actor: author,
        input: {
          kind: 'product',
          categoryId: 1,
          title: `Rate limited idea number ${index}`,
          description: 'Please.',
          submissionKey: `rate-limited-${index}`,
        },
      })
    for (let index = 1; index <= 10; index++) expect((await post(index)).ok).toBe(true)
    expect(await post(11)).toEqual({ ok: false, reason: 'rateLimited' })
    expect(
      await db()
        .select({ id: ideas.id })
        .from(ideas)
        .where(eq(ideas.submissionKey, 'rate-limited-11')),
    ).toEqual([])
  })

  it('refuses a category of another kind', async () => {
    const author = await createTestUser({ password: null })
    const result = await postIdea({
      actor: author,
      input: { kind: 'involvement', categoryId: 1, title: 'Wrong category here', description: 'x' },
    })
    expect(result).toEqual({ ok: false, reason: 'categoryRequired' })
  })

  it('files the posts that arrive together as one batch of two statements, each post with its own answer', async () => {
    const [author, other, suspended, busy] = await Promise.all(
      Array.from({ length: 4 }, () => createTestUser({ password: null })),
    )
    await db()
      .update(users)
      .set({ suspendedUntil: new Date(Date.now() + 86_400_000) })
      .where(eq(users.id, suspended!.id))
    // Ten ideas already this hour: the eleventh is refused.
    await db()
      .insert(rateLimits)
      .values({
        bucket: `idea:user:${busy!.id}`,
        hits: 10,
        resetAt: new Date(Date.now() + 3_600_000),
      })
    const input = (key: string, kind: 'product' | 'involvement' = 'product') => ({
      kind,
      categoryId: 1,
      title: `Batched idea ${key}`,
      description: 'Please.',
      submissionKey: `batch-${key}`,
    })
    const statements: string[] = []
    const stop = listenToQueries((query) => statements.push(query))
    const answers = await Promise.all([
      postIdea({ actor: author!, input: input('twice') }),
      postIdea({ actor: author!, input: input('twice') }),
      postIdea({ actor: suspended!, input: input('suspended') }),
      postIdea({ actor: busy!, input: input('busy') }),
      postIdea({ actor: other!, input: input('wrong-kind', 'involvement') }),
      postIdea({ actor: other!, input: input('other') }),
    ])
    stop()
    expect(statements).toHaveLength(2)
    const [first, second, refusedSuspended, refusedBusy, refusedKind, otherPost] = answers
    // A double submit within the batch is one idea: one answer files it, the other names it.
    expect([first, second].map((answer) => answer!.ok && answer!.duplicateSubmit).sort()).toEqual([
      false,
      true,
    ])
    expect(first!.ok && second!.ok && first!.idea).toEqual(second!.ok && second!.idea)
    expect(refusedSuspended).toEqual({ ok: false, reason: 'suspended' })
    expect(refusedBusy).toEqual({ ok: false, reason: 'rateLimited' })
    expect(refusedKind).toEqual({ ok: false, reason: 'categoryRequired' })
    expect(otherPost).toMatchObject({ ok: true, duplicateSubmit: false })
    const filed = await db()
      .select({ submissionKey: ideas.submissionKey, upVotes: ideas.upVotes })
      .from(ideas)
      .where(inArray(ideas.authorId, [author!.id, other!.id, suspended!.id, busy!.id].map(Number)))
    expect(filed.sort((a, b) => a.submissionKey!.localeCompare(b.submissionKey!))).toEqual([
      { submissionKey: 'batch-other', upVotes: 1 },
      { submissionKey: 'batch-twice', upVotes: 1 },
    ])
    const acknowledged = await db()
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.type, 'received'))
    expect(acknowledged.filter((row) => row.userId === author!.id)).toHaveLength(1)
    expect(acknowledged.filter((row) => row.userId === other!.id)).toHaveLength(1)
  })

  it('posts a batch the database refuses post by post, so one bad post takes no other with it', async () => {
    const [author, other] = await Promise.all(
      Array.from({ length: 2 }, () => createTestUser({ password: null })),
    )
    const input = (key: string, title = `Good idea ${key}`) => ({
      kind: 'product' as const,
      categoryId: 1,
      title,
      description: 'Please.',
      submissionKey: `one-bad-${key}`,
    })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    // PostgreSQL refuses text with a NUL character (the form strips it; these inputs do not): in
    // a title the batch's write fails, in a submission key already its read.
    const answers = await Promise.allSettled([
      postIdea({ actor: author!, input: input('first') }),
      postIdea({ actor: other!, input: input('nul', 'A NUL \u0000 in the title') }),
      postIdea({ actor: other!, input: input('second') }),
      postIdea({ actor: author!, input: input('key-\u0000') }),
      postIdea({ actor: author!, input: input('third') }),
    ])
    warn.mockRestore()
    expect(answers.map((answer) => answer.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ])
    const filed = await db()
      .select({ submissionKey: ideas.submissionKey })
      .from(ideas)
      .where(inArray(ideas.authorId, [author!.id, other!.id]))
    expect(filed.map((row) => row.submissionKey).sort()).toEqual([
      'one-bad-first',
      'one-bad-second',
      'one-bad-third',
    ])
  })
})

describe("the ideas list's statement", () => {
  // With its LIMIT a parameter PostgreSQL planned it again on every call (0.53 ms each, the
  // 100,000-idea set); with the page size in its text it settles on one plan (docs/performance.md).
  it('has its page size in its text, not as a parameter', async () => {
    await createTestIdea()
    const statements: string[] = []
    const stop = listenToQueries((query) => statements.push(query))
    try {
      await listIdeas({ sort: 'trending', limit: 20 })
    } finally {
      stop()
    }
    expect(statements.some((query) => /limit 21\b/.test(query))).toBe(true)
  })
})

describe('search highlights', () => {
  it('mark only the words found, whatever marks the text itself holds', async () => {
    const [start, end] = [HIGHLIGHT_START, HIGHLIGHT_END]
    const idea = await createTestIdea({
      title: `Wombatgrape ${start}pastry${end} with jam`,
      description: `Unbalanced ${start} marker and closing ${end} marker, with jam inside.`,
    })
    const { ideas: found } = await listIdeas({ sort: 'relevance', search: 'wombatgrape' })
    expect(found.map((each) => each.id)).toEqual([idea.id])
    expect(found[0]!.titleHighlight).toBe(`${start}Wombatgrape${end} pastry with jam`)
    const jam = await listIdeas({ sort: 'relevance', search: 'wombatgrape jam' })
    const marked = [...(jam.ideas[0]!.snippet ?? '').matchAll(/\uE010([^\uE011]*)\uE011/g)]
    expect(marked.map((match) => match[1]!.toLowerCase())).toEqual(['jam'])
  })
})

describe("the home page's totals", () => {
  it('count what visitors can see: public ideas, the votes on them, the launched among them', async () => {
    const before = await countSiteStats()
    const shown = await createTestIdea({ statusSlug: 'implemented' })
    const hidden = await createTestIdea({ statusSlug: 'implemented' })
    await db().execute(
      sql`update ideas set up_votes = 5, down_votes = 2 where id in (${shown.id}, ${hidden.id})`,
    )
    await db().execute(sql`update ideas set hidden_at = now() where id = ${hidden.id}`)
    expect(await countSiteStats()).toEqual({
      ideas: before.ideas + 1,
      votes: before.votes + 7,
      launched: before.launched + 1,
    })
  })
})
