import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { applyDiff, wordDiff } from './revisions.rules'

const words = fc
  .array(
    fc.constantFrom('the', 'idea', 'dark', 'mode', 'please', '**bold**', '-', '\n', ' ', '  ', 'x'),
    { maxLength: 40 },
  )
  .map((list) => list.join(''))
const text = fc.oneof(words, fc.string({ maxLength: 60 }))

describe('word diff', () => {
  it('marks the words that changed', () => {
    expect(wordDiff('Dark mode for the app', 'Dark theme for the whole app')).toEqual([
      { kind: 'same', text: 'Dark ' },
      { kind: 'removed', text: 'mode' },
      { kind: 'added', text: 'theme' },
      { kind: 'same', text: ' for the' },
      { kind: 'added', text: ' whole' },
      { kind: 'same', text: ' app' },
    ])
    expect(wordDiff('same', 'same')).toEqual([{ kind: 'same', text: 'same' }])
    expect(wordDiff('', 'new')).toEqual([{ kind: 'added', text: 'new' }])
  })

  it('applied, gives the new text; its kept and removed parts give the old one', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = wordDiff(before, after)
        expect(applyDiff(parts, 'after')).toBe(after)
        expect(applyDiff(parts, 'before')).toBe(before)
        // No empty parts, no two parts of one kind in a row.
        for (const [index, part] of parts.entries()) {
          expect(part.text).not.toBe('')
          expect(part.kind).not.toBe(parts[index - 1]?.kind)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('keeps as much as possible: a text diffed with itself is all kept', () => {
    fc.assert(
      fc.property(text, (same) => {
        expect(wordDiff(same, same).every((part) => part.kind === 'same')).toBe(true)
      }),
    )
  })

  it('shows a change too large to compare word by word as a whole, still exact', () => {
    const before = Array.from({ length: 3000 }, (_, index) => `a${index}`).join(' ')
    const after = Array.from({ length: 3000 }, (_, index) => `b${index}`).join(' ')
    const parts = wordDiff(before, after)
    expect(applyDiff(parts, 'after')).toBe(after)
    expect(applyDiff(parts, 'before')).toBe(before)
  })
})
