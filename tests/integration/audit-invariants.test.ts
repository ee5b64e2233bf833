// The audit log, walked page by page, shows every entry exactly once and in time order (newest
// first, ties by id), whatever order the rows were written in: demo data and imports are backdated,
// and a log paged by id read out of order. fast-check writes a pool of entries with few distinct
// moments (ties), some a microsecond apart (the cursor must keep the database's precision), in a
// shuffled order; each is walked through the domain (small pages) and through the page's loader,
// following the next-page address the page builds, as an admin, with and without the person filter.
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { auditLog } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { listAudit } from '#app/domain/audit/audit.server'
import { loader as auditLoader } from '#app/routes/admin.audit'
import { createTestUser } from '#tests/factories'
import { makeContext, makeRequest } from '#tests/setup/request'

/** Seconds before now: equal ones make ties; 0.000001 apart tests the cursor's precision. */
const MOMENTS = [0, 0.000001, 1, 1.5, 3600, 86_400, 86_400.000001, 30 * 86_400]

const runArb = fc.record({
  entries: fc.array(
    fc.record({ moment: fc.nat({ max: MOMENTS.length - 1 }), byOther: fc.boolean() }),
    { minLength: 1, maxLength: 130 },
  ),
  limit: fc.integer({ min: 1, max: 9 }),
})

type Walked = { ids: number[]; pages: number }

/** Follows next-page cursors to the end; a repeated cursor fails instead of looping. */
async function walk(
  page: (
    cursor: string | null,
  ) => Promise<{ entries: { id: number }[]; nextCursor: string | null }>,
): Promise<Walked> {
  const ids: number[] = []
  const cursors = new Set<string>()
  let cursor: string | null = null
  let pages = 0
  do {
    const result: { entries: { id: number }[]; nextCursor: string | null } = await page(cursor)
    pages++
    ids.push(...result.entries.map((entry) => entry.id))
    cursor = result.nextCursor
    if (cursor && cursors.has(cursor)) throw new Error(`cursor ${cursor} handed out twice`)
    if (cursor) cursors.add(cursor)
  } while (cursor)
  return { ids, pages }
}

describe('the audit log shows every entry once, in time order', () => {
  let admin = { id: 0, cookie: '' }
  let other = { id: 0 }

  beforeAll(async () => {
    const adminUser = await createTestUser({ role: 'admin', password: null })
    admin = { id: adminUser.id, cookie: (await startSession(adminUser.id)).cookie.split(';')[0]! }
    other = await createTestUser({ role: 'moderator', password: null })
  })

  it('by the domain in small pages and by the page as an admin, whole and filtered by person', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async (run) => {
        await db().delete(auditLog)
        // Written in the generated order, so ids and times disagree as with backdated rows.
        for (const entry of run.entries) {
          await db()
            .insert(auditLog)
            .values({
              actorId: entry.byOther ? other.id : admin.id,
              action: 'idea.lockComments',
              targetType: 'idea',
              targetId: 1,
              createdAt: sql`now() - make_interval(secs => ${MOMENTS[entry.moment]!})`,
            })
        }
        const rows = await queryRows<{ id: number; actor: number }>(
          db(),
          sql`select id, actor_id as actor from audit_log order by created_at desc, id desc`,
        )
        const all = rows.map((row) => Number(row.id))
        const mine = rows
          .filter((row) => Number(row.actor) === admin.id)
          .map((row) => Number(row.id))

        const byDomain = await walk((cursor) =>
          listAudit({
            filters: { cursor: cursor ?? undefined },
            limit: run.limit,
            timeZone: 'UTC',
          }),
        )
        expect(byDomain.ids, 'listAudit').toEqual(all)
        expect(byDomain.pages).toBe(Math.max(1, Math.ceil(all.length / run.limit)))
        const byPerson = await walk((cursor) =>
          listAudit({
            filters: { actorId: admin.id, cursor: cursor ?? undefined },
            limit: run.limit,
            timeZone: 'UTC',
          }),
        )
        expect(byPerson.ids, 'listAudit by person').toEqual(mine)

        for (const [filter, expected] of [
          ['', all],
          [`actorId=${admin.id}`, mine],
        ] as const) {
          let path = `/admin/audit?${filter}`
          const byPage = await walk(async () => {
            const data = JSON.parse(
              JSON.stringify(
                await auditLoader({
                  request: makeRequest({ path, cookie: admin.cookie }),
                  params: {},
                  context: makeContext(),
                }),
              ),
            ) as {
              entries: { id: number }[]
              nextCursor: string | null
              query: string
            }
            // The "Older" link: the page's own query (filters kept) plus the cursor.
            if (data.nextCursor)
              path = `/admin/audit?${new URLSearchParams([...new URLSearchParams(data.query), ['cursor', data.nextCursor]])}`
            return data
          })
          expect(byPage.ids, `/admin/audit?${filter}`).toEqual(expected)
        }
      }),
      { numRuns: 15 },
    )
  }, 120_000)
})
