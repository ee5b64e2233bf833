import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas } from '#app/db/schema'
import { createTestIdea } from '#app/demo/factories.server'

import { countTriage } from './triage.server'

describe('countTriage', () => {
  it('counts the public ideas waiting for a first answer, up to the cap it is given', async () => {
    const before = await countTriage()
    const waiting = await Promise.all([createTestIdea(), createTestIdea(), createTestIdea()])
    const answered = await createTestIdea()
    await db().update(ideas).set({ answeredAt: new Date() }).where(eq(ideas.id, answered.id))
    await db().update(ideas).set({ withdrawnAt: new Date() }).where(eq(ideas.id, waiting[2]!.id))
    expect(await countTriage()).toBe(before + 2)
    expect(await countTriage({ upTo: before + 1 })).toBe(before + 1)
  })
})
