import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  handleFromName,
  hasRole,
  isStaff,
  isValidHandle,
  mayActOnPerson,
  personActions,
  roles,
  safeRedirectPath,
  signUpSentPath,
} from './accounts.rules'

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
    '/.//evil.test',
    '/./\\evil.test',
    '/%2e%2e//evil.test',
    '/..//evil.test',
    '\\evil.test',
    '\t//evil.test',
    '/\t/evil.test',
    '/\n/evil.test',
    'javascript:alert(1)',
    'http://evil.test',
    'HTTPS:evil.test',
    'data:text/html,x',
  ])('sends %j to the fallback', (input) => {
    expect(safeRedirectPath(input, '/home')).toBe('/home')
  })

  it.each([
    ['/%2F%2Fevil', '/%2F%2Fevil'],
    ['/ideas/12-oat-milk?sort=top#comment-3', '/ideas/12-oat-milk?sort=top#comment-3'],
    ['/ideas/./12', '/ideas/12'],
    ['/ideen/café', '/ideen/caf%C3%A9'],
  ])('keeps %j on the site as %j', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected)
  })

  // What a browser does with the Location header: resolve it against the page's origin.
  const origin = 'https://ideas.example.com'
  // Path-like pieces come up most, so dot segments next to slashes (`/.//x`) are found every run.
  const pathPiece = fc.constantFrom(
    '/',
    '//',
    '\\',
    '.',
    '..',
    '%2e',
    '%2E%2e',
    '%2F',
    '%2f',
    '%5C',
    '%09',
    '%00',
    '\t',
    '\n',
    '\r',
    '\u0000',
    '\u007f',
    ' ',
    '\u3000',
  )
  const wordPiece = fc.constantFrom(
    'evil.test',
    'ideas',
    '12-oat-milk',
    '@',
    ':',
    '?',
    '#',
    '%',
    'http:',
    'https:',
    'javascript:',
    'data:',
    'localhost',
    '[::1]',
    'é',
  )
  const piece = fc.oneof(
    { arbitrary: pathPiece, weight: 4 },
    { arbitrary: wordPiece, weight: 2 },
    { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
  )
  const candidate = fc.oneof(
    fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('')),
    {
      arbitrary: fc.array(piece, { maxLength: 6 }).map((parts) => `/${parts.join('')}`),
      weight: 3,
    },
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.string(),
  )

  it('answers only paths that a browser resolves to this site (generated candidates)', () => {
    fc.assert(
      fc.property(candidate, (target) => {
        const location = safeRedirectPath(target)
        const resolved = new URL(location, origin)
        expect(resolved.origin).toBe(origin)
        expect(location).toMatch(/^\/(?![/\\])/)
        // Read back by the browser, the path is the one we meant (no second interpretation).
        expect(`${resolved.pathname}${resolved.search}${resolved.hash}`).toBe(location)
      }),
      { numRuns: 5000 },
    )
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

describe('mayActOnPerson', () => {
  // Written out here rather than derived from the rule: the team acts on customers, admins on anyone.
  const expected = (actor: string, target: string, action: string) =>
    actor === 'admin' || (actor === 'moderator' && target === 'customer' && action !== 'role')

  for (const action of personActions) {
    it(`decides "${action}" for every actor's role × target's role`, () => {
      for (const actorRole of roles) {
        for (const targetRole of roles) {
          const verdict = mayActOnPerson({
            actor: { id: 1, role: actorRole },
            target: { id: 2, role: targetRole },
            action,
          })
          expect(verdict.ok, `${actorRole} → ${targetRole}`).toBe(
            expected(actorRole, targetRole, action),
          )
        }
      }
    })
  }

  it('lets nobody act on their own account, admins included', () => {
    for (const action of personActions) {
      expect(
        mayActOnPerson({
          actor: { id: 7, role: 'admin' },
          target: { id: 7, role: 'admin' },
          action,
        }),
      ).toEqual({ ok: false, reason: 'self' })
    }
  })

  it('keeps lifting a staff ban for admins (a moderator cannot undo it)', () => {
    expect(
      mayActOnPerson({
        actor: { id: 1, role: 'moderator' },
        target: { id: 2, role: 'agent' },
        action: 'lift',
      }),
    ).toEqual({ ok: false, reason: 'forbidden' })
    expect(
      mayActOnPerson({
        actor: { id: 1, role: 'admin' },
        target: { id: 2, role: 'moderator' },
        action: 'lift',
      }),
    ).toEqual({ ok: true })
  })
})

describe('isValidHandle', () => {
  it('accepts what handleFromName makes and refuses what cannot be a profile address', () => {
    for (const name of ['Anna de Vries', 'Zoë Ünal', 'li', 'Jan 2'])
      expect(isValidHandle(handleFromName(name))).toBe(true)
    for (const handle of ['a', '-anna', 'anna-', 'Anna', 'an na', '~deleted-5', 'a'.repeat(41)])
      expect(isValidHandle(handle)).toBe(false)
  })
})

describe('signUpSentPath', () => {
  it('names the address and keeps a site path to continue to, dropping any other', () => {
    expect(signUpSentPath({ email: 'a+b@example.test', redirectTo: '/ideas/new?draft=x' })).toBe(
      '/signup/sent?email=a%2Bb%40example.test&redirectTo=%2Fideas%2Fnew%3Fdraft%3Dx',
    )
    for (const redirectTo of ['//evil.test', 'https://evil.test', '', undefined, null]) {
      expect(signUpSentPath({ email: 'a@example.test', redirectTo })).toBe(
        '/signup/sent?email=a%40example.test',
      )
    }
  })
})
