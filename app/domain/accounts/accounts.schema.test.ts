import { describe, expect, it } from 'vitest'
import { fieldErrorsFrom } from '#app/utils/forms.server'
import { signUpSchema } from './accounts.schema'

function errorsOf(input: Record<string, unknown>) {
  const result = signUpSchema.safeParse(input)
  return result.success ? {} : fieldErrorsFrom(result.error)
}

describe('sign-up schema', () => {
  const valid = { email: ' Ann@Example.com ', displayName: 'Ann', password: 'long enough password' }

  it('normalises the email', () => {
    expect(signUpSchema.parse(valid).email).toBe('ann@example.com')
  })

  it('names each broken field with a message key', () => {
    expect(errorsOf({ ...valid, email: 'not-an-email' }).email).toEqual(['validation.emailInvalid'])
    expect(errorsOf({ ...valid, password: 'short' }).password).toEqual(['validation.passwordTooShort'])
    expect(errorsOf({ ...valid, password: 'ann@example.com' }).password).toEqual(['validation.passwordContainsEmail'])
    expect(errorsOf({ ...valid, email: 'annabelle@example.com', password: 'my annabelle password' }).password).toEqual([
      'validation.passwordContainsEmail',
    ])
    expect(errorsOf({ ...valid, displayName: 'A' }).displayName).toEqual(['validation.displayNameLength'])
    expect(errorsOf({}).email).toEqual(['validation.required'])
  })
})
