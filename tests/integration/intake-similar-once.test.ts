// The intake's "Check for similar ideas" answer as the agent's browser gets it without JavaScript:
// each idea found listed once, open ones with their status and a link to their page like closed
// ones, in English and Dutch.
import { describe, expect, it } from 'vitest'

import { createTestIdea, createTestUser, findCategory, unique } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import * as intakePage from '#app/routes/admin.intake'
import { appBuild, crawler, pageReader } from '#tests/setup/app-build'
import { cookieFrom, makeContext, makeRequest } from '#tests/setup/request'

const reader = pageReader(
  appBuild([{ id: 'routes/admin.intake', path: 'admin/intake', module: intakePage }]),
)

const mainOf = (html: string) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)![1]!
const count = (text: string, part: string) => text.split(part).length - 1

describe("the intake check's similar ideas", () => {
  it('lists each idea once, open ones with their status badge and a link like closed ones', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const cookie = cookieFrom((await startSession(agent.id)).cookie)
    const word = `Quillowix${Date.now()}`
    const open = await createTestIdea({ title: `${word} loyalty stamps` })
    const closed = await createTestIdea({ title: `${word} loyalty cards`, statusSlug: 'declined' })
    const category = await findCategory({ kind: 'product' })
    for (const [lang, openStatus] of [
      ['en', 'New'],
      ['nl', 'Nieuw'],
    ] as const) {
      const response = await reader.handle(
        makeRequest({
          path: '/admin/intake',
          method: 'POST',
          cookie: `${cookie}; ideabox_lang=${lang}`,
          headers: crawler,
          form: {
            intent: 'check',
            email: `${unique('c')}@example.test`,
            name: 'Kim',
            channel: 'phone',
            kind: 'product',
            categoryId: String(category.id),
            title: `${word} loyalty`,
            description: 'Said on the phone.',
          },
        }),
        makeContext(),
      )
      expect(response.status, lang).toBe(200)
      const main = mainOf(await response.text()).replace(/<!-- -->/g, '')
      for (const idea of [open, closed]) {
        // One link to the idea's page, one row: the idea is not listed a second time.
        expect(count(main, `href="${ideaPath(idea)}"`), `${lang}: ${idea.title}`).toBe(1)
      }
      // The open idea has its status badge beside its link, and its vote button.
      const openRow = new RegExp(
        `<li>(?:(?!</li>)[\\s\\S])*href="${ideaPath(open)}"(?:(?!</li>)[\\s\\S])*</li>`,
      ).exec(main)?.[0]
      expect(openRow, lang).toContain(`status-badge--new`)
      expect(openRow, lang).toContain(`>${openStatus}</span>`)
      expect(openRow, lang).toContain(`name="voteFor" value="${open.id}"`)
    }
  })
})
