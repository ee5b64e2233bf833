// The triage list and back-office idea page called with real Requests (issue 17): a status change
// from a queue row, the bulk confirmation and its required answer, sorts that do what they say, the
// idea page's comment moderation, voter list and CSV, and the merge search by title.
import { eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas, ideaTags, statuses, tags } from '#app/db/schema'
import {
  addActivity,
  createTestIdea,
  createTestUser,
  getIdeaRow,
  unique,
} from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { triageSorts } from '#app/domain/triage/triage.rules'
import { VOTERS_PAGE_SIZE } from '#app/domain/votes/voters.server'
import * as queuePage from '#app/routes/admin._index'
import { action as queueAction, loader as queueLoader } from '#app/routes/admin._index'
import { loader as ideasLoader } from '#app/routes/admin.ideas._index'
import { action as ideaAction, loader as ideaLoader } from '#app/routes/admin.ideas.$ideaId'
import { loader as csvLoader } from '#app/routes/admin.ideas.$ideaId.voters[.]csv'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { appBuild, pageReader } from '#tests/setup/app-build'
import { wallClockAsSpecified } from '#tests/setup/csv'
import { readingIn } from '#tests/setup/language'
import { makeContext, makeRequest, settle } from '#tests/setup/request'

type DataResult = {
  type: 'DataWithResponseInit'
  data: Record<string, unknown>
  init: { status?: number } | null
}

const call = (
  fn: (args: never) => Promise<unknown>,
  request: Request,
  params: Record<string, string> = {},
) => settle(() => fn({ request, params, context: makeContext() } as never))

async function statusId(slug: string) {
  const [row] = await db().select({ id: statuses.id }).from(statuses).where(eq(statuses.slug, slug))
  return row!.id
}

let cookie = ''
let moderatorId = 0

beforeAll(async () => {
  const moderator = await createTestUser({ role: 'moderator', password: null })
  moderatorId = moderator.id
  cookie = (await startSession(moderator.id)).cookie.split(';')[0]!
})

/** `count` ideas, each up-voted by `votersEach` new people (who follow it, as voting does). */
async function ideasWithVoters(count: number, votersEach: number) {
  const created = []
  for (let index = 0; index < count; index += 1) {
    const idea = await createTestIdea()
    const voters = await Promise.all(
      Array.from({ length: votersEach }, () => createTestUser({ password: null })),
    )
    await addActivity({
      votes: voters.map((voter) => ({ ideaId: idea.id, userId: voter.id, value: 1 as const })),
    })
    created.push(idea)
  }
  return created
}

const post = (form: Record<string, string>, extra: [string, string][] = []) => {
  const body = new URLSearchParams(form)
  for (const [key, value] of extra) body.append(key, value)
  return new Request('http://localhost/admin', {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  })
}

/**
 * A status change answers with a redirect to the list (303, so reloading cannot post it again),
 * and the list it opens says what was done.
 */
async function doneAfter(result: unknown) {
  expect(result).toBeInstanceOf(Response)
  const response = result as Response
  expect(response.status).toBe(303)
  const location = response.headers.get('Location')!
  expect(location.startsWith('/admin')).toBe(true)
  const page = (await queueLoader({
    request: makeRequest({ path: location, cookie }),
    params: {},
    context: makeContext(),
  } as never)) as { done: unknown }
  return page.done
}

describe('status change from a queue row', () => {
  it('moves that one idea with its answer and says so, without opening the idea', async () => {
    const [idea] = await ideasWithVoters(1, 2)
    const planned = await statusId('planned')
    const result = await call(
      queueAction,
      post({
        intent: 'row-status',
        ideaId: String(idea!.id),
        statusId: String(planned),
        response: 'On the roadmap for spring.',
        notify: 'on',
      }),
    )
    // The author and the two voters.
    expect(await doneAfter(result)).toEqual({ moved: 1, statusId: planned, notified: 3 })
    expect((await getIdeaRow(idea!.id))!.statusId).toBe(planned)
  })

  it('shows a refused change in that row, with the input kept', async () => {
    const idea = await createTestIdea()
    const result = (await call(
      queueAction,
      post({
        intent: 'row-status',
        ideaId: String(idea.id),
        statusId: String(await statusId('declined')),
        response: '',
      }),
    )) as DataResult
    expect(result.init?.status).toBe(400)
    expect(result.data.row).toBe(idea.id)
    expect(result.data.fieldErrors).toEqual({ response: ['admin.statusError.responseRequired'] })
  })
})

