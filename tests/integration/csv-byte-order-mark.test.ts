// Every CSV download starts with a UTF-8 byte-order mark, so Excel reads accents and emoji as UTF-8
// (without it, it guesses the local code page: "CafÃ©"); after the mark comes the header as before.
import { describe, expect, it } from 'vitest'

import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { loader as votersCsvLoader } from '#app/routes/admin.ideas.$ideaId.voters[.]csv'
import { loader as ideasCsvLoader } from '#app/routes/admin.insights[.]csv'
import { parseCsv } from '#tests/setup/csv'
import { makeContext, makeRequest } from '#tests/setup/request'

const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf]

describe('CSV downloads', () => {
  it('start with a UTF-8 byte-order mark, then the header', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const cookie = (await startSession(moderator.id)).cookie.split(';')[0]!
    const idea = await createTestIdea({ title: 'Café crème ☕ for everyone' })
    for (const [path, loader, params, firstCell] of [
      ['/admin/insights.csv', ideasCsvLoader, {}, 'ID'],
      [`/admin/ideas/${idea.id}/voters.csv`, votersCsvLoader, { ideaId: String(idea.id) }, 'Name'],
    ] as const) {
      const response = await loader({
        request: makeRequest({ path, cookie }),
        params,
        context: makeContext(),
      })
      expect(response.status).toBe(200)
      const bytes = new Uint8Array(await response.arrayBuffer())
      expect([...bytes.slice(0, 3)], path).toEqual(BYTE_ORDER_MARK)
      // Decoded keeping the mark, it is the file's first character and nothing else's.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
      expect(text.startsWith('\uFEFF')).toBe(true)
      expect(text.slice(1)).not.toContain('\uFEFF')
      const rows = parseCsv(text.slice(1), ',')
      expect(rows[0]![0]!.value, path).toBe(firstCell)
      if (path === '/admin/insights.csv')
        expect(rows.some((row) => row[1]?.value === 'Café crème ☕ for everyone')).toBe(true)
    }
  })
})
