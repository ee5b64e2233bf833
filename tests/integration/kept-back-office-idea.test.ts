// The back office's page of an idea answered again after one statement (decision 043), through the
// real HTTP layer, every kept answer checked against its loaders (KEPT_ANSWER_CHECK_EVERY=1: a
// difference fails the request). Over generated writes to what only the team's page shows — notes
// and their writers' names, the history and the names it refers to (assignees, the idea merged
// into), voters and their names, the assignee, the team, the navigation's counts — and to what the
// public page shows too (comments hidden, answers, the author's name): every moderator's page
// answers 200 after each, and the last kept answer is what Remix renders byte for byte. An admin
// (their pages say how the mail is doing) and a customer (refused) are never given one.
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { mergeIdeas } from '#app/domain/ideas/merging.server'
import { postOfficialResponse } from '#app/domain/ideas/responses.server'
import { dismissReports, hideContent } from '#app/domain/moderation/moderation.server'
import { addInternalNote, assignIdeas } from '#app/domain/triage/triage.server'
import { castVote } from '#app/domain/votes/votes.server'
import * as notFound from '#app/routes/$'
import * as admin from '#app/routes/admin'
import * as ideaPage from '#app/routes/admin.ideas.$ideaId'
import { pageTemplates } from '#app/utils/page-template-store.server'
import { addActivity, createTestIdea, createTestUser, unique } from '#tests/factories'
import { serveAppDuringTests } from '#tests/setup/app-server'
import { promoteNewModerator, rename, reportByNewcomer } from '#tests/setup/back-office-writes'
import { pageFetcher, viewEveryPageAfterEachStep } from '#tests/setup/page-answers'

const app = serveAppDuringTests([
  { id: 'routes/admin', path: 'admin', module: admin },
  {
    id: 'routes/admin.ideas.$ideaId',
    parentId: 'routes/admin',
    path: 'ideas/:ideaId',
    module: ideaPage,
  },
  { id: 'routes/$', path: '*', module: notFound },
])
const get = pageFetcher(app.base)
const cookieOf = async (userId: number) => (await startSession(userId)).cookie.split(';')[0]!

const words = fc.constantFrom('Yes please', 'Soep & <brood>', 'Not for me')
// Two moderators view the page; the third only acts on it, and may leave the team.
const staffMember = fc.constantFrom(0, 1, 2)
const step = fc.oneof(
  fc.record({ kind: fc.constant('note' as const), by: staffMember, body: words }),
  fc.record({ kind: fc.constant('renameStaff' as const), who: staffMember, name: words }),
  fc.record({
    kind: fc.constant('assign' as const),
    by: staffMember,
    to: fc.constantFrom(0, 1, 2, null),
  }),
  fc.record({ kind: fc.constant('leaveTeam' as const) }),
  fc.record({ kind: fc.constant('vote' as const), direction: fc.constantFrom('up', 'down') }),
  fc.record({ kind: fc.constant('renameVoter' as const), name: words }),
  fc.record({ kind: fc.constant('hideComment' as const) }),
  fc.record({ kind: fc.constant('answer' as const), body: words }),
  fc.record({ kind: fc.constant('renameAuthor' as const), name: words }),
  fc.record({ kind: fc.constant('renameCommenter' as const), name: words }),
  fc.record({ kind: fc.constant('merge' as const) }),
  fc.record({ kind: fc.constant('renameOriginal' as const), title: words }),
  fc.record({ kind: fc.constant('elsewhere' as const) }),
  fc.record({ kind: fc.constant('report' as const), comment: fc.boolean() }),
  fc.record({ kind: fc.constant('dismiss' as const), comment: fc.boolean() }),
  fc.record({ kind: fc.constant('promote' as const) }),
)
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never

