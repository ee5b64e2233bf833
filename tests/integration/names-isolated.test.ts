// A right-to-left name (Hebrew, Arabic) written beside a date or a count would reorder them ("by
// שלום · 3 comments" shows its parts in another order): every place a page shows a person's name
// isolates it in <bdi>, on idea cards, the idea page, its comments, a profile and the header.
import { describe, expect, it } from 'vitest'

import { startSession } from '#app/domain/accounts/sessions.server'
import * as ideasList from '#app/routes/ideas._index'
import * as ideaPage from '#app/routes/ideas.$ideaRef'
import * as profile from '#app/routes/u.$handle'
import { addActivity, createTestIdea, createTestUser } from '#tests/factories'
import { appBuild, pageReader } from '#tests/setup/app-build'

const reader = pageReader(
  appBuild([
    { id: 'routes/ideas._index', path: 'ideas', index: true, module: ideasList },
    { id: 'routes/ideas.$ideaRef', path: 'ideas/:ideaRef', module: ideaPage },
    { id: 'routes/u.$handle', path: 'u/:handle', module: profile },
  ]),
)

describe('names on pages', () => {
  it('are isolated in <bdi> wherever a page shows them', async () => {
    const author = await createTestUser({ password: null, displayName: 'שלום עולם' })
    const commenter = await createTestUser({ password: null, displayName: 'سارة أحمد' })
    const idea = await createTestIdea({
      authorId: author.id,
      title: 'Names that read right to left',
    })
    await addActivity({
      comments: [{ ideaId: idea.id, authorId: commenter.id, body: 'A comment from the right.' }],
    })
    const ideaPath = await reader.canonicalPath(idea.id)
    const cookie = (await startSession(commenter.id)).cookie.split(';')[0]!
    const isolated = (name: string) => `<bdi>${name}</bdi>`

    const list = await reader.page('/ideas')
    expect(list.status).toBe(200)
    expect(list.html, 'the idea card').toContain(isolated('שלום עולם'))

    const page = await reader.page(ideaPath)
    expect(page.status).toBe(200)
    expect(page.html, 'the idea page').toContain(isolated('שלום עולם'))
    expect(page.html, 'the comment').toContain(isolated('سارة أحمد'))

    const person = await reader.page(`/u/${author.handle}`)
    expect(person.status).toBe(200)
    expect(person.html, 'the profile').toContain(isolated('שלום עולם'))

    const signedIn = await reader.page('/ideas', cookie)
    expect(signedIn.html, 'the account menu').toContain(isolated('سارة أحمد'))
  })
})
