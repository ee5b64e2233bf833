// Cursors from the address are checked against the type of the list's sort value before they reach
// SQL (a forged one was a 500). These tests hold the check to what the database really writes.
import { describe, expect, it } from 'vitest'

import { addActivity, createTestIdea, createTestUser } from '#app/demo/factories.server'
import { decodeCursor } from '#app/utils/cursors'

import { ideaSorts, sortCursorCast } from './ideas.rules'
import { listIdeas, listIdeasByAuthor } from './ideas.server'

const forged = (value: string) => Buffer.from(JSON.stringify([value, 1])).toString('base64url')

describe('list cursors', () => {
  it('accepts every cursor a list hands out, for every order and for a search', async () => {
    const author = await createTestUser({ password: null })
    const voter = await createTestUser({ password: null })
    const created = []
    for (let index = 0; index < 3; index++)
      created.push(
        await createTestIdea({ authorId: author.id, title: `Cursor probe flat white ${index}` }),
      )
    await addActivity({
      votes: [{ ideaId: created[0]!.id, userId: voter.id, value: 1 }],
      comments: [{ ideaId: created[1]!.id, authorId: voter.id, body: 'Yes' }],
    })
    for (const sort of [...ideaSorts, 'relevance'] as const) {
      const search = sort === 'relevance' ? 'flat white' : undefined
      const first = await listIdeas({ sort, search, limit: 1 })
      expect(first.nextCursor, sort).not.toBeNull()
      const cursor = decodeCursor(first.nextCursor, sortCursorCast(sort, Boolean(search)))
      expect(
        cursor,
        `${sort}: ${Buffer.from(first.nextCursor!, 'base64url').toString()}`,
      ).not.toBeNull()
      const second = await listIdeas({ sort, search, cursor, limit: 1 })
      expect(second.ideas[0]?.id, sort).not.toBe(first.ideas[0]?.id)
    }
    const mine = await listIdeasByAuthor({ authorId: author.id, limit: 1 })
    expect(decodeCursor(mine.nextCursor, 'timestamptz')).not.toBeNull()
  })

  it('reads a forged cursor as the first page instead of failing', async () => {
    await createTestIdea()
    for (const sort of ideaSorts) {
      for (const value of [
        'not-a-date',
        '',
        '1e400',
        '2026-02-30 00:00:00+00',
        '2026-11-25 22:13:29+00',
        '99999999999',
      ]) {
        const cursor = decodeCursor(forged(value), sortCursorCast(sort, false))
        await expect(
          listIdeas({ sort, cursor, limit: 1 }),
          `${sort} after ${value}`,
        ).resolves.toBeDefined()
        // The list guards its own cast too, whoever decoded the cursor.
        await expect(
          listIdeas({ sort, cursor: { value, id: 1 }, limit: 1 }),
          `${sort} given ${value}`,
        ).resolves.toBeDefined()
      }
    }
  })
})
