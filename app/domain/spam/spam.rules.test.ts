import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { commentSpamSignals, NEAR_DUPLICATES_ALLOWED, nearlyIdentical } from './spam.rules'

describe('near-identical comments', () => {
  it('are the same words whatever the case, numbers and punctuation', () => {
    expect(nearlyIdentical('+1 please fix this!!! (3)', '+1 Please fix this. (14)')).toBe(true)
    expect(nearlyIdentical('Please fix this', 'Please do not fix this')).toBe(false)
    expect(
      nearlyIdentical(
        'I would love to hear more about pricing here.',
        'I would love to hear more about webhooks here.',
      ),
    ).toBe(false)
  })

  it('treat any text as nearly identical to itself with other numbers and punctuation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        (words, n) => {
          expect(nearlyIdentical(words.join(' '), `${words.join(', ')}! ${n}`)).toBe(true)
        },
      ),
    )
  })

  it('let a couple through, then flag a run of them', () => {
    const text = 'Same here, please add this'
    const recent = (count: number) =>
      Array.from({ length: count }, (_, index) => `same here — please add this (${index})`)
    expect(commentSpamSignals({ text, recentTexts: recent(NEAR_DUPLICATES_ALLOWED) })).toEqual([])
    expect(commentSpamSignals({ text, recentTexts: recent(NEAR_DUPLICATES_ALLOWED + 1) })).toEqual([
      'duplicates',
    ])
    expect(
      commentSpamSignals({ text, recentTexts: ['Something else entirely', 'And another thought'] }),
    ).toEqual([])
  })
})
