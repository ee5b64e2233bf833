// Insights and the CSV export, on real rows.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas } from '#app/db/schema'
import { createTestIdea } from '#app/demo/factories.server'

import { ideasCsv, insights } from './insights.server'

async function readAll(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader()
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text
    text += new TextDecoder().decode(value)
  }
}

describe('insights', () => {
  it('count ideas by channel and kind, and list the most-voted open ideas', async () => {
    const phone = await createTestIdea({ title: 'Phone idea for insights' })
    await db().update(ideas).set({ channel: 'phone' }).where(eq(ideas.id, phone.id))
    await createTestIdea({ kind: 'involvement' })
    const result = await insights()
    expect(result.byChannel.find((row) => row.channel === 'phone')?.ideas).toBe(1)
    expect(result.byKind.find((row) => row.kind === 'involvement')?.ideas).toBe(1)
    expect(result.weekly).toHaveLength(12)
    expect(result.weekly.at(-1)!.ideas).toBeGreaterThanOrEqual(2)
    expect(result.topOpen.map((idea) => idea.id)).toContain(phone.id)
  })

  it('export every idea as CSV, quoted where needed and safe from spreadsheet formulas', async () => {
    await createTestIdea({ title: 'Comma, "quotes" and all' })
    await createTestIdea({ title: '=HYPERLINK("http://evil.example")' })
    const csv = await readAll(ideasCsv({ baseUrl: 'https://ideas.example', locale: 'en' }))
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'ID,Title,Kind,Category,Status,Channel,Created at (Europe/Amsterdam),Up votes,Down votes,Score,Comments,First response due (Europe/Amsterdam),Answered at (Europe/Amsterdam),Link,Visibility',
    )
    expect(csv).toContain('"Comma, ""quotes"" and all"')
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`)
    expect(lines.length - 1).toBe((await db().select({ id: ideas.id }).from(ideas)).length)
  })
})
