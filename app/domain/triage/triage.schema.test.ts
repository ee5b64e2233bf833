// Merging reads the original idea's number from a number or a link, whatever host the link names.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { mergeSchema } from './triage.schema'

const originalOf = (originalId: string) =>
  mergeSchema.safeParse({ originalId, response: '' }).data?.originalId

/** Every id the ideas table can hold (int4). */
const ideaIds = fc.integer({ min: 1, max: 2_147_483_647 })

const segment = fc.stringMatching(/^[a-z0-9-]{1,10}$/).filter((part) => part !== 'ideas')
const slug = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,4}$/)
const host = fc.oneof(
  fc.domain(),
  fc.ipV4(),
  fc.constantFrom('localhost', '127.0.0.1', 'ideas2.example.com', '2024.example.nl'),
)
/** Anything after the idea: more path, a query (which may name other ideas), a fragment. */
const tail = fc.tuple(
  fc.constantFrom('', '/', '/edit', '/voters.csv'),
  fc.option(
    fc.array(
      fc.oneof(
        fc.tuple(segment, fc.nat()).map(([key, value]) => `${key}=${value}`),
        fc.constantFrom('cursor=WyIxMiIsMzRd', 'ref=/ideas/77', 'page=2'),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    { nil: undefined },
  ),
  fc.option(fc.constantFrom('comment-12', 'answer', '123'), { nil: undefined }),
)

/** A link to the idea as people paste it: any host, port, path before /ideas/, slug, query, fragment. */
const ideaLink = (id: number) =>
  fc
    .record({
      origin: fc.option(
        fc.tuple(
          fc.constantFrom('http://', 'https://', '//'),
          host,
          fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
        ),
        { nil: undefined },
      ),
      prefix: fc.array(segment, { maxLength: 3 }),
      slug: fc.option(slug, { nil: undefined }),
      tail,
      spaces: fc.constantFrom('', ' ', '\t', '  '),
    })
    .map(({ origin, prefix, slug, tail: [more, query, fragment], spaces }) => {
      const [scheme, name, port] = origin ?? []
      const start = scheme ? `${scheme}${name}${port === undefined ? '' : `:${port}`}` : ''
      const path = `${prefix.map((part) => `/${part}`).join('')}/ideas/${id}${slug ? `-${slug}` : ''}${more}`
      const search = query ? `?${query.join('&')}` : ''
      return `${spaces}${start}${path}${search}${fragment ? `#${fragment}` : ''}${spaces}`
    })

describe('the merge form', () => {
  it('takes the number after /ideas/ in a link, not digits in its host or port', () => {
    expect(originalOf('http://127.0.0.1:3301/ideas/50-suspended-coffee')).toBe(50)
    expect(originalOf('https://ideas2.example.com:8443/ideas/7')).toBe(7)
    expect(originalOf('/ideas/63-a-title-with-2024-in-it')).toBe(63)
  })

  it('takes a number, with or without #', () => {
    expect(originalOf('#63')).toBe(63)
    expect(originalOf(' 12 ')).toBe(12)
    expect(originalOf('twelve')).toBeUndefined()
  })

  it('reads the idea from any link to it', () => {
    fc.assert(
      fc.property(
        ideaIds.chain((id) => fc.tuple(fc.constant(id), ideaLink(id))),
        ([id, link]) => {
          expect(originalOf(link)).toBe(id)
        },
      ),
    )
  })

  it('reads a bare number or a #number ref', () => {
    fc.assert(
      fc.property(
        ideaIds,
        fc.constantFrom('', '#'),
        fc.constantFrom('', ' ', '\t'),
        (id, hash, spaces) => {
          expect(originalOf(`${spaces}${hash}${id}${spaces}`)).toBe(id)
        },
      ),
    )
  })

  it('refuses a number no idea can have, bare or in a link, at the field', () => {
    const noIdea = fc.oneof(
      fc.constant(0),
      fc.bigInt({ min: 2_147_483_648n, max: 10n ** 15n }),
      fc.constantFrom(2_147_483_648, 9_999_999_999),
    )
    fc.assert(
      fc.property(
        noIdea,
        fc.constantFrom('', '#', '/ideas/', 'https://example.com/ideas/'),
        (number, before) => {
          const result = mergeSchema.safeParse({ originalId: `${before}${number}`, response: '' })
          expect(result.success).toBe(false)
          expect(
            result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]),
          ).toEqual([['originalId', 'admin.originalRequired']])
        },
      ),
    )
  })

  it('refuses text that names no idea', () => {
    fc.assert(
      fc.property(
        fc.string().filter((text) => !/\/ideas\/\d|^\s*#?\d+\s*$/.test(text)),
        (text) => {
          expect(originalOf(text)).toBeUndefined()
        },
      ),
    )
  })
})
