// /admin/insights in Dutch: the most-voted open ideas show their statuses by their Dutch names, and
// the weeks are dates as the app writes them elsewhere, not ISO dates. The CSV export names statuses
// and categories in the language of the person who downloads it, as the page does.
import { describe, expect, it } from 'vitest'

import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { listCategories } from '#app/domain/ideas/ideas.server'
import { loader } from '#app/routes/admin.insights'
import { loader as csvLoader } from '#app/routes/admin.insights[.]csv'
import { formatDate, localName, supportedLocales } from '#app/utils/i18n/i18n'
import { parseCsv } from '#tests/setup/csv'
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

describe('the ideas CSV export in the requester’s language', () => {
  it.each(supportedLocales)(
    'names statuses and categories in %s, as the page does',
    async (locale) => {
      const moderator = await createTestUser({ role: 'moderator', password: null })
      const cookie = cookieFrom((await startSession(moderator.id)).cookie)
      // A category whose names differ between the languages.
      const category = (await listCategories()).find((row) => row.nameEn !== row.nameNl)!
      const idea = await createTestIdea({
        statusSlug: 'planned',
        categorySlug: category.slug,
        title: `Exported idea in ${locale}`,
      })
      const response = await csvLoader({
        request: makeRequest({
          path: '/admin/insights.csv',
          cookie,
          headers: { 'Accept-Language': locale },
        }),
        params: {},
        context: makeContext(),
      } as never)
      const rows = parseCsv(await response.text(), ',').map((row) => row.map((cell) => cell.value))
      const header = rows[0]!
      const row = rows.find((cells) => cells[0] === String(idea.id))!
      expect(row[header.indexOf('status')]).toBe(locale === 'nl' ? 'Gepland' : 'Planned')
      expect(row[header.indexOf('category')]).toBe(localName(locale, category))
    },
  )
})
