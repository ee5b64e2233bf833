// The back office's triage queue answered again after one statement (decision 042), through the
// real HTTP layer, every kept answer checked against its loaders (KEPT_ANSWER_CHECK_EVERY=1: a
// difference fails the request). Over generated writes that change which ideas wait, their order,
// what their rows say (assignee, reports, tags, status, the author's name), the navigation's counts
// and the team: every moderator's /admin answers 200 after each, and the last kept answer is what
// Remix renders byte for byte. An admin (their page says how the mail is doing) and a customer
// (refused) are never given one.
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { queryRows } from '#app/db/sql.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { postOfficialResponse } from '#app/domain/ideas/responses.server'
import { assignIdeas, createTag, setTag } from '#app/domain/triage/triage.server'
import * as notFound from '#app/routes/$'
import * as admin from '#app/routes/admin'
import * as triageQueue from '#app/routes/admin._index'
import { pageTemplates } from '#app/utils/page-template-store.server'
import { createTestIdea, createTestUser, unique } from '#tests/factories'
import { serveAppDuringTests } from '#tests/setup/app-server'
import { promoteNewModerator, rename, reportByNewcomer } from '#tests/setup/back-office-writes'
import { pageFetcher, viewEveryPageAfterEachStep } from '#tests/setup/page-answers'

const app = serveAppDuringTests([
  { id: 'routes/admin', path: 'admin', module: admin },
  { id: 'routes/admin._index', parentId: 'routes/admin', index: true, module: triageQueue },
  { id: 'routes/$', path: '*', module: notFound },
])
const get = pageFetcher(app.base)
const cookieOf = async (userId: number) => (await startSession(userId)).cookie.split(';')[0]!

const IDEAS = 3
const idea = fc.integer({ min: 0, max: IDEAS - 1 })
const words = fc.constantFrom('Yes please', 'Soep & <brood>', 'Not for me')
const step = fc.oneof(
  fc.record({ kind: fc.constant('post' as const) }),
  // An idea answered before, not in the queue, held: only the navigation's count changes.
  fc.record({ kind: fc.constant('holdAnswered' as const) }),
  fc.record({ kind: fc.constant('answer' as const), idea }),
  fc.record({ kind: fc.constant('assign' as const), idea, to: fc.constantFrom(0, 1, null) }),
  fc.record({ kind: fc.constant('renameStaff' as const), who: fc.constantFrom(0, 1), name: words }),
  fc.record({ kind: fc.constant('renameAuthor' as const), name: words }),
  fc.record({ kind: fc.constant('report' as const), idea }),
  fc.record({ kind: fc.constant('hold' as const), idea }),
  fc.record({ kind: fc.constant('due' as const), idea, days: fc.constantFrom(-2, 1, 5) }),
  fc.record({ kind: fc.constant('promote' as const) }),
)
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never

