import { describe, expect, it } from 'vitest'

import { FAILED_VOTE } from '#app/components/ideas/vote-control'

import { refusedVote } from './vote-answers'

describe('the vote button’s answers', () => {
  it('says the same when no answer came back as the HTTP layer’s own "failed"', () => {
    expect(FAILED_VOTE).toEqual(refusedVote('failed'))
  })
})
