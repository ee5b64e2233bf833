// The new-idea command: similar ideas once, a visitor's idea kept as a draft, a member's idea posted
// and their restored draft removed; the preview renders the text and finds ideas like it.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas } from '#app/db/schema'
import { createTestIdea, createTestUser, unique } from '#tests/factories'

import { loadDraft } from './posting.server'
import { newIdeaCommand, previewIdea, submitIdea } from './submit-idea.server'

const input = (title: string) => ({
  kind: 'product' as const,
  categoryId: 1,
  title,
  description: 'Please *do*.',
})

describe('submitting a new idea', () => {
  it('shows ideas like it once, then posts it', async () => {
    const author = await createTestUser({ password: null })
    const word = unique('quokka').replace(/[^a-z]/g, '')
    const existing = await createTestIdea({ title: `Serve ${word} lattes in every store` })
    const first = await submitIdea({
      viewer: author,
      input: input(`${word} lattes please`),
      similarChecked: false,
    })
    expect(first).toMatchObject({ ok: false, reason: 'similar' })
    expect(
      first.ok === false && first.reason === 'similar' && first.similar.map((idea) => idea.id),
    ).toContain(existing.id)
    const second = await submitIdea({
      viewer: author,
      input: input(`${word} lattes please`),
      similarChecked: true,
    })
    expect(second.ok).toBe(true)
    const [row] = await db()
      .select()
      .from(ideas)
      .where(eq(ideas.id, second.ok ? second.idea.id : 0))
    expect(row).toMatchObject({ authorId: author.id, title: `${word} lattes please` })
  })

  it('keeps a visitor’s idea as a draft, and removes the draft once its author posts it', async () => {
    const visitor = await submitIdea({
      viewer: null,
      input: input('A loyalty card for oat drinks'),
      similarChecked: true,
    })
    if (visitor.ok || visitor.reason !== 'signIn')
      throw new Error(`expected a draft, got ${JSON.stringify(visitor)}`)
    expect(await loadDraft({ id: visitor.draftId })).toMatchObject({
      title: 'A loyalty card for oat drinks',
      kind: 'product',
      categoryId: 1,
    })

    const author = await createTestUser({ password: null })
    const posted = await submitIdea({
      viewer: author,
      input: input('A loyalty card for oat drinks'),
      similarChecked: true,
      draftId: visitor.draftId,
    })
    expect(posted.ok).toBe(true)
    expect(await loadDraft({ id: visitor.draftId })).toBeUndefined()
  })

  it('refuses a category of another kind first, and passes on what posting refused', async () => {
    const author = await createTestUser({ password: null })
    const otherKind = await submitIdea({
      viewer: author,
      input: { ...input('Wrong category here'), kind: 'involvement' },
      similarChecked: false,
    })
    expect(otherKind).toEqual({ ok: false, reason: 'categoryOfOtherKind' })
    // No category the form offers (one retired since, or made up): posting itself refuses it.
    const unknown = await submitIdea({
      viewer: author,
      input: { ...input('No such category here'), categoryId: 987654 },
      similarChecked: true,
    })
    expect(unknown).toEqual({ ok: false, reason: 'categoryRequired' })
  })

  it('reads the similar ideas as shown only for the title they were shown for', () => {
    const form = {
      intent: 'post',
      kind: 'product',
      categoryId: '1',
      title: 'Oat milk at no extra charge',
      description: 'Please.',
    }
    const checked = (similarShownFor?: string) => {
      const command = newIdeaCommand({
        ...form,
        ...(similarShownFor === undefined ? {} : { similarShownFor }),
      })
      return command.ok && command.command.intent === 'post' && command.command.similarChecked
    }
    expect(checked('Oat milk at no extra charge')).toBe(true)
    expect(checked(' oat milk at  no extra CHARGE ')).toBe(true)
    expect(checked('Oat milk at no extra charge, please')).toBe(false)
    expect(checked('1')).toBe(false)
    expect(checked('')).toBe(false)
    expect(checked()).toBe(false)
  })

  it('previews the text as it will read', async () => {
    const preview = await previewIdea({ title: 'xy', description: 'Please *do*.' })
    expect(preview).toEqual({ previewHtml: '<p>Please <em>do</em>.</p>\n', similar: [] })
  })
})
