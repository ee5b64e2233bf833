// Merging reads the original idea's number from a number or a link, whatever host the link names.
import { describe, expect, it } from 'vitest'

import { mergeSchema } from './triage.schema'

const originalOf = (originalId: string) =>
  mergeSchema.safeParse({ originalId, response: '' }).data?.originalId

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
})
