import { describe, expect, it } from 'vitest'

import { isNoticeKey, withNotice, withoutNotice } from './notices'

describe('notices after a redirect', () => {
  it('adds and removes the notice, keeping the rest of the address', () => {
    expect(withNotice('/ideas?q=oat&sort=top', 'votes.refused.closed')).toBe(
      '/ideas?q=oat&sort=top&notice=votes.refused.closed',
    )
    expect(withNotice('/ideas?notice=votes.tooMany', 'votes.failed')).toBe(
      '/ideas?notice=votes.failed',
    )
    expect(withoutNotice('/ideas?q=oat&notice=votes.tooMany')).toBe('/ideas?q=oat')
    // No notice this time: the one from an earlier answer goes.
    expect(withNotice('/ideas?notice=votes.tooMany&q=oat#idea-4', undefined)).toBe(
      '/ideas?q=oat#idea-4',
    )
  })

  it('shows only known messages, so a link cannot put words on the page', () => {
    expect(isNoticeKey('votes.refused.closed')).toBe(true)
    expect(isNoticeKey('auth.signInFailed')).toBe(false)
    expect(isNoticeKey('<script>')).toBe(false)
  })
})
