// dispatchIntent: the named handler runs with the arguments; anything else is the page's 400.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { dispatchIntent } from './intents.server'

const intents = {
  save: ({ n }: { n: number }) => `saved ${n}`,
  'row-delete': ({ n }: { n: number }) => `deleted ${n}`,
}

describe('dispatchIntent', () => {
  it('runs the handler the intent names, with the arguments', () => {
    expect(dispatchIntent('save', intents, { n: 1 })).toBe('saved 1')
    expect(dispatchIntent('row-delete', intents, { n: 2 }, () => 'unknown')).toBe('deleted 2')
  })

  it('throws a 400 for an intent the page does not have, by default', () => {
    for (const intent of [undefined, '', 'Save', 'constructor', 'toString', '__proto__']) {
      let thrown: unknown
      try {
        dispatchIntent(intent, intents, { n: 1 })
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(Response)
      expect((thrown as Response).status).toBe(400)
    }
  })

  it('answers every name it has no handler of with the page’s own answer, and runs nothing', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), (intent) => {
        fc.pre(intent !== 'save' && intent !== 'row-delete')
        expect(dispatchIntent(intent, intents, { n: 1 }, () => 'unknown')).toBe('unknown')
      }),
    )
  })
})
