import fc from 'fast-check'
import { Marked } from 'marked'
import { describe, expect, it } from 'vitest'

import { en } from '#app/utils/i18n/en'
import { nl } from '#app/utils/i18n/nl'
import { MARKDOWN_SEED } from '#tests/hostile-markdown'

import { MARKDOWN_MAX_DEPTH, markdownNestingDepth } from './markdown.rules'

// The oracle: how deep marked itself nests quotes and list items (set up as the renderer sets it up).
const marked = new Marked({ gfm: true, breaks: true, async: false })
function markedDepth(markdown: string, tags = 'blockquote|li') {
  let depth = 0
  let deepest = 0
  for (const [, closing] of (marked.parse(markdown) as string).matchAll(
    new RegExp(`<(\\/?)(?:${tags})\\b`, 'g'),
  )) {
    depth += closing ? -1 : 1
    deepest = Math.max(deepest, depth)
  }
  return deepest
}

const containers = {
  quote: '> ',
  bullet: '- ',
  star: '* ',
  ordered: '1. ',
  parenthesised: '3) ',
} as const
type Container = keyof typeof containers

/** Containers one inside the other, all opened on one line (`> - 1. text`). */
const onOneLine = (levels: Container[]) =>
  `${levels.map((level) => containers[level]).join('')}text`

/** Containers one inside the other, one more per line: outer quotes repeat, outer list items indent. */
const asStairs = (levels: Container[]) =>
  levels
    .map((level, index) => {
      const outer = levels
        .slice(0, index)
        .map((each) => (each === 'quote' ? '> ' : ' '.repeat(containers[each].length)))
      return `${outer.join('')}${containers[level]}level ${index + 1}`
    })
    .join('\n')

const delimiters = ['*', '**', '_', '__', '~~'] as const

/** Emphasis one inside the other, a word on each side of each level: `**a *b x b* a**`. */
const asEmphasis = (levels: (typeof delimiters)[number][]) =>
  `${levels.map((level, index) => `${level}w${index} `).join('')}x${levels
    .map((level, index) => ` w${index}${level}`)
    .reverse()
    .join('')}`

const nesting = fc.array(fc.constantFrom(...(Object.keys(containers) as Container[])), {
  minLength: 1,
  maxLength: 40,
})

