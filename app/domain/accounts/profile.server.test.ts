// Issue 16: a customer could take `admin`, `support` or the site's name as their handle, and every
// old handle kept redirecting to them for ever.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { handleHistory } from '#app/db/schema'
import { createTestUser } from '#app/demo/factories.server'

import { handleFromName, RESERVED_HANDLES } from './accounts.rules'
import { changeProfile } from './profile.server'

const keptHandles = async (userId: number) =>
  (
    await db()
      .select({ handle: handleHistory.handle })
      .from(handleHistory)
      .where(eq(handleHistory.userId, userId))
  )
    .map((row) => row.handle)
    .sort()

describe('changeProfile and reserved handles', () => {
  it('refuses every reserved handle to a customer, with its own reason', async () => {
    const customer = await createTestUser({ displayName: 'Casey' })
    for (const handle of RESERVED_HANDLES) {
      expect(
        await changeProfile({
          userId: customer.id,
          role: 'customer',
          input: { displayName: 'Casey', handle },
        }),
      ).toEqual({ ok: false, reason: 'handleReserved' })
    }
  })

  it('never makes a reserved handle from a name at sign-up', () => {
    expect(handleFromName('Admin')).toBe('member')
    expect(handleFromName('Ideabox')).toBe('member')
    expect(handleFromName('Team Rocket')).toBe('team-rocket')
  })

  it('lets a staff member take one as their own, and never keeps it as a redirect', async () => {
    const moderator = await createTestUser({ displayName: 'Morgan', role: 'moderator' })
    const handle = `support`
    // Whoever holds it from an earlier run of this test gives it up first.
    await db().delete(handleHistory).where(eq(handleHistory.handle, handle))
    const taken = await changeProfile({
      userId: moderator.id,
      role: 'moderator',
      input: { displayName: 'Morgan', handle },
    })
    if (!taken.ok) expect(taken.reason).toBe('handleTaken')
    else {
      const moved = await changeProfile({
        userId: moderator.id,
        role: 'moderator',
        input: { displayName: 'Morgan', handle: `morgan-${moderator.id}` },
      })
      expect(moved.ok).toBe(true)
      expect(await keptHandles(moderator.id)).not.toContain(handle)
    }
  })

  it('keeps only the last three old handles of a person as redirects', async () => {
    const person = await createTestUser({ displayName: 'Robin' })
    const handles = [1, 2, 3, 4, 5].map((n) => `robin-${person.id}-${n}`)
    for (const handle of handles)
      expect(
        (
          await changeProfile({
            userId: person.id,
            role: 'customer',
            input: { displayName: 'Robin', handle },
          })
        ).ok,
      ).toBe(true)
    // Current: the fifth; kept: the three before it.
    expect(await keptHandles(person.id)).toEqual(handles.slice(1, 4).sort())
  })
})
