// A launched or declined idea takes no votes: a visitor is not offered to sign in to vote for it
// (a fresh-eyes review found the sign-in arrow on launched ideas, while signed in the button is off),
// on its page and on the list's cards, and still is for an open idea.
import { describe, expect, it } from 'vitest'

import { ideaPath } from '#app/domain/ideas/ideas.rules'
import * as ideasList from '#app/routes/ideas._index'
import * as ideaPage from '#app/routes/ideas.$ideaRef'
import { en } from '#app/utils/i18n/en'
import { createTestIdea, unique } from '#tests/factories'
import { serveAppDuringTests } from '#tests/setup/app-server'
import { pageFetcher } from '#tests/setup/page-answers'

const app = serveAppDuringTests([
  { id: 'routes/ideas._index', path: 'ideas', index: true, module: ideasList },
  { id: 'routes/ideas.$ideaRef', path: 'ideas/:ideaRef', module: ideaPage },
])
const get = pageFetcher(app.base)

const signInToVote = (title: string) => en['votes.signInToVote'].replace('{title}', title)

describe('a closed idea, for a visitor', () => {
  it('shows that voting is closed instead of a sign-in to vote, on its page and on its card', async () => {
    for (const statusSlug of ['implemented', 'declined']) {
      const closed = await createTestIdea({ statusSlug, title: unique('Closed idea') })
      const open = await createTestIdea({ title: unique('Open idea') })
      for (const idea of [closed, open]) {
        const page = await get(ideaPath(idea))
        expect(page.status).toBe(200)
        const offered = page.html.includes(`aria-label="${signInToVote(idea.title)}"`)
        expect(offered, `${statusSlug}: ${idea.title}`).toBe(idea === open)
        // (An open idea's page may show the closed one among its related ideas.)
        if (idea === closed) expect(page.html).toContain(en['votes.closed'])
      }
      const list = await get(`/ideas?sort=new&q=${encodeURIComponent(closed.title)}`)
      expect(list.status).toBe(200)
      expect(list.html).toContain(en['votes.closed'])
      expect(list.html).not.toContain(`aria-label="${signInToVote(closed.title)}"`)
    }
  })
})
