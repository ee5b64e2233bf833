// The agent intake's search hint gives an example ("For example “decaf” or 1234."): with the demo
// data, searching for that example finds an idea of that name the agent can add the customer's vote to.
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { seedDemo } from '#app/demo/demo-seed.server'
import { findIdeasToVoteOn } from '#app/domain/intake/intake.server'
import { en } from '#app/utils/i18n/en'
import { nl } from '#app/utils/i18n/nl'

describe('the intake search hint', () => {
  it('gives, in English and Dutch, an example the search finds in the demo data', async () => {
    await seedDemo({ executor: db() })
    for (const hint of [en['intake.voteSearchHint'], nl['intake.voteSearchHint']]) {
      const example = /[“‘]([^”’]+)[”’]/.exec(hint)?.[1]
      expect(example, hint).toBeTruthy()
      const found = await findIdeasToVoteOn({ query: example! })
      // An idea named by the example, not one that only mentions it in passing, that takes the vote.
      const titles = found
        .filter((idea) => idea.voteRefusal === null)
        .map((idea) => idea.title.toLowerCase())
      expect(
        titles.some((title) => title.includes(example!.toLowerCase())),
        `${example}: ${titles.join(' | ')}`,
      ).toBe(true)
    }
  }, 60_000)
})