describe('bulk status change', () => {
  it('confirms how many ideas moved where and how many different people will be told', async () => {
    const chosen = await ideasWithVoters(3, 4)
    // One person follows two of the ideas: told once.
    const both = await createTestUser({ password: null })
    await addActivity({
      votes: [chosen[0]!, chosen[1]!].map((idea) => ({
        ideaId: idea.id,
        userId: both.id,
        value: 1 as const,
      })),
    })
    const planned = await statusId('planned')
    const ids = chosen.map((idea): [string, string] => ['ideaId', String(idea.id)])
    const statusOf = async () =>
      (
        await db()
          .select({ statusId: ideas.statusId })
          .from(ideas)
          .where(
            inArray(
              ideas.id,
              chosen.map((idea) => idea.id),
            ),
          )
      ).map((row) => row.statusId)
    const before = await statusOf()
    // First what will happen, asked before anything changes: 3 authors + 12 voters + 1 voter of two ideas.
    const asked = (await call(
      queueAction,
      post(
        {
          intent: 'bulk-status',
          statusId: String(planned),
          response: 'Coming soon.',
          notify: 'on',
        },
        ids,
      ),
    )) as DataResult
    expect(asked.init?.status ?? 200).toBe(200)
    expect(asked.data.done).toBeUndefined()
    expect(asked.data.confirm).toEqual({
      ideaIds: chosen.map((idea) => idea.id),
      statusId: planned,
      moved: 3,
      notified: 16,
      response: 'Coming soon.',
      responseHtml: '<p>Coming soon.</p>\n',
    })
    expect(await statusOf()).toEqual(before)
    const { t: ask } = getTranslator(makeRequest({ path: '/admin' }))
    expect(ask('admin.bulk.confirmWhat', { count: 3, status: 'Planned', told: 16 })).toBe(
      '3 ideas move to Planned; 16 people will be told.',
    )
    // Confirmed: made, and the same numbers said.
    const result = await call(
      queueAction,
      post(
        {
          intent: 'bulk-status',
          statusId: String(planned),
          response: 'Coming soon.',
          notify: 'on',
          confirmed: 'yes',
        },
        ids,
      ),
    )
    expect(await doneAfter(result)).toEqual({ moved: 3, statusId: planned, notified: 16 })
    expect(new Set(await statusOf())).toEqual(new Set([planned]))
    // Reloading the confirmation shows it and changes nothing; the list's other links drop it.
    const page = (await queueLoader({
      request: makeRequest({ path: (result as Response).headers.get('Location')!, cookie }),
      params: {},
      context: makeContext(),
    } as never)) as { filters: Record<string, string> }
    expect(Object.keys(page.filters)).not.toContain('moved')
    const { t } = getTranslator(makeRequest({ path: '/admin' }))
    expect(
      `${t('admin.bulk.moved', { count: 3, status: 'Planned' })} ${t('admin.bulk.told', { count: 16 })}`,
    ).toBe('3 ideas moved to Planned; 16 people will be told.')
    expect(t('admin.bulk.told', { count: 1 })).toBe('1 person will be told.')
  })

  it('requires an answer when people will be told, as a field error; not when nobody is', async () => {
    const chosen = await Promise.all([createTestIdea(), createTestIdea()])
    const ids = chosen.map((idea): [string, string] => ['ideaId', String(idea.id)])
    const planned = String(await statusId('planned'))
    const refused = (await call(
      queueAction,
      post({ intent: 'bulk-status', statusId: planned, response: '  ', notify: 'on' }, ids),
    )) as DataResult
    expect(refused.init?.status).toBe(400)
    expect(refused.data.fieldErrors).toEqual({ response: ['admin.bulk.responseRequired'] })
    const rows = await db()
      .select({ statusId: ideas.statusId })
      .from(ideas)
      .where(
        inArray(
          ideas.id,
          chosen.map((idea) => idea.id),
        ),
      )
    expect(rows.every((row) => row.statusId !== Number(planned))).toBe(true)

    const quiet = await call(
      queueAction,
      post({ intent: 'bulk-status', statusId: planned, response: '' }, ids),
    )
    expect(await doneAfter(quiet)).toEqual({ moved: 2, statusId: Number(planned), notified: 0 })
  })

  it('asks nothing before a change that tells nobody, and refuses at the asking step what the change would refuse', async () => {
    const chosen = await Promise.all([createTestIdea(), createTestIdea()])
    const ids = chosen.map((idea): [string, string] => ['ideaId', String(idea.id)])
    // Declined needs an answer for each idea; the same status again is refused: said before confirming.
    const same = (await call(
      queueAction,
      post(
        {
          intent: 'bulk-status',
          statusId: String(await statusId('new')),
          response: 'Same again.',
          notify: 'on',
        },
        ids,
      ),
    )) as DataResult
    expect(same.init?.status).toBe(409)
    expect(same.data.confirm).toBeUndefined()
    expect(same.data.formError).toBe('admin.statusError.sameStatus')
  })
})

