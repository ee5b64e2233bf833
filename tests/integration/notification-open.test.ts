// A notification opened from /notifications is marked read and leads on to what it is about; only
// its own person, from this site, marks it (another site linking there marks nothing).
import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { notifications } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { notificationOpenPath } from '#app/domain/notifications/notifications.rules'
import { countUnread } from '#app/domain/notifications/notifications.server'
import { loader } from '#app/routes/notifications_.$notificationId'
import { ideaPath } from '#app/utils/idea-path'
import { makeContext, makeRequest, settle } from '#tests/setup/request'

let dedupe = 0

async function setUp() {
  const person = await createTestUser({ password: null })
  const cookie = (await startSession(person.id)).cookie.split(';')[0]!
  const idea = await createTestIdea()
  const rows = await db()
    .insert(notifications)
    .values(
      Array.from({ length: 4 }, () => ({
        userId: person.id,
        type: 'status' as const,
        ideaId: idea.id,
        dedupeKey: `open-test-${dedupe++}`,
      })),
    )
    .returning({ id: notifications.id })
  return { person, cookie, idea, ids: rows.map((row) => row.id) }
}

async function open(
  id: number | string,
  cookie: string | undefined,
  headers: Record<string, string>,
) {
  const response = (await settle(() =>
    loader({
      request: makeRequest({ path: `/notifications/${id}`, cookie, headers }),
      params: { notificationId: String(id) },
      context: makeContext(),
    }),
  )) as Response
  return { status: response.status, location: response.headers.get('Location') }
}

const readOf = async (ids: number[]) =>
  (
    await db()
      .select({ id: notifications.id, readAt: notifications.readAt })
      .from(notifications)
      .where(inArray(notifications.id, ids))
      .orderBy(notifications.id)
  ).map((row) => row.readAt !== null)

describe('opening a notification', () => {
  it('marks it read, only it, and leads to what it is about', async () => {
    const { person, cookie, idea, ids } = await setUp()
    const answer = await open(ids[0]!, cookie, { 'Sec-Fetch-Site': 'same-origin' })
    expect(answer).toEqual({ status: 303, location: `${ideaPath(idea)}#timeline` })
    expect(await readOf(ids)).toEqual([true, false, false, false])
    expect(await countUnread({ userId: person.id })).toBe(3)
    // Without Sec-Fetch-Site (an older browser): the page it came from says it is this site.
    await open(ids[1]!, cookie, { Referer: 'http://localhost/notifications' })
    expect(await readOf(ids)).toEqual([true, true, false, false])
    // Opened again, it stays read and still leads there.
    expect(await open(ids[0]!, cookie, { 'Sec-Fetch-Site': 'same-origin' })).toEqual(answer)
  })

  it('leads there but marks nothing when another site sent the person, or nothing says where from', async () => {
    const { cookie, ids } = await setUp()
    const sources: Record<string, string>[] = [
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'none' },
      { Referer: 'https://elsewhere.example/page' },
      {},
    ]
    for (const headers of sources) {
      const answer = await open(ids[2]!, cookie, headers)
      expect(answer.status, JSON.stringify(headers)).toBe(303)
      expect(answer.location).toMatch(/^\/ideas\//)
    }
    expect(await readOf(ids)).toEqual([false, false, false, false])
  })

  it("opens nobody else's notification, and sends a visitor to sign in first", async () => {
    const { ids } = await setUp()
    const other = await createTestUser({ password: null })
    const otherCookie = (await startSession(other.id)).cookie.split(';')[0]!
    for (const id of [ids[3]!, 'not-a-number', 2 ** 31 + 1])
      expect(await open(id, otherCookie, { 'Sec-Fetch-Site': 'same-origin' })).toEqual({
        status: 303,
        location: '/notifications',
      })
    expect(await readOf(ids)).toEqual([false, false, false, false])
    const visitor = await open(ids[3]!, undefined, { 'Sec-Fetch-Site': 'same-origin' })
    expect(visitor.status).toBe(302)
    expect(visitor.location).toContain(encodeURIComponent(notificationOpenPath(ids[3]!)))
    expect(await db().$count(notifications, eq(notifications.id, ids[3]!))).toBe(1)
  })
})
