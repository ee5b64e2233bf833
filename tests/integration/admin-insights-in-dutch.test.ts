// /admin/insights in Dutch: the most-voted open ideas show their statuses by their Dutch names, and
// the weeks are dates as the app writes them elsewhere, not ISO dates.
import { describe, expect, it } from 'vitest'

import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { loader } from '#app/routes/admin.insights'
import { formatDate } from '#app/utils/i18n/i18n'
import { cookieFrom, makeContext, makeRequest } from '#tests/setup/request'

describe('the insights page in Dutch', () => {
  it('names the statuses in Dutch and writes the weeks as Dutch dates', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const cookie = cookieFrom((await startSession(moderator.id)).cookie)
    for (const statusSlug of ['new', 'under-review', 'planned', 'in-progress'])
      await createTestIdea({ statusSlug, title: `Open idea, ${statusSlug}` })
    const page = await loader({
      request: makeRequest({
        path: '/admin/insights',
        cookie,
        headers: { 'Accept-Language': 'nl' },
      }),
      params: {},
      context: makeContext(),
    } as never)
    const statuses = page.topOpen.map((idea) => idea.status)
    expect(statuses.length).toBeGreaterThanOrEqual(4)
    for (const english of ['New', 'Under review', 'Planned', 'In progress'])
      expect(statuses).not.toContain(english)
    expect(statuses).toContain('Gepland')
    for (const week of page.weekly) {
      expect(week.week).not.toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(week.week).toMatch(/\d{4}$/)
    }
    const monday = new Date()
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7))
    expect(page.weekly.at(-1)!.week).toBe(formatDate('nl', monday.toISOString().slice(0, 10)))
  })
})
