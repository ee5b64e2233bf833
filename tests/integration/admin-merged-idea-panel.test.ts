// The back-office page of an idea that was already merged names the idea it went into, in its Merge
// panel, with a link to that idea's back-office page (not only "merged into another one").
import { describe, expect, it } from 'vitest'

import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { mergeIdeas } from '#app/domain/ideas/merging.server'
import * as ideaPage from '#app/routes/admin.ideas.$ideaId'
import { appBuild, pageReader } from '#tests/setup/app-build'
import { readingIn } from '#tests/setup/language'

const reader = pageReader(
  appBuild([{ id: 'routes/admin.ideas.$ideaId', path: 'admin/ideas/:ideaId', module: ideaPage }]),
)

describe('the Merge panel of an idea merged already', () => {
  it('names the idea it was merged into, with a link to its back-office page', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const cookie = (await startSession(moderator.id)).cookie.split(';')[0]!
    const marker = Date.now().toString(36).replace(/\d/g, '')
    const original = await createTestIdea({ title: `Reusable cups everywhere ${marker}` })
    const duplicate = await createTestIdea({ title: `Cups to reuse ${marker}` })
    expect(
      await mergeIdeas({ actor: moderator, duplicateId: duplicate.id, originalId: original.id }),
    ).toMatchObject({ ok: true })
    for (const [lang, sentence] of [
      ['en', 'This idea was already merged into'],
      ['nl', 'Dit idee is al samengevoegd met'],
    ] as const) {
      const { status, html } = await reader.page(
        `/admin/ideas/${duplicate.id}`,
        await readingIn(cookie, lang),
      )
      expect(status).toBe(200)
      const panel = /<section[^>]*id="merge"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? ''
      expect(panel).toContain(sentence)
      expect(panel).toMatch(
        new RegExp(
          `<a [^>]*href="/admin/ideas/${original.id}"[^>]*>Reusable cups everywhere ${marker}</a>`,
        ),
      )
    }
  })
})
