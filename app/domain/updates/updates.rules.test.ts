import { describe, expect, it } from 'vitest'

import { roles } from '#app/domain/accounts/accounts.rules'

import { isImageToken, mayViewImage } from './updates.rules'

describe('mayViewImage', () => {
  it('shows a published cover to everyone, a draft one only to marketers and admins', () => {
    expect(mayViewImage({ published: true, viewerRole: null })).toBe(true)
    expect(mayViewImage({ published: false, viewerRole: null })).toBe(false)
    const draftViewers = roles.filter((viewerRole) =>
      mayViewImage({ published: false, viewerRole }),
    )
    expect(draftViewers).toEqual(['marketer', 'admin'])
  })
})

describe('isImageToken', () => {
  it('takes random tokens and refuses sequential ids and other text', () => {
    expect(isImageToken('AAECAwQFBgcICQoLDA0ODw')).toBe(true)
    expect(isImageToken('0123456789abcdef0123456789abcdef')).toBe(true)
    for (const value of ['1', '39', '', '../etc/passwd', 'a'.repeat(100), undefined])
      expect(isImageToken(value), String(value)).toBe(false)
  })
})
