// The agent's "Find ideas" search while a customer is on the phone: a word typed halfway finds the
// idea already there (so no duplicate is filed), in English and Dutch, and no input makes it fail.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { createTestIdea } from '#app/demo/factories.server'

import { findIdeasToVoteOn } from './intake.server'

const foundIds = async (query: string) =>
  (await findIdeasToVoteOn({ query })).map((idea) => idea.id)

describe("the intake's search for ideas to vote on", () => {
  it('finds an idea by the first letters of its words, in English and in Dutch', async () => {
    const dogs = await createTestIdea({ title: 'Dog-friendly shops', description: 'Water bowls.' })
    const crypto = await createTestIdea({ title: 'Pay with cryptocurrency' })
    const soup = await createTestIdea({ title: 'Soup of the day' })
    const soep = await createTestIdea({ title: 'Soep van de dag', description: 'Elke dag vers.' })
    const cases: [string, number][] = [
      ['dog', dogs.id],
      ['Dog', dogs.id],
      ['dogs', dogs.id],
      ['friend', dogs.id],
      ['crypto', crypto.id],
      ['cryptocurrenc', crypto.id],
      ['pay', crypto.id],
      ['pay crypto', crypto.id],
      ['pay with crypto', crypto.id],
      ['sou', soup.id],
      ['soup', soup.id],
      ['soe', soep.id],
      ['vers', soep.id],
      [`#${soup.id}`, soup.id],
      [String(soup.id), soup.id],
    ]
    for (const [query, id] of cases) expect(await foundIds(query), query).toContain(id)
    // The idea with every word typed comes first.
    expect((await foundIds('pay crypto'))[0]).toBe(crypto.id)
  })

  it('finds an idea by any prefix (three letters or more) of any word of its title', async () => {
    const word = fc.stringMatching(/^[a-z]{3,14}$/)
    await fc.assert(
      fc.asyncProperty(
        fc.array(word, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.nat(),
        async (words, which, length) => {
          const idea = await createTestIdea({ title: words.join(' ') })
          const chosen = words[which % words.length]!
          const prefix = chosen.slice(0, 3 + (length % (chosen.length - 2)))
          expect(await foundIds(prefix), `${prefix} in ${idea.title}`).toContain(idea.id)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('answers any text without failing, quotes and tsquery syntax included', async () => {
    const hostile = [
      "o'brien",
      "'''",
      'dog & | ! : * ( )',
      'dog:*',
      '!dog',
      '(dog | cat) & !fish',
      'back\\slash\\',
      '\\',
      '"quoted"',
      "'dog':* & 'cat'",
      '<->',
      '#',
      '#abc',
      'the and een',
    ]
    for (const query of hostile)
      expect(Array.isArray(await findIdeasToVoteOn({ query })), query).toBe(true)
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (query) => {
        expect(Array.isArray(await findIdeasToVoteOn({ query }))).toBe(true)
      }),
      { numRuns: 60 },
    )
  })
})
