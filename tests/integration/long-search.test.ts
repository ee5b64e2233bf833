// A search longer than the box takes (a link, the address typed) is searched for by its first 200
// characters and the page says so, in the person's language: before, the list silently showed every
// idea under "Ideas", as if nothing had been searched for.
import { describe, expect, it } from 'vitest'

import * as ideasList from '#app/routes/ideas._index'
import { translator } from '#app/utils/i18n/i18n'
import { createTestIdea, unique } from '#tests/factories'
import { appBuild, crawler, pageReader } from '#tests/setup/app-build'
import { makeContext, makeRequest } from '#tests/setup/request'

const reader = pageReader(
  appBuild([{ id: 'routes/ideas._index', path: 'ideas', index: true, module: ideasList }]),
)

describe('a search of 500 characters', () => {
  for (const locale of ['en', 'nl'] as const)
    it(`is made with its first 200, and the page says so (${locale})`, async () => {
      const word = unique('quokka').replace(/[^a-z]/g, '')
      const other = await createTestIdea({ title: `Something else entirely ${unique('x')}` })
      const query = `${word} ${'z'.repeat(500)}`
      const response = await reader.handle(
        makeRequest({
          path: `/ideas?${new URLSearchParams({ q: query })}`,
          cookie: `ideabox_lang=${locale}`,
          headers: crawler,
        }),
        makeContext(),
      )
      expect(response.status).toBe(200)
      const page = /<main[^>]*>(.*)<\/main>/s.exec(await response.text())?.[1] ?? ''
      const t = translator(locale)
      const searched = query.slice(0, 200)
      expect(page).toContain(t('ideas.searchTitle', { query: searched }))
      expect(page).toContain(t('search.shortened', { max: 200 }))
      expect(page).not.toContain(other.title)
      // The box shows what was searched for, and points at the note.
      expect(page).toMatch(
        new RegExp(`<input[^>]*aria-describedby="[^"]+"[^>]*value="${searched}"`),
      )
    })
})
