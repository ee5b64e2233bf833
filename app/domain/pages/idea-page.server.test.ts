// The idea page's query: what it answers for whom, and that what is the same for every viewer (the
// rendered Markdown) is rendered once per text, while an edit shows at once.
import { describe, expect, it, vi } from 'vitest'

import { editIdea } from '#app/domain/ideas/editing.server'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import type * as renderedOnceModule from '#app/utils/rendered-once.server'
import { createTestIdea, createTestUser, unique } from '#tests/factories'

import { getIdeaPage } from './idea-page.server'

// The once-per-text cache as it is, with every real rendering counted.
const renders = vi.hoisted(() => [] as [renderer: string, source: string][])
vi.mock('#app/utils/rendered-once.server', async (importOriginal) => {
  const actual = await importOriginal<typeof renderedOnceModule>()
  return {
    ...actual,
    renderedOnce: (renderer: string, source: string, render: (source: string) => string) =>
      actual.renderedOnce(renderer, source, (text) => {
        renders.push([renderer, text])
        return render(text)
      }),
  }
})

const refOf = (idea: { id: number; slug: string }) => ideaPath(idea).replace('/ideas/', '')
const rendersOf = (text: string) =>
  renders.filter(([renderer, source]) => renderer === 'markdown' && source === text).length

describe('the idea page query', () => {
  it('answers notFound for a hidden idea to strangers, and moved for an old address', async () => {
    const author = await createTestUser({ password: null })
    const stranger = await createTestUser({ password: null })
    const idea = await createTestIdea({ authorId: author.id })
    expect(await getIdeaPage({ ideaRef: String(idea.id), viewer: stranger })).toEqual({
      ok: false,
      reason: 'moved',
      path: ideaPath(idea),
    })
    expect(
      (await getIdeaPage({ ideaRef: String(idea.id), viewer: stranger, anyAddress: true })).ok,
    ).toBe(true)
    expect(await getIdeaPage({ ideaRef: 'nonsense', viewer: stranger })).toEqual({
      ok: false,
      reason: 'notFound',
    })
    const held = await createTestIdea({ authorId: author.id, heldReason: 'premoderation' })
    expect(await getIdeaPage({ ideaRef: refOf(held), viewer: stranger })).toEqual({
      ok: false,
      reason: 'notFound',
    })
    // Signed out, it may be its author from an email's link: asked to sign in, told nothing.
    expect(await getIdeaPage({ ideaRef: refOf(held), viewer: null })).toEqual({
      ok: false,
      reason: 'signIn',
    })
    expect((await getIdeaPage({ ideaRef: refOf(held), viewer: author })).ok).toBe(true)
  })

  it('renders the idea’s text once for every viewer and request, and an edit at once', async () => {
    const author = await createTestUser({ password: null })
    const reader = await createTestUser({ password: null })
    const text = `A *long* description ${unique('render')}`
    const idea = await createTestIdea({ authorId: author.id, description: text })
    const pages = [
      await getIdeaPage({ ideaRef: refOf(idea), viewer: null }),
      await getIdeaPage({ ideaRef: refOf(idea), viewer: reader }),
      await getIdeaPage({ ideaRef: refOf(idea), viewer: author }),
    ]
    for (const page of pages)
      expect(page.ok && page.page.descriptionHtml).toContain('A <em>long</em> description')
    expect(rendersOf(text)).toBe(1)

    const edited = `An *edited* description ${unique('render')}`
    expect(
      await editIdea({ actor: author, ideaId: idea.id, title: idea.title, description: edited }),
    ).toMatchObject({ ok: true })
    const after = await getIdeaPage({ ideaRef: refOf(idea), viewer: null })
    expect(after.ok && after.page.descriptionHtml).toContain('An <em>edited</em> description')
    expect(after.ok && after.page.summary).toContain('An edited description')
    expect(rendersOf(edited)).toBe(1)
  })
})
