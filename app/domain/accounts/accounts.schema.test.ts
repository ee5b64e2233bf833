import { describe, expect, it } from 'vitest'

import { fieldErrorsFrom } from '#app/utils/forms.server'

import {
  deleteAccountSchema,
  passwordChangeSchema,
  profileSchema,
  signUpSchema,
} from './accounts.schema'

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
    expect(errorsOf({ ...valid, password: 'short' }).password).toEqual([
      'validation.passwordTooShort',
    ])
    expect(errorsOf({ ...valid, password: 'ann@example.com' }).password).toEqual([
      'validation.passwordContainsEmail',
    ])
    expect(
      errorsOf({ ...valid, email: 'annabelle@example.com', password: 'my annabelle password' })
        .password,
    ).toEqual(['validation.passwordContainsEmail'])
    expect(errorsOf({ ...valid, displayName: 'A' }).displayName).toEqual([
      'validation.displayNameLength',
    ])
    expect(errorsOf({}).email).toEqual(['validation.required'])
  })
})

describe('account self-service schemas', () => {
  it('lower-cases a chosen handle and refuses malformed ones', () => {
    expect(profileSchema.parse({ displayName: ' Ann ', handle: ' Ann-B ' })).toEqual({
      displayName: 'Ann',
      handle: 'ann-b',
    })
    const result = profileSchema.safeParse({ displayName: 'Ann', handle: 'ann b' })
    expect(result.success ? {} : fieldErrorsFrom(result.error)).toEqual({
      handle: ['validation.handleFormat'],
    })
  })

  it('wants a new password that differs from the current one', () => {
    const result = passwordChangeSchema.safeParse({
      currentPassword: 'long enough password',
      newPassword: 'long enough password',
    })
    expect(result.success ? {} : fieldErrorsFrom(result.error)).toEqual({
      newPassword: ['validation.passwordUnchanged'],
    })
  })

  it('reads the "remove my content" checkbox as a boolean', () => {
    expect(deleteAccountSchema.parse({ currentPassword: 'x' }).removeContent).toBe(false)
    expect(
      deleteAccountSchema.parse({ currentPassword: 'x', removeContent: 'on' }).removeContent,
    ).toBe(true)
  })
})
