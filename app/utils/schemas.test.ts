import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { ideaListQuerySchema, similarQuerySchema } from '#app/domain/ideas/ideas.schema'

import { idField, isSlug, oneLine, searchableText, searchTextField } from './schemas'
import { searchFor } from './text.rules'

describe('search text', () => {
  it('turns control characters into spaces, NUL above all (PostgreSQL text cannot hold it)', () => {
    expect(searchableText(' oat\u0000milk\u0007 ')).toBe('oat milk')
    expect(searchableText('\u0000\u0000')).toBe('')
    expect(searchTextField(10).parse('  flat\u0000white  ')).toBe('flat white')
    // Too long is cut to the limit, never dropped: a search that vanished showed every idea.
    expect(searchTextField(3).parse('four')).toBe('fou')
  })

  it('is any text cut to its limit, never refused (nothing to catch and silently drop)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.nat(250), (raw, max) => {
        const parsed = searchTextField(max).safeParse(raw)
        expect(parsed.success).toBe(true)
        const text = parsed.data!
        expect([...text].length).toBeLessThanOrEqual(max)
        expect(searchableText(raw).startsWith(text.trimEnd())).toBe(true)
        expect(searchFor(raw, max)).toEqual({
          text,
          shortened: [...searchableText(raw)].length > max,
        })
      }),
    )
  })

  it('is what the ideas list and the similar-ideas lookup read from the address', () => {
    expect(ideaListQuerySchema.parse({ q: 'oat\u0000milk' }).q).toBe('oat milk')
    expect(ideaListQuerySchema.parse({ q: 'x'.repeat(201) }).q).toBe('x'.repeat(200))
    expect(similarQuerySchema.parse({ q: 'decaf\u0000' }).q).toBe('decaf')
  })
})

describe('slugs and handles in the address', () => {
  it('are lowercase letters, digits and hyphens, as slugify and handleFromName make them', () => {
    for (const value of ['casey-jansen', 'you-asked-oat-milk-and-more', 'update-2', 'member'])
      expect(isSlug(value), value).toBe(true)
    for (const value of [
      undefined,
      '',
      '\u0000',
      'x\u0000y',
      'Casey',
      "o'neil",
      '../admin',
      'ä',
      'a'.repeat(201),
    ])
      expect(isSlug(value), String(value)).toBe(false)
  })
})

describe('titles stay on one line', () => {
  it('folds line breaks and control characters into single spaces, in every title a person or an integration sends', async () => {
    const { newIdeaSchema } = await import('#app/domain/ideas/ideas.schema')
    const { updateFormSchema } = await import('#app/domain/updates/updates.schema')
    const { apiCreateIdeaSchema } = await import('#app/domain/api/api.schema')
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 5, maxLength: 100 }), (raw) => {
        const title = `Title ${raw}`
        expect(oneLine(title)).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/)
        for (const parsed of [
          newIdeaSchema.shape.title.safeParse(title),
          updateFormSchema.shape.title.safeParse(title),
          apiCreateIdeaSchema.shape.title.safeParse(title),
        ]) {
          if (parsed.success) expect(parsed.data).not.toMatch(/[\r\n]/)
        }
      }),
    )
    expect(oneLine('new\nline\r\n\ttitle')).toBe('new line title')
  })
})

describe('idField', () => {
  it('reads an id as an address or a form writes it, and nothing that merely converts to one', () => {
    for (const [text, id] of [
      ['19', 19],
      ['1', 1],
      [19, 19],
    ] as const)
      expect(idField().safeParse(text).data).toBe(id)
    for (const text of [
      '0x13',
      '019',
      ' 19',
      '19 ',
      '1.9e1',
      '19.0',
      '0b10011',
      '',
      '0',
      '-1',
      'abc',
    ])
      expect(idField().safeParse(text).success, text).toBe(false)
  })

  it('says its own message when it has one', () => {
    expect(idField('admin.selectIdeas').safeParse('0x13').error?.issues[0]?.message).toBe(
      'admin.selectIdeas',
    )
  })
})