describe('sorts', () => {
  it('list the ideas in the order their label names, in the queue and in all ideas (due date in the queue only)', async () => {
    const [tag] = await db()
      .insert(tags)
      .values({ slug: unique('sort-tag'), nameEn: 'Sort test', nameNl: 'Sorteertest' })
      .returning({ id: tags.id })
    const day = 86_400_000
    const base = Date.now() - 30 * day
    // Creation order, score and due date deliberately disagree, with a tie in score.
    const shapes = [
      { age: 0, score: 5, due: 9 },
      { age: 1, score: 12, due: 2 },
      { age: 2, score: 5, due: null },
      { age: 3, score: 0, due: 4 },
      { age: 4, score: 30, due: 1 },
    ]
    for (const shape of shapes) {
      const idea = await createTestIdea({ createdAt: new Date(base + shape.age * day) })
      await db()
        .update(ideas)
        .set({
          score: shape.score,
          firstResponseDueAt:
            shape.due === null ? null : new Date(base + 40 * day + shape.due * day),
        })
        .where(eq(ideas.id, idea.id))
      await db().insert(ideaTags).values({ ideaId: idea.id, tagId: tag!.id })
    }
    const { t } = getTranslator(makeRequest({ path: '/admin' }))
    type Row = { id: number; createdAt: Date; score: number; dueAt: Date | null }
    const inOrder: Record<(typeof triageSorts)[number], (a: Row, b: Row) => boolean> = {
      due: (a, b) => (a.dueAt?.getTime() ?? Infinity) <= (b.dueAt?.getTime() ?? Infinity),
      oldest: (a, b) => a.createdAt.getTime() <= b.createdAt.getTime(),
      newest: (a, b) => a.createdAt.getTime() >= b.createdAt.getTime(),
      votes: (a, b) => a.score >= b.score,
    }
    for (const [loader, path] of [
      [queueLoader, '/admin'],
      [ideasLoader, '/admin/ideas'],
    ] as const) {
      const offered = (await call(
        loader,
        makeRequest({ path: `${path}?tag=${tag!.id}`, cookie }),
      )) as { sorts: string[] }
      expect(offered.sorts, path).toEqual(
        path === '/admin' ? [...triageSorts] : triageSorts.filter((sort) => sort !== 'due'),
      )
      for (const sort of triageSorts) {
        const page = (await call(
          loader,
          makeRequest({ path: `${path}?tag=${tag!.id}&sort=${sort}`, cookie }),
        )) as { sort: string; ideas: Row[] }
        // A sort the list does not offer falls back to its default, and the page says which it used.
        if (!offered.sorts.includes(sort)) {
          expect(page.sort).toBe('newest')
          continue
        }
        expect(page.sort, `${path} ${sort}`).toBe(sort)
        expect(page.ideas).toHaveLength(shapes.length)
        const pairs = page.ideas
          .slice(1)
          .map((row, index) => inOrder[sort](page.ideas[index]!, row))
        expect(pairs, `${path} sorted by ${t(`admin.sort.${sort}`)}`).toEqual(pairs.map(() => true))
      }
    }
    const queueDefault = (await call(
      queueLoader,
      makeRequest({ path: `/admin?tag=${tag!.id}`, cookie }),
    )) as { sort: string }
    expect(queueDefault.sort).toBe('due')
    const ideasDefault = (await call(
      ideasLoader,
      makeRequest({ path: `/admin/ideas?tag=${tag!.id}`, cookie }),
    )) as { sort: string }
    expect(ideasDefault.sort).toBe('newest')
  })

  it('heads the "Assigned to me" view as such', async () => {
    const page = (await call(
      ideasLoader,
      makeRequest({ path: '/admin/ideas?view=mine', cookie }),
    )) as { title: string; view: string }
    expect(page.view).toBe('mine')
    expect(page.title).toBe('Assigned to me')
    expect(moderatorId).toBeGreaterThan(0)
  })
})

