// The triage list and back-office idea page called with real Requests (issue 17): a status change
// from a queue row, the bulk confirmation and its required answer, sorts that do what they say.
import { eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#app/db/db.server'
import { ideaTags, ideas, statuses, tags } from '#app/db/schema'
import { startSession } from '#app/domain/accounts/sessions.server'
import { triageSorts } from '#app/domain/triage/triage.rules'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { action as queueAction, loader as queueLoader } from '#app/routes/admin._index'
import { loader as ideasLoader } from '#app/routes/admin.ideas._index'
import { addActivity, createTestIdea, createTestUser, getIdeaRow, unique } from '#tests/factories'
import { makeContext, makeRequest, settle } from '#tests/setup/request'

type DataResult = { type: 'DataWithResponseInit'; data: Record<string, unknown>; init: { status?: number } | null }

const call = (fn: (args: never) => Promise<unknown>, request: Request, params: Record<string, string> = {}) =>
  settle(() => fn({ request, params, context: makeContext() } as never))

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
    const voters = await Promise.all(Array.from({ length: votersEach }, () => createTestUser({ password: null })))
    await addActivity({ votes: voters.map((voter) => ({ ideaId: idea.id, userId: voter.id, value: 1 as const })) })
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

describe('status change from a queue row', () => {
  it('moves that one idea with its answer and says so, without opening the idea', async () => {
    const [idea] = await ideasWithVoters(1, 2)
    const planned = await statusId('planned')
    const result = (await call(queueAction, post({ intent: 'row-status', ideaId: String(idea!.id), statusId: String(planned), response: 'On the roadmap for spring.', notify: 'on' }))) as DataResult
    expect(result.init?.status ?? 200).toBe(200)
    // The author and the two voters.
    expect(result.data.done).toEqual({ moved: 1, statusId: planned, notified: 3 })
    expect((await getIdeaRow(idea!.id))!.statusId).toBe(planned)
  })

  it('shows a refused change in that row, with the input kept', async () => {
    const idea = await createTestIdea()
    const result = (await call(queueAction, post({ intent: 'row-status', ideaId: String(idea.id), statusId: String(await statusId('declined')), response: '' }))) as DataResult
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
    await addActivity({ votes: [chosen[0]!, chosen[1]!].map((idea) => ({ ideaId: idea.id, userId: both.id, value: 1 as const })) })
    const planned = await statusId('planned')
    const result = (await call(
      queueAction,
      post({ intent: 'bulk-status', statusId: String(planned), response: 'Coming soon.', notify: 'on' }, chosen.map((idea) => ['ideaId', String(idea.id)])),
    )) as DataResult
    // 3 authors + 12 voters + 1 voter of two ideas.
    expect(result.data.done).toEqual({ moved: 3, statusId: planned, notified: 16 })
    const { t } = getTranslator(makeRequest({ path: '/admin' }))
    expect(`${t('admin.bulk.moved', { count: 3, status: 'Planned' })} ${t('admin.bulk.told', { count: 16 })}`).toBe('3 ideas moved to Planned; 16 people will be told.')
    expect(t('admin.bulk.told', { count: 1 })).toBe('1 person will be told.')
  })

  it('requires an answer when people will be told, as a field error; not when nobody is', async () => {
    const chosen = await Promise.all([createTestIdea(), createTestIdea()])
    const ids = chosen.map((idea): [string, string] => ['ideaId', String(idea.id)])
    const planned = String(await statusId('planned'))
    const refused = (await call(queueAction, post({ intent: 'bulk-status', statusId: planned, response: '  ', notify: 'on' }, ids))) as DataResult
    expect(refused.init?.status).toBe(400)
    expect(refused.data.fieldErrors).toEqual({ response: ['admin.bulk.responseRequired'] })
    const rows = await db().select({ statusId: ideas.statusId }).from(ideas).where(inArray(ideas.id, chosen.map((idea) => idea.id)))
    expect(rows.every((row) => row.statusId !== Number(planned))).toBe(true)

    const quiet = (await call(queueAction, post({ intent: 'bulk-status', statusId: planned, response: '' }, ids))) as DataResult
    expect(quiet.data.done).toEqual({ moved: 2, statusId: Number(planned), notified: 0 })
  })
})

describe('sorts', () => {
  it('list the ideas in the order their label names, in the queue and in all ideas', async () => {
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
        .set({ score: shape.score, firstResponseDueAt: shape.due === null ? null : new Date(base + 40 * day + shape.due * day) })
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
      for (const sort of triageSorts) {
        const page = (await call(loader, makeRequest({ path: `${path}?tag=${tag!.id}&sort=${sort}`, cookie }))) as { sort: string; ideas: Row[] }
        expect(page.sort, `${path} ${sort}`).toBe(sort)
        expect(page.ideas).toHaveLength(shapes.length)
        const pairs = page.ideas.slice(1).map((row, index) => inOrder[sort](page.ideas[index]!, row))
        expect(pairs, `${path} sorted by ${t(`admin.sort.${sort}`)}`).toEqual(pairs.map(() => true))
      }
    }
    const queueDefault = (await call(queueLoader, makeRequest({ path: `/admin?tag=${tag!.id}`, cookie }))) as { sort: string }
    expect(queueDefault.sort).toBe('due')
    const ideasDefault = (await call(ideasLoader, makeRequest({ path: `/admin/ideas?tag=${tag!.id}`, cookie }))) as { sort: string }
    expect(ideasDefault.sort).toBe('newest')
  })

  it('heads the "Assigned to me" view as such', async () => {
    const page = (await call(ideasLoader, makeRequest({ path: '/admin/ideas?view=mine', cookie }))) as { title: string; view: string }
    expect(page.view).toBe('mine')
    expect(page.title).toBe('Assigned to me')
    expect(moderatorId).toBeGreaterThan(0)
  })
})
