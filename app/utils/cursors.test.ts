// Keyset paging both ways, on a list kept in memory: whatever the list (ties on the sort value
// included) and the page size, walking forward and then back shows the same pages, and a walk back
// ends on the first page; the links the pages carry lead where they say.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { decodePage, type PageAt, readKeysetPage } from './cursors'

type Row = { id: number; sortValue: string }

/** The rows of a list ordered by (value, id) descending, as a database reads them near `at`. */
function readerOf(list: Row[], limit: number) {
  const key = (row: Row) => [Number(row.sortValue), row.id] as const
  const compare = (a: Row, b: { value: string; id: number }) =>
    Number(a.sortValue) - Number(b.value) || a.id - b.id
  const ordered = [...list].sort((a, b) => key(b)[0] - key(a)[0] || b.id - a.id)
  return async (at: PageAt) => {
    if (at.before) {
      const before = at.before
      // Nearest first, then back in the list's order (as keysetRead's inListOrder does).
      const rows = ordered.filter((row) => compare(row, before) > 0).reverse()
      return rows.slice(0, limit + 1).reverse()
    }
    const after = at.cursor
    return ordered.filter((row) => !after || compare(row, after) < 0).slice(0, limit + 1)
  }
}

const lists = fc
  .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 60 })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(fc.integer({ min: -3, max: 3 }), { minLength: ids.length, maxLength: ids.length }),
    ),
  )
  .map(([ids, values]) => ids.map((id, index) => ({ id, sortValue: String(values[index]) })))

describe('keyset pages', () => {
  it('walked forward and then back, are the same pages in the same order, ending on the first', async () => {
    await fc.assert(
      fc.asyncProperty(lists, fc.integer({ min: 1, max: 12 }), async (list, limit) => {
        const read = readerOf(list, limit)
        const ids = (rows: { id: number }[]) => rows.map((row) => row.id)
        const forward: number[][] = []
        let page = await readKeysetPage({}, limit, read)
        expect(page.links.isFirstPage).toBe(true)
        expect(page.links.previousCursor).toBeNull()
        forward.push(ids(page.rows))
        while (page.links.nextCursor) {
          page = await readKeysetPage(decodePage({ cursor: page.links.nextCursor }), limit, read)
          forward.push(ids(page.rows))
        }
        expect(forward.flat()).toHaveLength(list.length)
        expect(forward.every((rows) => rows.length <= limit)).toBe(true)
        const back = [ids(page.rows)]
        while (page.links.previousCursor) {
          page = await readKeysetPage(
            decodePage({ before: page.links.previousCursor }),
            limit,
            read,
          )
          back.unshift(ids(page.rows))
        }
        expect(back).toEqual(forward)
        expect(page.links.isFirstPage).toBe(true)
      }),
    )
  })

  it('going back from anywhere gives the page that ends just before it', async () => {
    await fc.assert(
      fc.asyncProperty(
        lists.filter((list) => list.length > 0),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        async (list, limit, pick) => {
          const read = readerOf(list, limit)
          const ordered = await readerOf(list, list.length)({})
          const at = ordered[pick % ordered.length]!
          const page = await readKeysetPage(
            { before: { value: at.sortValue, id: at.id } },
            limit,
            read,
          )
          const index = ordered.indexOf(at)
          // Fewer than a page before it: the first page, as it is.
          const expected =
            index > limit ? ordered.slice(index - limit, index) : ordered.slice(0, limit)
          expect(page.rows.map((row) => row.id)).toEqual(expected.map((row) => row.id))
          expect(page.links.isFirstPage).toBe(index <= limit)
        },
      ),
    )
  })

  it('reads a cursor or a before from the address, the before winning, malformed ones as none', () => {
    const cursor = Buffer.from(JSON.stringify(['5', 12])).toString('base64url')
    expect(decodePage({ cursor })).toEqual({ cursor: { value: '5', id: 12 }, before: null })
    expect(decodePage({ before: cursor, cursor })).toEqual({
      cursor: null,
      before: { value: '5', id: 12 },
    })
    expect(decodePage({ before: 'not a cursor', cursor })).toEqual({
      cursor: { value: '5', id: 12 },
      before: null,
    })
    expect(decodePage({ before: cursor }, 'timestamptz')).toEqual({ cursor: null, before: null })
  })
})
