import { describe, expect, it } from 'vitest'

import { roles } from '#app/domain/accounts/accounts.rules'
import { mayBeMentioned } from '#app/domain/accounts/accounts.rules'
import { preferenceTypes } from '#app/domain/mail/mail.rules'

import { preferenceTypesFor, titleWithoutUpdatePrefix } from './notifications.rules'

describe('preferenceTypesFor', () => {
  it('offers the mention setting only to people who can be mentioned, and every other setting to everyone', () => {
    for (const role of roles) {
      const offered = preferenceTypesFor(role)
      expect(offered.includes('mention'), role).toBe(mayBeMentioned(role))
      expect(offered.filter((type) => type !== 'mention')).toEqual(
        preferenceTypes.filter((type) => type !== 'mention'),
      )
    }
  })
})

describe('titleWithoutUpdatePrefix', () => {
  it('drops a leading "You asked, we built" in either language, whatever its case and punctuation', () => {
    expect(
      titleWithoutUpdatePrefix('You asked, we built: oat milk at no extra charge, and more'),
    ).toBe('oat milk at no extra charge, and more')
    expect(titleWithoutUpdatePrefix('you asked, we built — Honey syrup')).toBe('Honey syrup')
    expect(
      titleWithoutUpdatePrefix('Jullie vroegen, wij bouwden: havermelk zonder meerprijs'),
    ).toBe('havermelk zonder meerprijs')
  })

  it('keeps every other title as it is, and a title that is only the phrase', () => {
    expect(titleWithoutUpdatePrefix('Honey syrup is here')).toBe('Honey syrup is here')
    expect(titleWithoutUpdatePrefix('What you asked, we built')).toBe('What you asked, we built')
    expect(titleWithoutUpdatePrefix('You asked, we built')).toBe('You asked, we built')
  })
})