describe('the queue with nothing to show', () => {
  const reader = pageReader(
    appBuild([{ id: 'routes/admin._index', path: 'admin', index: true, module: queuePage }]),
  )

  it('says the filters match nothing (not that every idea is answered) and links to the queue without them', async () => {
    const nothing = `nomatch${Date.now().toString(36).replace(/\d/g, '')}`
    for (const [lang, matches, answered, clear] of [
      ['en', 'No ideas match these filters.', 'every idea has an answer', 'Clear the filters'],
      ['nl', 'Geen ideeën met deze filters.', 'elk idee heeft een antwoord', 'Filters wissen'],
    ] as const) {
      const { status, html } = await reader.page(
        `/admin?q=${nothing}&kind=product&sort=oldest`,
        await readingIn(cookie, lang),
      )
      expect(status).toBe(200)
      const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)![1]!
      expect(main).toContain(matches)
      expect(main).not.toContain(answered)
      // The sort stays: only the filters go.
      expect(main).toMatch(new RegExp(`<a [^>]*href="/admin\\?sort=oldest"[^>]*>${clear}</a>`))
    }
  })
})

describe('back-office idea page', () => {
  const ideaRequest = (id: number, query = '') =>
    makeRequest({ path: `/admin/ideas/${id}${query}`, cookie })
  type Page = {
    voters: {
      voters: { name: string; value: number; channel: string; createdAt: Date }[]
      nextCursor: string | null
    }
    comments: { id: number; hiddenAt: Date | null }[]
    mergeCandidates: { id: number; title: string }[] | null
  }

  it('lists the voters page by page (name, vote, channel, date) and exports them all as CSV', async () => {
    const idea = await createTestIdea()
    const voters = await Promise.all(
      Array.from({ length: VOTERS_PAGE_SIZE + 3 }, (_, index) =>
        createTestUser({
          password: null,
          displayName: index === 0 ? '=cmd|calc, "Ann"; Smith' : undefined,
        }),
      ),
    )
    const start = Date.now() - 10 * 86_400_000
    await addActivity({
      votes: voters.map((voter, index) => ({
        ideaId: idea.id,
        userId: voter.id,
        value: index % 4 === 3 ? (-1 as const) : (1 as const),
        createdAt: new Date(start + index * 60_000),
      })),
    })
    const seen: Page['voters']['voters'] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page = (await call(
        ideaLoader,
        ideaRequest(idea.id, cursor ? `?voters=${cursor}` : ''),
        { ideaId: String(idea.id) },
      )) as Page
      seen.push(...page.voters.voters)
      cursor = page.voters.nextCursor
      pages += 1
    } while (cursor && pages < 5)
    expect(pages).toBe(2)
    // The author's own up-vote (cast when the idea was posted, just now) comes first.
    expect(seen).toHaveLength(voters.length + 1)
    expect(seen.slice(1).map((voter) => voter.name)).toEqual(
      voters.map((voter) => voter.displayName).reverse(),
    )
    expect(seen.at(-1)).toMatchObject({ value: 1, channel: 'web' })

    const response = (await call(
      csvLoader,
      makeRequest({ path: `/admin/ideas/${idea.id}/voters.csv`, cookie }),
      { ideaId: String(idea.id) },
    )) as Response
    expect(response.headers.get('Content-Type')).toContain('text/csv')
    const lines = (await response.text()).split('\r\n').filter(Boolean)
    // Times on the site's wall clock (the default zone), which the header names.
    expect(lines[0]).toBe('Name,Vote,Channel,Voted on (Europe/Amsterdam)')
    const wallClock = (moment: number) => wallClockAsSpecified(new Date(moment), 'Europe/Amsterdam')
    expect(lines).toHaveLength(voters.length + 2)
    // The newest vote first (after the author's); the formula-like, comma- and semicolon-holding name quoted and defused.
    expect(lines[2]).toBe(
      `${voters.at(-1)!.displayName},${(voters.length - 1) % 4 === 3 ? 'Down' : 'Up'},Web,${wallClock(start + (voters.length - 1) * 60_000)}`,
    )
    expect(lines.at(-1)).toBe(`"'=cmd|calc, ""Ann""; Smith",Up,Web,${wallClock(start)}`)
    expect(lines.filter((line) => line.includes(',Down,'))).toHaveLength(
      voters.filter((_, index) => index % 4 === 3).length,
    )
  })

  it('shows the comment thread, hidden comments included, and hides and restores a comment', async () => {
    const idea = await createTestIdea()
    const commenter = await createTestUser({ password: null })
    const { commentIds } = await addActivity({
      comments: [{ ideaId: idea.id, authorId: commenter.id, body: 'Rude words here.' }],
    })
    const commentId = commentIds[0]!
    const form = (values: Record<string, string>) =>
      new Request(`http://localhost/admin/ideas/${idea.id}`, {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(values),
      })
    const refused = (await call(
      ideaAction,
      form({ intent: 'hide-comment', commentId: String(commentId), reason: '' }),
      { ideaId: String(idea.id) },
    )) as DataResult
    expect(refused.init?.status).toBe(400)
    expect(refused.data.fieldErrors).toEqual({ reason: ['admin.reasonRequired'] })
    const hidden = (await call(
      ideaAction,
      form({ intent: 'hide-comment', commentId: String(commentId), reason: 'Insults' }),
      { ideaId: String(idea.id) },
    )) as Response
    expect(hidden.status).toBe(303)
    let page = (await call(ideaLoader, ideaRequest(idea.id), { ideaId: String(idea.id) })) as Page
    expect(page.comments.find((comment) => comment.id === commentId)?.hiddenAt).toBeInstanceOf(Date)
    await call(ideaAction, form({ intent: 'restore-comment', commentId: String(commentId) }), {
      ideaId: String(idea.id),
    })
    page = (await call(ideaLoader, ideaRequest(idea.id), { ideaId: String(idea.id) })) as Page
    expect(page.comments.find((comment) => comment.id === commentId)?.hiddenAt).toBeNull()
  })

  it('finds the original to merge into by title, not only by number', async () => {
    const word = `zanzibar${Date.now().toString(36).replace(/\d/g, '')}`
    const original = await createTestIdea({ title: `Oat milk ${word} in every shop` })
    const duplicate = await createTestIdea({ title: `More oat milk ${word}` })
    const other = await createTestIdea({ title: 'Something else entirely' })
    const page = (await call(
      ideaLoader,
      ideaRequest(duplicate.id, `?merge-q=${encodeURIComponent(`oat milk ${word}`)}`),
      { ideaId: String(duplicate.id) },
    )) as Page
    const ids = page.mergeCandidates!.map((candidate) => candidate.id)
    expect(ids).toContain(original.id)
    expect(ids).not.toContain(duplicate.id)
    expect(ids).not.toContain(other.id)
    const byWord = (await call(ideaLoader, ideaRequest(duplicate.id, `?merge-q=${word}`), {
      ideaId: String(duplicate.id),
    })) as Page
    expect(byWord.mergeCandidates!.map((candidate) => candidate.id)).toEqual([original.id])
    const byNumber = (await call(ideaLoader, ideaRequest(duplicate.id, `?merge-q=%23${other.id}`), {
      ideaId: String(duplicate.id),
    })) as Page
    expect(byNumber.mergeCandidates!.map((candidate) => candidate.id)).toEqual([other.id])
    const none = (await call(ideaLoader, ideaRequest(duplicate.id), {
      ideaId: String(duplicate.id),
    })) as Page
    expect(none.mergeCandidates).toBeNull()
  })

  it('offers originals people can see, closed ones too (launched, declined), and refuses the others beside the field', async () => {
    const word = `quokka${Date.now().toString(36).replace(/\d/g, '')}`
    const titled = (label: string) => `Refill ${word} ${label}`
    const author = await createTestUser({ password: null })
    const open = await createTestIdea({ title: titled('open') })
    const planned = await createTestIdea({ title: titled('planned'), statusSlug: 'planned' })
    const merged = await createTestIdea({ title: titled('merged') })
    const withdrawn = await createTestIdea({ title: titled('withdrawn'), authorId: author.id })
    const hidden = await createTestIdea({ title: titled('hidden') })
    const held = await createTestIdea({ title: titled('held'), heldReason: 'spam:links' })
    const declined = await createTestIdea({ title: titled('declined'), statusSlug: 'declined' })
    const launched = await createTestIdea({ title: titled('launched'), statusSlug: 'implemented' })
    const duplicate = await createTestIdea({ title: titled('duplicate') })
    const merge = (originalId: number, from = duplicate.id) =>
      call(
        ideaAction,
        new Request(`http://localhost/admin/ideas/${from}`, {
          method: 'POST',
          headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ intent: 'merge', originalId: String(originalId) }),
        }),
        { ideaId: String(from) },
      )
    expect(((await merge(open.id, merged.id)) as Response).status).toBe(303)
    const now = new Date()
    await db().update(ideas).set({ withdrawnAt: now }).where(eq(ideas.id, withdrawn.id))
    await db().update(ideas).set({ hiddenAt: now }).where(eq(ideas.id, hidden.id))

    const page = (await call(ideaLoader, ideaRequest(duplicate.id, `?merge-q=${word}`), {
      ideaId: String(duplicate.id),
    })) as Page
    expect(page.mergeCandidates!.map((candidate) => candidate.id).sort()).toEqual(
      [open.id, planned.id, declined.id, launched.id].sort(),
    )
    for (const id of [merged.id, withdrawn.id, hidden.id, held.id]) {
      const byNumber = (await call(ideaLoader, ideaRequest(duplicate.id, `?merge-q=%23${id}`), {
        ideaId: String(duplicate.id),
      })) as Page
      expect(byNumber.mergeCandidates).toEqual([])
    }

    for (const [id, key] of [
      [withdrawn.id, 'admin.mergeError.originalWithdrawn'],
      [hidden.id, 'admin.mergeError.originalHidden'],
    ] as const) {
      const refused = (await merge(id)) as DataResult
      expect(refused.init?.status).toBe(409)
      expect(refused.data.fieldErrors).toEqual({ originalId: [key] })
    }
    expect((await getIdeaRow(duplicate.id))!.mergedIntoId).toBeNull()
    // A new request for what was launched joins it.
    expect(((await merge(launched.id)) as Response).status).toBe(303)
    expect((await getIdeaRow(duplicate.id))!.mergedIntoId).toBe(launched.id)
  })
})
