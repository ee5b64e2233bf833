import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { avatarInitial } from './text.rules'

describe('avatarInitial', () => {
  it('is a letter or digit from the name, never punctuation', () => {
    expect(avatarInitial('<Zoë>')).toBe('Z')
    expect(avatarInitial('  ézé')).toBe('É')
    expect(avatarInitial('42 Bakers')).toBe('4')
    expect(avatarInitial('!!!')).toBe('?')
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(avatarInitial(name)).toMatch(/^[\p{L}\p{N}?]+$/u)
      }),
    )
  })
})
