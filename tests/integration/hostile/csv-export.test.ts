// The ideas export (/admin/insights.csv) read the way spreadsheets read it: with commas (English
// Excel), semicolons (Dutch Excel) and tabs. Titles are generated from what breaks CSV; every one
// comes back whole with commas, and no reading yields a cell a spreadsheet would run as a formula.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { loader } from '#app/routes/admin.insights[.]csv'
import { csvBreakingCharacter, parseCsv, startsFormula, withoutDefusing } from '#tests/setup/csv'
import { makeContext, makeRequest } from '#tests/setup/request'

const hostileTitle = fc
  .string({
    unit: csvBreakingCharacter,
    minLength: 1,
    maxLength: 40,
  })
  .filter((title) => title.trim().length > 0)

// The columns keep their places in every language: id, title, …
const TITLE_COLUMN = 1

describe('the ideas CSV export', () => {
  it('gives back every title and no formula, read with commas, semicolons or tabs', async () => {
    const titles = [
      'Latte;=1+1',
      '=HYPERLINK("http://evil.example")',
      'Tab\t@SUM(1)',
      'Quote";-2+3',
      ...fc.sample(hostileTitle, { numRuns: 60, seed: 15 }),
    ]
    const created = new Map<number, string>()
    for (const title of titles) created.set((await createTestIdea({ title })).id, title)
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const cookie = (await startSession(moderator.id)).cookie.split(';')[0]
    const response = await loader({
      request: makeRequest({ path: '/admin/insights.csv', cookie }),
      params: {},
      context: makeContext(),
    })
    expect(response.status).toBe(200)
    const file = await response.text()

    const rows = parseCsv(file, ',')
    const header = rows[0]!.map((cell) => cell.value)
    const byId = new Map(rows.slice(1).map((row) => [Number(row[0]!.value), row]))
    for (const [id, title] of created) {
      const row = byId.get(id)
      expect(row?.length, `row of idea ${id}`).toBe(header.length)
      expect(withoutDefusing(row![TITLE_COLUMN]!.value), JSON.stringify(title)).toBe(
        withoutDefusing(title),
      )
    }
    for (const separator of [',', ';', '\t'] as const) {
      for (const cell of parseCsv(file, separator).flat()) {
        expect(
          startsFormula(cell.value),
          `${JSON.stringify(cell.value)} read with ${JSON.stringify(separator)}`,
        ).toBe(false)
      }
    }
  })
})
