// A search typed into the browsed list's form is ranked by best match (fresh-eyes review, issue 19):
// the form sent the list's order along (sort=trending), so the search kept the trending order unless
// the person changed it. The default order is now sent as no order; an order chosen stays chosen.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import * as notFound from '#app/routes/$'
import * as ideasList from '#app/routes/ideas._index'
import { createTestIdea } from '#tests/factories'
import { serveAppDuringTests } from '#tests/setup/app-server'
import { pageFetcher } from '#tests/setup/page-answers'

const app = serveAppDuringTests([
  { id: 'routes/ideas._index', path: 'ideas', index: true, module: ideasList },
  { id: 'routes/$', path: '*', module: notFound },
])
const get = pageFetcher(app.base)

/** What the list's form sends for its order as rendered: the selected option's value. */
function sentOrder(html: string) {
  const select = /<select[^>]*name="sort"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]!
  const selected = /<option[^>]*value="([^"]*)"[^>]*selected/.exec(select)
  return { sent: selected?.[1] ?? /<option[^>]*value="([^"]*)"/.exec(select)![1]!, select }
}

const titles = (html: string) =>
  [...html.matchAll(/<h[23][^>]*>\s*<a[^>]*>([\s\S]*?)<\/a>/g)].map((match) =>
    match[1]!.replace(/<[^>]+>/g, ''),
  )

describe('a search typed into the browsed list', () => {
  it('is ranked by best match, and an order the person chose stays chosen', async () => {
    // Popular, the word only in its description; less popular, the word in its title.
    const popular = await createTestIdea({
      title: 'Warmer seats by the window',
      description: 'And a zebrafinch mural.',
    })
    await createTestIdea({ title: 'A zebrafinch on the cups', description: 'Just a bird.' })
    await db().execute(sql`update ideas set hot_score = hot_score + 1000 where id = ${popular.id}`)

    const browsed = await get('/ideas')
    expect(sentOrder(browsed.html).sent).toBe('')
    const searched = await get(`/ideas?q=zebrafinch&sort=${sentOrder(browsed.html).sent}`)
    expect(searched.status).toBe(200)
    expect(titles(searched.html).slice(0, 2)).toEqual([
      'A zebrafinch on the cups',
      'Warmer seats by the window',
    ])
    // Searching again from the results page keeps best match; trending, once chosen, is sent.
    expect(sentOrder(searched.html).sent).toBe('')
    expect(sentOrder(searched.html).select).toContain('value="trending"')
    const trending = await get('/ideas?q=zebrafinch&sort=trending')
    expect(titles(trending.html).slice(0, 2)).toEqual([
      'Warmer seats by the window',
      'A zebrafinch on the cups',
    ])
    expect(sentOrder(trending.html).sent).toBe('trending')
  })
})
