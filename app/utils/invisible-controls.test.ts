// Issue 16: a display name with U+202E (right-to-left override) garbled the text beside it ("by Zoë QA
// stnemmoc 0 · 6202 ceD 5"). Names, handles and titles lose every invisible direction-control and
// zero-width character, whatever else they hold.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { profileSchema, signUpSchema } from '#app/domain/accounts/accounts.schema'
import { ideaContentSchema } from '#app/domain/ideas/ideas.schema'
import { captureCustomerSchema } from '#app/domain/intake/intake.schema'

const invisible = [
  ...Array.from({ length: 5 }, (_, index) => 0x200b + index),
  ...Array.from({ length: 5 }, (_, index) => 0x202a + index),
  ...Array.from({ length: 4 }, (_, index) => 0x2066 + index),
  0xfeff,
].map((code) => String.fromCodePoint(code))
const anyInvisible = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/

/** Text of letters (Latin, accented, Arabic) with invisible controls scattered through it. */
const textWithControls = (letters: number) =>
  fc
    .array(
      fc.oneof(fc.constantFrom(...'Zoë QA زينب 42'.split('')), fc.constantFrom(...invisible)),
      { minLength: letters, maxLength: letters * 2 },
    )
    .map((parts) => `Zo${parts.join('')}ë`)

describe('invisible direction controls', () => {
  it('never survive in a display name, at sign-up or on the profile', () => {
    fc.assert(
      fc.property(textWithControls(10), (name) => {
        const signUp = signUpSchema.safeParse({
          email: 'zoe@example.com',
          displayName: name,
          password: 'long enough password',
        })
        if (signUp.success) expect(signUp.data.displayName).not.toMatch(anyInvisible)
        const profile = profileSchema.safeParse({ displayName: name, handle: 'zoe' })
        if (profile.success) expect(profile.data.displayName).not.toMatch(anyInvisible)
        const intake = captureCustomerSchema.shape.name.safeParse(name)
        if (intake.success) expect(intake.data).not.toMatch(anyInvisible)
      }),
    )
  })

  it('never survive in an idea title', () => {
    fc.assert(
      fc.property(textWithControls(20), (title) => {
        const result = ideaContentSchema.safeParse({
          title: `A title ${title}`,
          description: 'Text.',
        })
        expect(result.success && result.data.title).toMatch(/^A title /)
        if (result.success) expect(result.data.title).not.toMatch(anyInvisible)
      }),
    )
  })

  it('are dropped from a typed handle rather than refusing it', () => {
    expect(profileSchema.parse({ displayName: 'Zoë', handle: '\u202ezoe-qa\u200b' }).handle).toBe(
      'zoe-qa',
    )
    expect(
      signUpSchema.parse({
        email: 'z@example.com',
        displayName: 'Zo\u202eë QA',
        password: 'long enough password',
      }).displayName,
    ).toBe('Zoë QA')
  })
})
