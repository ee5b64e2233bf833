// The intake console's answers as the agent's browser gets them without JavaScript, in English and
// Dutch: the check lists each idea found once, open ones with their status and a link to their page
// like closed ones; a vote refused for a closed idea not listed names the idea and its status.
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

/** The console's answer to the form, as the page a browser without JavaScript shows. */
async function postedPage(cookie: string, form: Record<string, string>) {
  const response = await reader.handle(
    makeRequest({ path: '/admin/intake', method: 'POST', cookie, headers: crawler, form }),
    makeContext(),
  )
  return { status: response.status, main: mainOf(await response.text()).replace(/<!-- -->/g, '') }
}

async function agentCookie() {
  const agent = await createTestUser({ role: 'agent', password: null })
  return cookieFrom((await startSession(agent.id)).cookie)
}

const customer = () => ({ email: `${unique('c')}@example.test`, name: 'Kim', channel: 'phone' })
const count = (text: string, part: string) => text.split(part).length - 1

describe('the intake console page', () => {
  it('lists each idea once, open ones with their status badge and a link like closed ones', async () => {
    const cookie = await agentCookie()
    const word = `Quillowix${Date.now()}`
    const open = await createTestIdea({ title: `${word} loyalty stamps` })
    const closed = await createTestIdea({ title: `${word} loyalty cards`, statusSlug: 'declined' })
    const category = await findCategory({ kind: 'product' })
    for (const [lang, openStatus] of [
      ['en', 'New'],
      ['nl', 'Nieuw'],
    ] as const) {
      const { status, main } = await postedPage(`${cookie}; ideabox_lang=${lang}`, {
        ...customer(),
        intent: 'check',
        kind: 'product',
        categoryId: String(category.id),
        title: `${word} loyalty`,
        description: 'Said on the phone.',
      })
      expect(status, lang).toBe(200)
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
  it('names the closed idea a vote was refused for, and its status, when it is not listed', async () => {
    const cookie = await agentCookie()
    const declined = await createTestIdea({
      title: `Nebulor${Date.now()} paper straws`,
      statusSlug: 'declined',
    })
    for (const [lang, status] of [
      ['en', 'Declined'],
      ['nl', 'Afgewezen'],
    ] as const) {
      // A vote posted for it with no search: the page lists no idea to say it beside.
      const page = await postedPage(`${cookie}; ideabox_lang=${lang}`, {
        ...customer(),
        voteFor: String(declined.id),
      })
      expect(page.status, lang).toBe(409)
      const banner = /<[^>]*role="alert"[^>]*>([\s\S]*?)<\/(?:p|div)>/.exec(page.main)?.[1]
      expect(banner, lang).toContain(`#${declined.id} ${declined.title}`)
      expect(banner, lang).toContain(status)
    }
  })

  it("names the idea a capture went to only when the viewer may see it (the address is anyone's to write)", async () => {
    const cookie = await agentCookie()
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const moderatorCookie = cookieFrom((await startSession(moderator.id)).cookie)
    const shown = await createTestIdea({ title: `Shown ${unique('i')}` })
    const held = await createTestIdea({ title: `Held ${unique('i')}`, heldReason: 'Spam check' })
    const page = async (who: string, ideaId: number) => {
      const response = await reader.handle(
        makeRequest({
          path: `/admin/intake?done=vote&idea=${ideaId}&customer=1`,
          cookie: who,
          headers: crawler,
        }),
        makeContext(),
      )
      expect(response.status).toBe(200)
      return mainOf(await response.text()).replace(/<!-- -->/g, '')
    }
    expect(await page(cookie, shown.id)).toContain(shown.title)
    const agentsView = await page(cookie, held.id)
    expect(agentsView).not.toContain(held.title)
    expect(agentsView).toContain('notice--success')
    expect(await page(moderatorCookie, held.id)).toContain(held.title)
  })
})
