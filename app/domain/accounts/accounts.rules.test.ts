import { describe, expect, it } from 'vitest'
import { handleFromName, isValidHandle, hasRole, isStaff, safeRedirectPath } from './accounts.rules'

describe('safeRedirectPath', () => {
  it.each([
    ['/ideas?sort=top', '/ideas?sort=top'],
    ['/account#top', '/account#top'],
  ])('keeps the site path %s', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected)
  })

  it.each([
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'ideas',
    '/ideas\u0000',
    '/ideas\nSet-Cookie: x',
    '',
    undefined,
    null,
    42,
    `/${'a'.repeat(3000)}`,
  ])('sends %j to the fallback', (input) => {
    expect(safeRedirectPath(input, '/home')).toBe('/home')
  })
})

describe('roles', () => {
  it('gives admins every role and others only their own', () => {
    expect(hasRole('admin', 'moderator')).toBe(true)
    expect(hasRole('admin', ['marketer'])).toBe(true)
    expect(hasRole('moderator', 'moderator')).toBe(true)
    expect(hasRole('moderator', 'marketer')).toBe(false)
    expect(hasRole('customer', ['moderator', 'marketer', 'admin'])).toBe(false)
    expect(hasRole('marketer', ['moderator', 'marketer'])).toBe(true)
  })

  it('counts moderators, marketers and admins as staff', () => {
    expect(isStaff('customer')).toBe(false)
    expect(['moderator', 'marketer', 'admin'].every((role) => isStaff(role as 'admin'))).toBe(true)
  })
})

describe('handleFromName', () => {
  it('makes readable URL handles', () => {
    expect(handleFromName('Anna de Vries')).toBe('anna-de-vries')
    expect(handleFromName('  Zoë Ünal!! ')).toBe('zoe-unal')
    expect(handleFromName('李')).toBe('member')
  })
})

describe('isValidHandle', () => {
  it('accepts what handleFromName makes and refuses what cannot be a profile address', () => {
    for (const name of ['Anna de Vries', 'Zoë Ünal', 'li', 'Jan 2']) expect(isValidHandle(handleFromName(name))).toBe(true)
    for (const handle of ['a', '-anna', 'anna-', 'Anna', 'an na', '~deleted-5', 'a'.repeat(41)]) expect(isValidHandle(handle)).toBe(false)
  })
})
