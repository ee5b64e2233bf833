// The contact address emails give (to appeal a suspension, to ask a question) is the sender's
// address, however MAIL_FROM is written: with a display name or without, never the name itself.
import { afterEach, describe, expect, it } from 'vitest'

import { contactAddress, resetEnvCache } from './env.server'

const configured = process.env.MAIL_FROM
afterEach(() => {
  if (configured === undefined) delete process.env.MAIL_FROM
  else process.env.MAIL_FROM = configured
  resetEnvCache()
})

describe('contactAddress', () => {
  it.each([
    ['Customer Care <care@shop.example>', 'care@shop.example'],
    ['"Care, Shop" <care@shop.example>', 'care@shop.example'],
    ['care@shop.example', 'care@shop.example'],
    ['  care@shop.example ', 'care@shop.example'],
  ])('%s → %s', (from, address) => {
    process.env.MAIL_FROM = from
    resetEnvCache()
    expect(contactAddress()).toBe(address)
  })
})