describe('markdownNestingDepth', () => {
  it('counts quotes and list items, in one line or across lines', () => {
    expect(markdownNestingDepth('Just a paragraph.\n\nAnd another one.')).toBe(0)
    expect(markdownNestingDepth('> quoted\n> still the same quote')).toBe(1)
    expect(markdownNestingDepth('- a\n- b\n  - c\n    - d\n- e')).toBe(3)
    expect(markdownNestingDepth('1. a\n   1. b\n      1. c')).toBe(3)
    expect(markdownNestingDepth('> - 1. text')).toBe(3)
    expect(markdownNestingDepth('-\t-\t-\ttabs')).toBe(3)
  })

  it('measures the issue’s 3,500 quote markers, spaced or not', () => {
    expect(markdownNestingDepth('>'.repeat(3_500))).toBe(3_500)
    expect(markdownNestingDepth(`${'> '.repeat(3_500)}x`)).toBe(3_500)
    expect(markdownNestingDepth(`${'- '.repeat(3_500)}x`)).toBe(3_500)
  })

  it('counts nothing in fenced code, until the fence closes or its quote ends', () => {
    const deep = `${'- '.repeat(40)}\n${'>'.repeat(40)}\n${'  '.repeat(30)}- yaml`
    expect(markdownNestingDepth(`\`\`\`\n${deep}\n\`\`\``)).toBe(0)
    expect(markdownNestingDepth(`~~~~ text\n${deep}\n~~~\nstill code`)).toBe(0)
    expect(markdownNestingDepth(`\`\`\`\ncode\n\`\`\`\n${'>'.repeat(30)} after`)).toBe(30)
    expect(markdownNestingDepth(`> \`\`\`\n> code\n${'- '.repeat(30)}after the quote`)).toBe(30)
    expect(markdownNestingDepth(`- \`\`\`\n  code\n${'- '.repeat(30)}after the item`)).toBe(30)
    // Backticks after the opening run make inline code, not a fence.
    expect(markdownNestingDepth(`\`\`\`inline\`\`\`\n${'- '.repeat(30)}x`)).toBe(30)
  })

  it('takes thematic breaks for breaks, not lists in lists', () => {
    expect(markdownNestingDepth('* * * * * * * * * * * * * * * * * * * * * * * * *')).toBe(0)
    expect(markdownNestingDepth('- - - - - - - - - - - - - - - - - - - - - - - - - -')).toBe(0)
    expect(markdownNestingDepth('- * * *')).toBe(1)
    expect(markdownNestingDepth(`Name: ${'_'.repeat(60)}`)).toBe(0)
  })

  it('counts emphasis nested in emphasis, pair by pair, not stray or side-by-side delimiters', () => {
    expect(markdownNestingDepth('***both***, **strong *and em* inside**')).toBe(2)
    expect(markdownNestingDepth(`${'**a '.repeat(2_500)}x${' b**'.repeat(2_500)}`)).toBe(2_500)
    expect(markdownNestingDepth(`${'*'.repeat(3_000)}x${'*'.repeat(3_000)}`)).toBe(1_500)
    expect(markdownNestingDepth(`${'~~a '.repeat(30)}x${' b~~'.repeat(30)}`)).toBe(30)
    expect(markdownNestingDepth('**bold** '.repeat(2_000))).toBe(1)
    expect(markdownNestingDepth('f(*args, **kwargs) '.repeat(500))).toBe(0)
    expect(markdownNestingDepth('Name: ____ Date: ____ snake_case_name 2*3 Rating: *****')).toBe(0)
    // Emphasis stays in its paragraph.
    expect(markdownNestingDepth(`${'*a '.repeat(30)}\n\n${'b* '.repeat(30)}`)).toBe(0)
  })

  it('is never below the nesting marked builds from quotes and lists', () => {
    fc.assert(
      fc.property(nesting, fc.boolean(), (levels, stairs) => {
        const markdown = stairs ? asStairs(levels) : onOneLine(levels)
        expect(markdownNestingDepth(markdown)).toBeGreaterThanOrEqual(markedDepth(markdown))
      }),
      { seed: MARKDOWN_SEED, numRuns: 300 },
    )
  })

  it('is never below the emphasis nesting marked builds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...delimiters), { minLength: 1, maxLength: 40 }),
        (levels) => {
          const markdown = asEmphasis(levels)
          expect(markdownNestingDepth(markdown)).toBeGreaterThanOrEqual(
            markedDepth(markdown, 'em|strong|del'),
          )
        },
      ),
      { seed: MARKDOWN_SEED, numRuns: 300 },
    )
  })

  it('measures those nestings exactly', () => {
    fc.assert(
      fc.property(nesting, fc.boolean(), (levels, stairs) => {
        expect(markdownNestingDepth(stairs ? asStairs(levels) : onOneLine(levels))).toBe(
          levels.length,
        )
      }),
      { seed: MARKDOWN_SEED, numRuns: 300 },
    )
  })

  it('is 0 for text without quote or list markers, and a whole number no larger than the text for any text', () => {
    const plain = fc.string({
      unit: fc.constantFrom(
        'a',
        'b',
        ' ',
        '\n',
        '\t',
        '.',
        ',',
        '`',
        '#',
        '[',
        ']',
        '(',
        ')',
        '!',
        'é',
      ),
      maxLength: 300,
    })
    fc.assert(
      fc.property(plain, (text) => {
        expect(markdownNestingDepth(text)).toBe(0)
      }),
      { seed: MARKDOWN_SEED },
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        const depth = markdownNestingDepth(text)
        expect(Number.isInteger(depth) && depth >= 0 && depth <= text.length).toBe(true)
      }),
      { seed: MARKDOWN_SEED },
    )
  })

  it('names the limit in the field message, in English and Dutch', () => {
    expect(en['validation.markdownTooDeep']).toContain(String(MARKDOWN_MAX_DEPTH))
    expect(nl['validation.markdownTooDeep']).toContain(String(MARKDOWN_MAX_DEPTH))
  })
})
