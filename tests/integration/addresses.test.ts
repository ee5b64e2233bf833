// Rows named in the address by slug or handle: anything that is not one is a 404 page, never a
// database error (a NUL in a handle or slug was a 500).
import { describe, expect, it } from 'vitest'

import { createTestUser } from '#app/demo/factories.server'
import { loader as profileLoader } from '#app/routes/u.$handle'
import { loader as updateLoader } from '#app/routes/updates.$slug'
import { makeContext, makeRequest, settle } from '#tests/setup/request'

const call = async (
  loader: (args: never) => Promise<unknown>,
  path: string,
  params: Record<string, string>,
) =>
  settle(() => loader({ request: makeRequest({ path }), params, context: makeContext() } as never))

describe('slugs and handles in the address', () => {
  it('answers 404 for a handle or slug with NUL, quotes or other characters no slug has', async () => {
    for (const value of [
      '\u0000',
      'x\u0000y',
      "'; drop table users; --",
      'ÿþ',
      '‮',
      'a'.repeat(300),
    ]) {
      const profile = await call(profileLoader, '/u/x', { handle: value })
      const update = await call(updateLoader, '/updates/x', { slug: value })
      expect(profile, JSON.stringify(value)).toMatchObject({ status: 404 })
      expect(update, JSON.stringify(value)).toMatchObject({ status: 404 })
    }
  })

  it('still finds a real profile by its handle', async () => {
    const person = await createTestUser({ displayName: 'Hana Handle', password: null })
    const profile = (await call(profileLoader, `/u/${person.handle}`, {
      handle: person.handle,
    })) as { person: { handle: string } }
    expect(profile.person.handle).toBe(person.handle)
  })
})