describe("an idea's back-office page answered after one statement", () => {
  it('answers every moderator as their loaders would, whatever was written between', async () => {
    const given = pageTemplates.stats.keptAnswers
    const moderators = await Promise.all(
      [0, 1, 2].map((index) =>
        createTestUser({
          password: null,
          role: 'moderator',
          displayName: `Moderator ${index} ${unique('m').slice(-4)}`,
        }),
      ),
    )
    const cookies = await Promise.all(moderators.slice(0, 2).map((someone) => cookieOf(someone.id)))
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
        await db().execute(sql`update users set role = 'moderator' where id = ${moderators[2]!.id}`)
        const author = await createTestUser({ password: null, displayName: 'Page Author' })
        const voter = await createTestUser({ password: null, displayName: 'First Voter' })
        const commenter = await createTestUser({ password: null, displayName: 'Commenter' })
        const shown = await createTestIdea({ authorId: author.id, title: 'Shown to the team' })
        const original = await createTestIdea({ title: 'The original' })
        const {
          commentIds: [commentId],
        } = await addActivity({
          votes: [{ ideaId: shown.id, userId: voter.id, value: 1 }],
          comments: [{ ideaId: shown.id, authorId: commenter.id, body: 'A first comment' }],
        })
        const staff = (index: number) => ({ id: moderators[index]!.id, role: 'moderator' as const })
        const act = async (next: Step) => {
          switch (next.kind) {
            case 'note':
              await addInternalNote({ actor: staff(next.by), ideaId: shown.id, body: next.body })
              break
            case 'renameStaff':
              await rename(moderators[next.who]!.id, `${next.name} ${unique('s').slice(-4)}`)
              break
            case 'assign':
              await assignIdeas({
                actor: staff(next.by),
                ideaIds: [shown.id],
                assigneeId: next.to === null ? null : moderators[next.to]!.id,
              })
              break
            case 'vote': {
              const someone = await createTestUser({ password: null, displayName: 'Later Voter' })
              await castVote({ actor: someone, ideaId: shown.id, direction: next.direction })
              break
            }
            case 'leaveTeam':
              await db().execute(
                sql`update users set role = 'customer' where id = ${moderators[2]!.id}`,
              )
              break
            case 'renameVoter':
              await rename(voter.id, next.name)
              break
            case 'hideComment':
              await hideContent({
                actor: staff(1),
                target: { commentId: commentId! },
                reason: 'Rude',
              })
              break
            case 'answer':
              await postOfficialResponse({
                actor: staff(0),
                ideaId: shown.id,
                response: next.body,
                notifyPeople: false,
              })
              break
            case 'renameAuthor':
              await rename(author.id, next.name)
              break
            case 'renameCommenter':
              // The history names the author of the comment it hid.
              await rename(commenter.id, next.name)
              break
            case 'merge':
              await mergeIdeas({
                actor: staff(0),
                duplicateId: shown.id,
                originalId: original.id,
                notifyPeople: false,
              })
              break
            case 'renameOriginal':
              await db().execute(
                sql`update ideas set title = ${next.title} where id = ${original.id}`,
              )
              break
            case 'elsewhere':
              // Another idea reported: only the navigation's counts change.
              await reportByNewcomer(original.id)
              break
            case 'promote':
              await promoteNewModerator()
              break
            case 'report':
              await reportByNewcomer(shown.id, next.comment ? commentId : undefined)
              break
            case 'dismiss':
              await dismissReports({
                actor: staff(1),
                target: next.comment
                  ? { commentId: commentId!, onIdea: shown.id }
                  : { ideaId: shown.id },
              })
              break
          }
        }
        await viewEveryPageAfterEachStep({
          get,
          steps,
          act,
          paths: [`/admin/ideas/${shown.id}`],
          cookies,
          signedInOnly: () => true,
        })
      }),
      {
        // The examples count among the runs: seven of them, then four generated. The second and
        // third change only the history: who assigned it, and to whom it was assigned before,
        // renamed after leaving the team.
        numRuns: 11,
        examples: [
          [
            [
              { kind: 'note', by: 1, body: 'Soep & <brood>' },
              { kind: 'renameStaff', who: 1, name: 'Not for me' },
            ],
          ],
          [
            [
              { kind: 'assign', by: 2, to: 1 },
              { kind: 'leaveTeam' },
              { kind: 'renameStaff', who: 2, name: 'Yes please' },
            ],
          ],
          [
            [
              { kind: 'assign', by: 0, to: 2 },
              { kind: 'assign', by: 0, to: 1 },
              { kind: 'leaveTeam' },
              { kind: 'renameStaff', who: 2, name: 'Not for me' },
            ],
          ],
          [[{ kind: 'merge' }, { kind: 'renameOriginal', title: 'Soep & <brood>' }]],
          [[{ kind: 'renameVoter', name: 'Soep & <brood>' }, { kind: 'hideComment' }]],
          [[{ kind: 'hideComment' }, { kind: 'renameCommenter', name: 'Not for me' }]],
          [
            [
              { kind: 'report', comment: true },
              { kind: 'report', comment: false },
              { kind: 'dismiss', comment: true },
            ],
          ],
        ],
      },
    )
    expect(pageTemplates.stats.keptAnswers - given).toBeGreaterThan(5)
  }, 240_000)

  it('gives none to an admin or with a query, and refuses a customer', async () => {
    const adminUser = await createTestUser({ password: null, role: 'admin' })
    const moderator = await createTestUser({ password: null, role: 'moderator' })
    const customer = await createTestUser({ password: null })
    const idea = await createTestIdea({ title: 'Opened by the admin' })
    const [adminCookie, moderatorCookie, customerCookie] = await Promise.all(
      [adminUser, moderator, customer].map((someone) => cookieOf(someone.id)),
    )
    const given = pageTemplates.stats.keptAnswers
    for (let time = 0; time < 4; time++) {
      expect((await get(`/admin/ideas/${idea.id}`, adminCookie)).status).toBe(200)
      expect((await get(`/admin/ideas/${idea.id}?merge-q=milk`, moderatorCookie)).status).toBe(200)
      expect((await get(`/admin/ideas/${idea.id}`, customerCookie)).status).toBe(403)
      expect((await get('/admin/ideas/999999999', moderatorCookie)).status).toBe(404)
    }
    expect(pageTemplates.stats.keptAnswers).toBe(given)
  })
})
