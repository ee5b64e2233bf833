import { describe, expect, it } from 'vitest'
import { roles } from '#app/domain/accounts/accounts.rules'
import { isImageToken, mayViewImage, titleWithoutUpdatePrefix } from './updates.rules'

describe('mayViewImage', () => {
  it('shows a published cover to everyone, a draft one only to marketers and admins', () => {
    expect(mayViewImage({ published: true, viewerRole: null })).toBe(true)
    expect(mayViewImage({ published: false, viewerRole: null })).toBe(false)
    const draftViewers = roles.filter((viewerRole) => mayViewImage({ published: false, viewerRole }))
    expect(draftViewers).toEqual(['marketer', 'admin'])
  })
})

describe('isImageToken', () => {
  it('takes random tokens and refuses sequential ids and other text', () => {
    expect(isImageToken('AAECAwQFBgcICQoLDA0ODw')).toBe(true)
    expect(isImageToken('0123456789abcdef0123456789abcdef')).toBe(true)
    for (const value of ['1', '39', '', '../etc/passwd', 'a'.repeat(100), undefined]) expect(isImageToken(value), String(value)).toBe(false)
  })
})

describe('titleWithoutUpdatePrefix', () => {
  it('drops a leading "You asked, we built" in either language, whatever its case and punctuation', () => {
    expect(titleWithoutUpdatePrefix('You asked, we built: oat milk at no extra charge, and more')).toBe('oat milk at no extra charge, and more')
    expect(titleWithoutUpdatePrefix('you asked, we built — Honey syrup')).toBe('Honey syrup')
    expect(titleWithoutUpdatePrefix('Jullie vroegen, wij bouwden: havermelk zonder meerprijs')).toBe('havermelk zonder meerprijs')
  })

  it('keeps every other title as it is, and a title that is only the phrase', () => {
    expect(titleWithoutUpdatePrefix('Honey syrup is here')).toBe('Honey syrup is here')
    expect(titleWithoutUpdatePrefix('What you asked, we built')).toBe('What you asked, we built')
    expect(titleWithoutUpdatePrefix('You asked, we built')).toBe('You asked, we built')
  })
})