describe('the triage queue answered after one statement', () => {
  it('answers every moderator as their loaders would, whatever was written between', async () => {
    const given = pageTemplates.stats.keptAnswers
    const author = await createTestUser({ password: null, displayName: 'Queue Author' })
    const moderators = await Promise.all(
      [0, 1].map((index) =>
        createTestUser({
          password: null,
          role: 'moderator',
          displayName: `Moderator ${index} ${unique('m').slice(-4)}`,
        }),
      ),
    )
    const cookies = await Promise.all(moderators.map((someone) => cookieOf(someone.id)))
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
        const queued = [] as { id: number }[]
        for (let index = 0; index < IDEAS; index++)
          queued.push(await createTestIdea({ authorId: author.id, title: `Waiting ${index}` }))
        const answered = await createTestIdea({ authorId: author.id, title: 'Answered before' })
        await db().execute(sql`update ideas set answered_at = now() where id = ${answered.id}`)
        const act = async (next: Step) => {
          const staff = { id: moderators[0]!.id, role: 'moderator' as const }
          switch (next.kind) {
            case 'post':
              await createTestIdea({ title: 'Posted meanwhile' })
              break
            case 'holdAnswered':
              await db().execute(
                sql`update ideas set held_at = now(), held_reason = 'Checked again' where id = ${answered.id}`,
              )
              break
            case 'answer':
              await postOfficialResponse({
                actor: staff,
                ideaId: queued[next.idea]!.id,
                response: 'Thank you, we are looking at it.',
                notifyPeople: false,
              })
              break
            case 'assign':
              await assignIdeas({
                actor: staff,
                ideaIds: [queued[next.idea]!.id],
                assigneeId: next.to === null ? null : moderators[next.to]!.id,
              })
              break
            case 'renameStaff':
              await rename(moderators[next.who]!.id, `${next.name} ${unique('s').slice(-4)}`)
              break
            case 'renameAuthor':
              await rename(author.id, next.name)
              break
            case 'report':
              await reportByNewcomer(queued[next.idea]!.id)
              break
            case 'hold':
              await db().execute(
                sql`update ideas set held_at = now(), held_reason = 'Checked first' where id = ${queued[next.idea]!.id}`,
              )
              break
            case 'due':
              await db().execute(
                sql`update ideas set first_response_due_at = now() + make_interval(days => ${next.days}) where id = ${queued[next.idea]!.id}`,
              )
              break
            case 'promote':
              await promoteNewModerator()
              break
          }
        }
        await viewEveryPageAfterEachStep({
          get,
          steps,
          act,
          paths: ['/admin'],
          cookies,
          signedInOnly: () => true,
        })
      }),
      {
        // The examples count among the runs: four of them, then four generated.
        numRuns: 8,
        examples: [
          [
            [
              { kind: 'assign', idea: 0, to: 1 },
              { kind: 'renameStaff', who: 1, name: 'Not for me' },
            ],
          ],
          [
            [
              { kind: 'answer', idea: 1 },
              { kind: 'report', idea: 2 },
            ],
          ],
          [[{ kind: 'promote' }, { kind: 'due', idea: 0, days: -2 }]],
          [[{ kind: 'holdAnswered' }]],
        ],
      },
    )
    expect(pageTemplates.stats.keptAnswers - given).toBeGreaterThan(5)
  }, 240_000)

  it('gives none to an admin, and refuses a customer', async () => {
    const adminUser = await createTestUser({ password: null, role: 'admin' })
    const customer = await createTestUser({ password: null })
    await createTestIdea({ title: 'Waiting for the admin' })
    const [adminCookie, customerCookie] = await Promise.all(
      [adminUser, customer].map((someone) => cookieOf(someone.id)),
    )
    const given = pageTemplates.stats.keptAnswers
    for (let time = 0; time < 4; time++) {
      expect((await get('/admin', adminCookie)).status).toBe(200)
      expect((await get('/admin', customerCookie)).status).toBe(403)
    }
    expect(pageTemplates.stats.keptAnswers).toBe(given)
  })

  it("names an idea's tags in the viewer's language", async () => {
    const moderator = await createTestUser({ password: null, role: 'moderator' })
    const staff = { id: moderator.id, role: 'moderator' as const }
    const cookie = await cookieOf(moderator.id)
    const tagged = await createTestIdea({ title: 'Tagged in the queue' })
    const created = await createTag({
      actor: staff,
      nameEn: 'Winter menu',
      nameNl: 'Wintermenu',
      isPublic: false,
    })
    expect(created.ok).toBe(true)
    const [tag] = await queryRows<{ id: number }>(
      db(),
      sql`select id from tags where name_en = 'Winter menu'`,
    )
    await setTag({ actor: staff, ideaIds: [tagged.id], tagId: tag!.id, on: true })
    for (const [language, shown, notShown] of [
      ['nl', 'Wintermenu', 'Winter menu'],
      ['en', 'Winter menu', 'Wintermenu'],
    ]) {
      await db().execute(sql`update users set locale = ${language} where id = ${moderator.id}`)
      const row = /Tagged in the queue[\s\S]*?<\/th>/.exec(
        (await get('/admin?q=Tagged', `${cookie}; ideabox_lang=${language}`)).html,
      )![0]
      expect(row, language).toContain(shown)
      expect(row, language).not.toContain(notShown)
    }
  })

  it('says an answer due in hours is due within a day, in both languages', async () => {
    const moderator = await createTestUser({ password: null, role: 'moderator' })
    const cookie = await cookieOf(moderator.id)
    const soon = await createTestIdea({ title: 'Due in hours' })
    await db().execute(
      sql`update ideas set first_response_due_at = now() + interval '15 hours' where id = ${soon.id}`,
    )
    for (const [language, said] of [
      ['en', 'within 1 day'],
      ['nl', 'binnen 1 dag'],
    ]) {
      await db().execute(sql`update users set locale = ${language} where id = ${moderator.id}`)
      const { html } = await get('/admin?q=Due%20in%20hours', `${cookie}; ideabox_lang=${language}`)
      const row = />Due in hours<\/a>[\s\S]*?<\/tr>/.exec(html)![0]
      expect(row, language).toContain(said)
    }
  })
})
