// Issue 16: /signup/sent?email=<anything> said "We sent an email to <anything>". The page names the
// address only when it is one (an email address of at most 254 characters).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { loader } from '#app/routes/signup_.sent'
import { makeContext, makeRequest } from '#tests/setup/request'

const shownEmail = async (email: string) => {
  const result = await loader({
    request: makeRequest({ path: `/signup/sent?${new URLSearchParams({ email })}` }),
    params: {},
    context: makeContext(),
  } as never)
  return (result as { email: string }).email
}

describe('the page after sign-up', () => {
  it('names a real address', async () => {
    expect(await shownEmail('ann@example.com')).toBe('ann@example.com')
  })

  it('names nothing that is not an email address', async () => {
    for (const text of [
      'Click here to claim your prize',
      '<b>you</b>',
      'a@b',
      `${'x'.repeat(250)}@example.com`,
    ])
      expect(await shownEmail(text)).toBe('')
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }).filter((text) => !text.includes('@')),
        async (text) => {
          expect(await shownEmail(text)).toBe('')
        },
      ),
      { numRuns: 50 },
    )
  })
})
