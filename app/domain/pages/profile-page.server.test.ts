import { describe, expect, it } from 'vitest'

import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { postComment } from '#app/domain/comments/comments.server'

import { getProfilePage } from './profile-page.server'

describe('getProfilePage', () => {
  it("returns the person's ideas and comments as plain-text excerpts, for any viewer", async () => {
    const person = await createTestUser({ password: null })
    const idea = await createTestIdea({ authorId: person.id })
    await postComment({
      actor: person,
      ideaId: idea.id,
      body: 'I **really** want [this](https://example.com)',
    })
    const result = await getProfilePage({ handle: person.handle, page: {}, viewer: null })
    if (!result.ok) throw new Error(`expected a page, got ${result.reason}`)
    expect(result.page.person).toMatchObject({
      displayName: person.displayName,
      handle: person.handle,
      staff: false,
    })
    expect(result.page.ideas.map((row) => row.id)).toEqual([idea.id])
    expect(result.page.isFirstPage).toBe(true)
    expect(result.page.comments.map((comment) => comment.excerpt)).toEqual(['I really want this'])
  })

  it('answers notFound for a handle nobody has and for one that is not a handle', async () => {
    expect(
      await getProfilePage({ handle: 'nobody-has-this-handle', page: {}, viewer: null }),
    ).toEqual({ ok: false, reason: 'notFound' })
    expect(await getProfilePage({ handle: 'Not A Handle!', page: {}, viewer: null })).toEqual({
      ok: false,
      reason: 'notFound',
    })
    expect(await getProfilePage({ handle: undefined, page: {}, viewer: null })).toEqual({
      ok: false,
      reason: 'notFound',
    })
  })
})
