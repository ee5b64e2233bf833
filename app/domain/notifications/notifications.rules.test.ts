import { describe, expect, it } from 'vitest'
import { roles } from '#app/domain/accounts/accounts.rules'
import { preferenceTypes } from '#app/domain/mail/mail.rules'
import { mayBeMentioned } from '#app/domain/accounts/accounts.rules'
import { preferenceTypesFor } from './notifications.rules'

describe('preferenceTypesFor', () => {
  it('offers the mention setting only to people who can be mentioned, and every other setting to everyone', () => {
    for (const role of roles) {
      const offered = preferenceTypesFor(role)
      expect(offered.includes('mention'), role).toBe(mayBeMentioned(role))
      expect(offered.filter((type) => type !== 'mention')).toEqual(preferenceTypes.filter((type) => type !== 'mention'))
    }
  })
})
