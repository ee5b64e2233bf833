import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { VoteDirection } from '#app/domain/votes/votes.rules'

import { sentinel } from './page-templates.server'
import { cardVote, cardVotes, voteButtons, voteButtonStrings } from './vote-fill-ins'

const direction = fc.constantFrom<VoteDirection>('up', 'down', 'none')

describe('vote fill-ins', () => {
  it("give each card its vote back, and the buttons' attributes in the order of the stand-ins", () => {
    fc.assert(
      fc.property(fc.array(direction, { minLength: 1, maxLength: 25 }), fc.nat(50), (votes, at) => {
        const string = cardVotes(votes)
        votes.forEach((vote, index) => expect(cardVote(string, index)).toBe(vote))
        // Rendering a template: the data's string is sentinel `at`, and each card's four
        // attributes are the sentinels after it, filled in with what the real vote renders.
        const filled = voteButtonStrings(string)
        expect(filled).toHaveLength(votes.length * 4)
        votes.forEach((vote, index) => {
          const real = voteButtons(vote)
          const standIns = voteButtons(cardVote(sentinel(at), index))
          const slots = [standIns.up, standIns.upPressed, standIns.down, standIns.downPressed]
          const values = [real.up, real.upPressed, real.down, real.downPressed].map(String)
          slots.forEach((slot, offset) => {
            expect(slot).toBe(sentinel(at + 1 + index * 4 + offset))
            expect(filled[index * 4 + offset]).toBe(values[offset])
          })
        })
      }),
    )
  })

  it('press the button of the vote cast, and make the other cast its own', () => {
    expect(voteButtons('up')).toEqual({
      up: 'none',
      upPressed: true,
      down: 'down',
      downPressed: false,
    })
    expect(voteButtons('down')).toEqual({
      up: 'up',
      upPressed: false,
      down: 'none',
      downPressed: true,
    })
    expect(voteButtons('none')).toEqual({
      up: 'up',
      upPressed: false,
      down: 'down',
      downPressed: false,
    })
    expect(voteButtonStrings('')).toEqual([])
  })
})
