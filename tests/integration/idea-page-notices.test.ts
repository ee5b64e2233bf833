// The notices above an idea say where it stands, once: an author who withdraws their idea while it
// still waits for a moderator reads that they withdrew it, not also that it waits for approval.
import { describe, expect, it } from 'vitest'

import { startSession } from '#app/domain/accounts/sessions.server'
import { withdrawIdea } from '#app/domain/ideas/editing.server'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import * as ideaPage from '#app/routes/ideas.$ideaRef'
import { translator } from '#app/utils/i18n/i18n'
import { createTestIdea, createTestUser } from '#tests/factories'
import { appBuild, pageReader } from '#tests/setup/app-build'

const reader = pageReader(
  appBuild([{ id: 'routes/ideas.$ideaRef', path: 'ideas/:ideaRef', module: ideaPage }]),
)

/** The notices the page shows (not the dictionary its script carries in the head). */
const notices = (html: string) =>
  [...html.matchAll(/<p class="notice[^"]*"[^>]*>(.*?)<\/p>/gs)].map(([, text]) => text)

describe('an idea waiting for a moderator', () => {
  for (const locale of ['en', 'nl'] as const)
    it(`says only that its author withdrew it, once withdrawn (${locale})`, async () => {
      const author = await createTestUser({ password: null, locale })
      const idea = await createTestIdea({ authorId: author.id, heldReason: 'new account' })
      const cookie = `${(await startSession(author.id)).cookie.split(';')[0]!}; ideabox_lang=${locale}`
      const t = translator(locale)
      const before = await reader.page(ideaPath(idea), cookie)
      expect(notices(before.html)).toEqual([t('ideas.held')])
      expect(await withdrawIdea({ actor: author, ideaId: idea.id })).toMatchObject({ ok: true })
      const after = await reader.page(ideaPath(idea), cookie)
      expect(after.status).toBe(200)
      expect(notices(after.html)).toEqual([t('ideas.withdrawnByYou')])
    })
})
